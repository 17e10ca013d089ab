import type { z } from "zod";
import type { OpSpec } from "@/app/api/_shared/surface";
import * as roles from "./roles";
import * as users from "./users";

type AnyOp = OpSpec<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;

const isOp = (v: unknown): v is AnyOp => !!v && typeof v === "object" && "operationId" in v && "run" in v;

/** The 22 BillForward SecurityApi operations. */
export const billForwardOps: AnyOp[] = ([...Object.values(users), ...Object.values(roles)] as unknown[]).filter(isOp);
