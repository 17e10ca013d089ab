import type { z } from "zod";
import type { OpSpec } from "@/app/api/_shared/surface";
import { Login, LoginMfa, Logout } from "./login";
import { DisableUserMfa, EnableUserMfa, GenerateSecretForQR } from "./mfa";

type AnyOp = OpSpec<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;

/** Every IamBackoffice method by name: the route dispatches on it, OpenAPI lists it. */
export const iamOps: Record<string, AnyOp> = {
  Login,
  LoginMfa,
  Logout,
  GenerateSecretForQR,
  EnableUserMfa,
  DisableUserMfa,
} as unknown as Record<string, AnyOp>;
