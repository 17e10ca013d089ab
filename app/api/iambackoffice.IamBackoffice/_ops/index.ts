import type { z } from "zod";
import type { OpSpec } from "@/app/api/_shared/surface";
import { AssignRoles, AssignUserToGroup, CreateGroup, SearchGroups, UnassignRoles } from "./groups-roles";
import { Login, LoginMfa, Logout } from "./login";
import { DisableUserMfa, EnableUserMfa, GenerateSecretForQR } from "./mfa";
import { GetUser, Register } from "./users";

type AnyOp = OpSpec<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;

/** Every IamBackoffice method by name: the route dispatches on it, OpenAPI lists it. */
export const iamOps: Record<string, AnyOp> = {
  AssignRoles,
  UnassignRoles,
  AssignUserToGroup,
  CreateGroup,
  SearchGroups,
  GetUser,
  Login,
  LoginMfa,
  Logout,
  Register,
  GenerateSecretForQR,
  EnableUserMfa,
  DisableUserMfa,
} as unknown as Record<string, AnyOp>;
