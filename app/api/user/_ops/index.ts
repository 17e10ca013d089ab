import type { z } from "zod";
import type { OpSpec } from "@/app/api/_shared/surface";
import * as vault from "./vault";

type AnyOp = OpSpec<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;
const isOp = (v: unknown): v is AnyOp => !!v && typeof v === "object" && "operationId" in v && "run" in v;

/** The 14 Forgiva UserOperationsApi operations. */
export const forgivaOps: AnyOp[] = (Object.values(vault) as unknown[]).filter(isOp);
