import type { z } from "zod";
import type { OpSpec } from "@/app/api/_shared/surface";
import * as users from "./users";

type AnyOp = OpSpec<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;
const isOp = (v: unknown): v is AnyOp => !!v && typeof v === "object" && "operationId" in v && "run" in v;

/** The 11 Quatrix UserApi operations. */
export const quatrixOps: AnyOp[] = (Object.values(users) as unknown[]).filter(isOp);
