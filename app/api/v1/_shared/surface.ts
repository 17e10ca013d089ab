import { z } from "zod";
import { queryBool } from "@/app/api/_shared/query";
import { STATUS, type Surface } from "@/app/api/_shared/surface";

const ERROR_TYPE = {
  validation: "ValidationError",
  unauthenticated: "Oauth",
  forbidden: "PermissionsError",
  not_found: "NotFound",
  conflict: "Conflict",
  rate_limited: "RateLimited",
  precondition: "ValidationError",
  too_large: "ValidationError",
  internal: "ServerError",
} as const;

export const bf: Surface = {
  name: "BillForward",
  error(kind, message, field) {
    return { status: STATUS[kind], body: { errorType: ERROR_TYPE[kind], errorMessage: message, errorParameters: field ? [field] : [] } };
  },
};

export const BASE = "/api/v1";
export const iso = (d: Date | null | undefined) => (d ? d.toISOString().replace(/\.\d{3}Z$/, "Z") : undefined);

/** `{executionTime, results}` for single objects; paged lists add the paging fields. */
export function envelope<T>(started: number, results: T[]) {
  return { executionTime: Date.now() - started, results };
}

/** `keep`: the request's other query parameters, carried into nextPage so a client can follow it as is. */
export function pagedEnvelope<T>(started: number, results: T[], paging: { offset: number; records: number; total: number; path: string; keep?: Record<string, unknown> }) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(paging.keep ?? {}))
    if (k !== "offset" && k !== "records" && v !== undefined) for (const x of [v].flat()) query.append(k, String(x));
  query.set("offset", String(paging.offset + paging.records));
  query.set("records", String(paging.records));
  const next = paging.offset + results.length < paging.total ? `${paging.path}?${query}` : undefined;
  return {
    executionTime: Date.now() - started,
    results,
    currentOffset: paging.offset,
    recordsRequested: paging.records,
    recordsReturned: results.length,
    totalRecords: paging.total,
    currentPage: Math.floor(paging.offset / Math.max(1, paging.records)),
    ...(next ? { nextPage: next } : {}),
  };
}

export const Envelope = <T extends z.ZodType>(item: T) => z.object({ executionTime: z.number().int(), results: z.array(item) });
export const PagedEnvelope = <T extends z.ZodType>(item: T) =>
  Envelope(item).extend({
    currentOffset: z.number().int(),
    recordsRequested: z.number().int(),
    recordsReturned: z.number().int(),
    totalRecords: z.number().int(),
    currentPage: z.number().int(),
    nextPage: z.string().optional(),
  });

const organizations = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])).optional();

const MAX_OFFSET = 1_000_000_000;

export const ScopeQuery = z.object({ organizations });
export const PagingQuery = z.object({
  organizations,
  // Capped so a huge value answers 400 instead of overflowing SQLite's integer OFFSET.
  offset: z.coerce.number().int("offset must be a whole number").min(0, "offset must be 0 or more").max(MAX_OFFSET, `offset must be at most ${MAX_OFFSET}`).default(0),
  records: z.coerce.number().int("records must be a whole number").min(1, "records must be at least 1").max(500, "records must be at most 500").default(10),
  order_by: z.enum(["created", "updated", "name"]).default("created"),
  order: z.enum(["ASC", "DESC", "asc", "desc"]).default("DESC").transform((v) => v.toUpperCase() as "ASC" | "DESC"),
  include_retired: queryBool.default(false),
});

/** `organizations` narrows a call to listed organization IDs; we act in the first one given. */
export const tenantFrom = (orgs: string[] | undefined, fallback: string) => orgs?.[0] || fallback;
