import type { z } from "zod";
import { iamOps } from "@/app/api/iambackoffice.IamBackoffice/_ops";
import { billForwardOps } from "@/app/api/v1/_ops";
import { quatrixOps } from "@/app/api/1.0/_ops";
import { forgivaOps } from "@/app/api/user/_ops";
import type { OpSpec } from "./surface";

type AnyOp = OpSpec<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;

/** Every documented operation we serve, for the OpenAPI document and the API reference page. */
export const ALL_OPS: AnyOp[] = [...Object.values(iamOps), ...quatrixOps, ...billForwardOps, ...forgivaOps];
