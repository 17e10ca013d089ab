import { z } from "zod";
import type { DocumentedOperation, DocumentedSurface } from "./types";

/*
 * Transcribed from the Quatrix UserApi document (seeds/001, JavaScript client) and its models as
 * seed-apis.md §2 lists them (JS models primary, fields only the Go spec has are allowed too).
 * snake_case; timestamps are numbers; every UserResp field is optional.
 */
const uuid = z.uuid();
const int = z.int();
/** format: email as HTML reads it (zod's default refuses a `%` or `!` in the local part, which mail allows). */
const email = z.email({ pattern: z.regexes.html5Email });

const Group = z.strictObject({
  id: uuid.optional(),
  name: z.string().optional(),
  metadata: z.strictObject({ is_system: z.boolean().optional(), translation_id: uuid.optional(), visual_order: int.optional() }).optional(),
});

const UserResp = z.strictObject({
  id: uuid.optional(),
  parent_id: uuid.optional(),
  home_id: uuid.optional(),
  home_name: z.string().optional(),
  super_admin: z.enum(["Y", "N"]).optional(),
  name: z.string().optional(),
  email: email.optional(),
  status: z.string().optional(),
  quota: int.optional(),
  created: z.number().optional(),
  modified: z.number().optional(),
  groups: z.array(Group).optional(),
  user_operations: int.optional(),
  effective_operations: int.optional(),
  home_operations: int.optional(),
  language: z.string().optional(),
  has_key: z.boolean().optional(),
  services: z.array(z.strictObject({ id: uuid.optional(), service_key: z.string().optional() })).optional(),
  unique_login: z.string().optional(),
  sftp_login: z.string().optional(),
  sftp_home: z.string().optional(),
  readonly: z.boolean().optional(),
  auth_methods: z.array(z.string()).optional(),
  last_login: z.number().optional(),
  storage_used: int.optional(),
  forced_auth: z.array(z.string()).optional(),
  // Go spec variant.
  storage_id: uuid.optional(),
  custom_sftp_home: z.boolean().optional(),
});

const JobResp = z.strictObject({ job_id: uuid.optional() });
const PgpKeyResp = z.strictObject({
  id: uuid.optional(),
  name: z.string().optional(),
  created: int.optional(),
  modified: int.optional(),
  public: z.base64().optional(),
  private: z.base64().optional(),
  email: z.string().optional(),
});
const ProfileRemoveMfaResp = z.strictObject({ status: z.enum(["success"]).optional() });

const ErrorModel = z.strictObject({ msg: z.string(), code: int.min(-1).max(100), details: z.record(z.string(), z.unknown()).optional() });

const BASE = "/api/1.0";
const op = (name: string, method: DocumentedOperation["method"], path: string, success: DocumentedOperation["success"]): DocumentedOperation => ({ name: `Quatrix ${name}`, method, path: `${BASE}${path}`, success });

export const quatrix: DocumentedSurface = {
  name: "Quatrix",
  prefix: `${BASE}/`,
  operations: [
    op("userCreatePost", "POST", "/user/create", { 201: UserResp }),
    op("userDeletePost", "POST", "/user/delete", { 202: JobResp }),
    op("userEditPost", "POST", "/user/edit", { 200: z.array(UserResp) }),
    op("userGet", "GET", "/user", { 200: z.array(UserResp) }),
    op("userGroupGet", "GET", "/user/group", { 200: z.array(Group) }),
    op("userMetadataIdGet", "GET", "/user/metadata/{id}", { 200: UserResp }),
    op("userPgpKeyIdGet", "GET", "/user/pgp-key/{id}", { 200: PgpKeyResp }),
    op("userRemoveMfaPost", "POST", "/user/remove-mfa", { 200: ProfileRemoveMfaResp }),
    op("userResetMfaPost", "POST", "/user/reset-mfa", { 200: ProfileRemoveMfaResp }),
    op("userSetMfaPost", "POST", "/user/set-mfa", { 200: ProfileRemoveMfaResp }),
    // "null (empty response body)".
    op("userSignupPost", "POST", "/user/signup", { 200: "empty" }),
  ],
  error: () => ErrorModel,
};
