import type { Surface } from "@/app/api/_shared/surface";
import { STATUS } from "@/app/api/_shared/surface";

/** gRPC status codes as the gateway maps them (api-contract.md §5). */
const GRPC = { validation: 3, unauthenticated: 16, forbidden: 7, not_found: 5, conflict: 6, rate_limited: 8, precondition: 9, too_large: 8, internal: 13 } as const;

export const iam: Surface = {
  name: "IamBackoffice",
  error(kind, message) {
    return { status: STATUS[kind], body: { code: GRPC[kind], message, details: [] } };
  },
};

export const BASE = "/api/iambackoffice.IamBackoffice";
/** int64 values travel as strings of epoch milliseconds. */
export const millis = (d: Date | null | undefined) => (d ? String(d.getTime()) : undefined);
