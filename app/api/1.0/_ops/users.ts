import { NextResponse } from "next/server";
import { z } from "zod";
import type { OpSpec } from "@/app/api/_shared/surface";
import { redeemCode } from "@/lib/account/one-time-codes";
import { requirePermission, type Caller } from "@/lib/authz/caller";
import { listGroups } from "@/lib/groups/groups";
import { removeMfa, resetMfa, setMfa } from "@/lib/mfa/admin";
import { getPgpKey } from "@/lib/pgp/keys";
import { consumeClientRate } from "@/lib/security/throttle";
import { createUser } from "@/lib/users/create";
import { startDeleteUsers } from "@/lib/users/delete";
import { detailsOfUsers, tenantForcesMfa, type UserDetails } from "@/lib/users/details";
import { allTenantUsersWithDetails, type ListedUser } from "@/lib/users/directory";
import type { UserRow } from "@/lib/users/records";
import { userInScope } from "@/lib/users/scope";
import { updateUsers } from "@/lib/users/update";
import { BASE, quatrix, unix } from "../_shared/surface";
import { emailAddress, nameList, QUOTA_MAX } from "@/lib/input/schemas";
import { BULK_CHANGE_LIMIT } from "@/lib/users/list";

/** Users named by id: as many as the console's bulk actions take at once (each is checked one by one). */
const ids = z
  .array(z.uuid("ids must be user ids"))
  .min(1, "ids must name at least one user")
  .max(BULK_CHANGE_LIMIT, `ids must name at most ${BULK_CHANGE_LIMIT.toLocaleString("en")} users`);

const common = { surface: quatrix, tag: "Quatrix UserApi", auth: "required" as const };

const Group = z.object({ id: z.string(), name: z.string(), metadata: z.object({ is_system: z.boolean(), visual_order: z.number().int() }) });
const UserResp = z.object({
  id: z.string(),
  super_admin: z.enum(["Y", "N"]),
  name: z.string(),
  email: z.string(),
  status: z.enum(["A", "D"]),
  quota: z.number().int().optional(),
  created: z.number().optional(),
  modified: z.number().optional(),
  groups: z.array(Group),
  language: z.string().optional(),
  has_key: z.boolean(),
  services: z.array(z.object({ id: z.string(), service_key: z.string() })),
  unique_login: z.string(),
  readonly: z.boolean(),
  auth_methods: z.array(z.string()),
  forced_auth: z.array(z.string()),
  last_login: z.number().optional(),
  storage_used: z.number().int(),
});

const toGroup = (g: UserDetails["groups"][number], i: number) => ({ id: g.id, name: g.name, metadata: { is_system: g.isSystem, visual_order: i } });

/** The answer for a list of users: their details are read once for the whole list, not per user. */
async function toUserResps(rows: UserRow[], tenantId: string): Promise<z.infer<typeof UserResp>[]> {
  if (!rows.length) return [];
  const [detailsOf, tenantForced] = await Promise.all([detailsOfUsers(rows.map((u) => u.id), tenantId), tenantForcesMfa(tenantId)]);
  return rows.map((u) => toUserResp(u, detailsOf(u.id), u.mfaRequired || tenantForced));
}

const toOneUserResp = async (u: UserRow, tenantId: string) => (await toUserResps([u], tenantId))[0]!;

function toUserResp(u: ListedUser, d: UserDetails, forced: boolean): z.infer<typeof UserResp> {
  return {
    id: u.id,
    super_admin: d.roleNames.includes("admin") || u.isSuperAdmin ? "Y" : "N",
    name: u.fullName,
    email: u.email,
    status: u.active ? "A" : "D",
    quota: u.quota ?? undefined,
    created: unix(u.createdAt),
    modified: unix(u.updatedAt),
    groups: d.groups.map(toGroup),
    language: u.preferredLanguages[0],
    has_key: d.hasPgpKey,
    services: [],
    unique_login: u.email,
    readonly: false,
    auth_methods: [...new Set([...d.methods.map((m) => (m.kind === "pin" ? "PIN" : "2FA")), ...(d.passkeyCount ? ["2FA"] : [])])],
    forced_auth: forced ? ["2FA"] : [],
    last_login: unix(u.lastLoginAt),
    storage_used: 0,
  };
}

const splitName = (name: string) => {
  const [first = "", ...rest] = name.trim().split(/\s+/);
  return { firstName: first, lastName: rest.join(" ") };
};

export const listUsers: OpSpec<z.ZodType, z.ZodType, z.ZodType, z.ZodArray<typeof UserResp>> = {
  ...common,
  method: "GET",
  path: `${BASE}/user`,
  operationId: "Quatrix_userGet",
  summary: "All users of the account (tenant)",
  response: z.array(UserResp),
  async run({ caller }) {
    await requirePermission(caller!, "User", "Read");
    return (await allTenantUsersWithDetails(caller!)).map((r) => toUserResp(r.user, r.details, r.user.mfaRequired || r.tenantForcesMfa));
  },
};

const IdParams = z.object({ id: z.uuid("id must be a UUID") });

async function readable(caller: Caller, id: string) {
  const u = await userInScope(caller, id);
  if (u.id !== caller.userId) await requirePermission(caller, "User", "Read");
  return u;
}

export const getUser: OpSpec<z.ZodType, z.ZodType, typeof IdParams, typeof UserResp> = {
  ...common,
  method: "GET",
  path: `${BASE}/user/metadata/{id}`,
  operationId: "Quatrix_userMetadataIdGet",
  summary: "One user by id",
  params: IdParams,
  response: UserResp,
  run: async ({ params, caller }) => toOneUserResp(await readable(caller!, params.id), caller!.tenantId),
};

const yn = z.enum(["Y", "N"], "super_admin must be Y or N");
const ad = z.enum(["A", "D"], "status must be A (active) or D (disabled)");
const UserCreateReq = z.object({
  name: z.string().trim().min(1, "name is required").max(200),
  email: emailAddress("email must be an email address", "email must be at most 254 characters"),
  parent_id: z.uuid().optional(),
  quota: z.number().int().min(0).max(QUOTA_MAX, `quota must be at most ${QUOTA_MAX}`).optional(),
  status: ad.optional(),
  super_admin: yn.optional(),
  home_id: z.uuid().optional(),
  user_operations: z.number().int().optional(),
  home_operations: z.number().int().optional(),
  language: z.string().max(20).optional(),
  groups: nameList(z.uuid("groups must be group ids"), "groups").optional(),
  services: nameList(z.uuid(), "services").optional(),
  sftp_login: z.string().optional(),
});

export const createUserOp: OpSpec<typeof UserCreateReq, z.ZodType, z.ZodType, typeof UserResp> = {
  ...common,
  method: "POST",
  path: `${BASE}/user/create`,
  operationId: "Quatrix_userCreatePost",
  summary: "Create a user; they get an email to set their password",
  body: UserCreateReq,
  response: UserResp,
  successStatus: 201,
  async run({ body, caller }) {
    const u = await createUser(caller!, {
      ...splitName(body.name),
      email: body.email,
      active: body.status !== "D",
      tenantAdmin: body.super_admin === "Y",
      groups: body.groups ?? [],
      quota: body.quota,
      preferredLanguages: body.language ? [body.language] : [],
      sendInvitation: true,
    });
    return toOneUserResp(u, caller!.tenantId);
  },
};

const UserEditReq = UserCreateReq.partial().extend({ ids });

export const editUsers: OpSpec<typeof UserEditReq, z.ZodType, z.ZodType, z.ZodArray<typeof UserResp>> = {
  ...common,
  method: "POST",
  path: `${BASE}/user/edit`,
  operationId: "Quatrix_userEditPost",
  summary: "Edit the listed users (email only for a single user; both addresses are notified)",
  body: UserEditReq,
  response: z.array(UserResp),
  async run({ body, caller }) {
    const rows = await updateUsers(caller!, body.ids, {
      email: body.email,
      ...(body.name !== undefined ? splitName(body.name) : {}),
      active: body.status === undefined ? undefined : body.status === "A",
      tenantAdmin: body.super_admin === undefined ? undefined : body.super_admin === "Y",
      quota: body.quota,
      groups: body.groups,
      preferredLanguages: body.language ? [body.language] : undefined,
    });
    return toUserResps(rows, caller!.tenantId);
  },
};

const UserDeleteReq = z.object({ ids, delete_home: z.boolean().optional() });
const JobResp = z.object({ job_id: z.string() });

export const deleteUsers: OpSpec<typeof UserDeleteReq, z.ZodType, z.ZodType, typeof JobResp> = {
  ...common,
  method: "POST",
  path: `${BASE}/user/delete`,
  operationId: "Quatrix_userDeletePost",
  summary: "Delete users asynchronously; answers 202 with the job id",
  body: UserDeleteReq,
  response: JobResp,
  successStatus: 202,
  run: async ({ body, caller }) => ({ job_id: (await startDeleteUsers(caller!, body.ids)).id }),
};

const PgpKeyResp = z.object({ id: z.string(), name: z.string(), created: z.number().optional(), modified: z.number().optional(), public: z.string(), private: z.string().optional(), email: z.string() });
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

export const getPgpKeyOp: OpSpec<z.ZodType, z.ZodType, typeof IdParams, typeof PgpKeyResp> = {
  ...common,
  method: "GET",
  path: `${BASE}/user/pgp-key/{id}`,
  operationId: "Quatrix_userPgpKeyIdGet",
  summary: "A user's PGP key (public part base64; the encrypted private part only to its owner)",
  params: IdParams,
  response: PgpKeyResp,
  async run({ params, caller }) {
    const k = await getPgpKey(caller!, params.id);
    return { id: k.id, name: k.name, created: unix(k.createdAt), modified: unix(k.updatedAt), public: b64(k.publicKey), ...(k.privateKeyEncrypted ? { private: b64(k.privateKeyEncrypted) } : {}), email: k.email };
  },
};

export const listUserGroups: OpSpec<z.ZodType, z.ZodType, z.ZodType, z.ZodArray<typeof Group>> = {
  ...common,
  method: "GET",
  path: `${BASE}/user/group`,
  operationId: "Quatrix_userGroupGet",
  summary: "Groups users can be assigned to",
  response: z.array(Group),
  run: async ({ caller }) => (await listGroups(caller!, { pageSize: 200 })).rows.map(toGroup),
};

const UserSignupReq = z.object({
  email: emailAddress("email must be an email address", "email must be at most 254 characters"),
  password: z.string().min(1, "password is required"),
  code: z.string().min(1, "code (the invitation code from the email) is required"),
});

/** Sets an invited user's password: needs the single-use invitation code (documented difference). */
export const signup: OpSpec<typeof UserSignupReq, z.ZodType, z.ZodType, z.ZodType> = {
  ...common,
  auth: "none",
  method: "POST",
  path: `${BASE}/user/signup`,
  operationId: "Quatrix_userSignupPost",
  summary: "An invited user sets their password (email + password + invitation code)",
  body: UserSignupReq,
  response: z.null(),
  async run({ body, ip }) {
    await consumeClientRate("signup-ip", ip, 20, 3600);
    await redeemCode({ code: body.code, newPassword: body.password, email: body.email }, ["invite"], { ip });
    return new NextResponse(null, { status: 200 });
  },
};

const StatusResp = z.object({ status: z.literal("success") });
// `code` is the PIN for auth_type "PIN" (checked by lib/mfa); for "2FA" it carries nothing, so "" is fine.
const SetMfaReq = z.object({ ids, auth_type: z.enum(["2FA", "PIN"], "auth_type must be 2FA or PIN"), code: z.string().max(64, "code is at most 64 characters").default("") });

export const setMfaOp: OpSpec<typeof SetMfaReq, z.ZodType, z.ZodType, typeof StatusResp> = {
  ...common,
  method: "POST",
  path: `${BASE}/user/set-mfa`,
  operationId: "Quatrix_userSetMfaPost",
  summary: "Enable MFA for users (2FA: forced, sessions end; PIN: the code is their PIN)",
  body: SetMfaReq,
  response: StatusResp,
  async run({ body, caller }) {
    await setMfa(caller!, body.ids, body.auth_type, body.code);
    return { status: "success" as const };
  },
};

const RemoveMfaReq = z.object({ ids, auth_type: z.enum(["2FA", "PIN"], "auth_type must be 2FA or PIN") });

export const removeMfaOp: OpSpec<typeof RemoveMfaReq, z.ZodType, z.ZodType, typeof StatusResp> = {
  ...common,
  method: "POST",
  path: `${BASE}/user/remove-mfa`,
  operationId: "Quatrix_userRemoveMfaPost",
  summary: "Disable MFA for users (refused when the account forces 2FA)",
  body: RemoveMfaReq,
  response: StatusResp,
  async run({ body, caller }) {
    await removeMfa(caller!, body.ids, body.auth_type);
    return { status: "success" as const };
  },
};

const ResetMfaReq = z.object({ ids, auth_type: z.literal("2FA", "auth_type must be 2FA") });

export const resetMfaOp: OpSpec<typeof ResetMfaReq, z.ZodType, z.ZodType, typeof StatusResp> = {
  ...common,
  method: "POST",
  path: `${BASE}/user/reset-mfa`,
  operationId: "Quatrix_userResetMfaPost",
  summary: "Wipe users' MFA secrets; MFA stays on and sessions end",
  body: ResetMfaReq,
  response: StatusResp,
  async run({ body, caller }) {
    await resetMfa(caller!, body.ids);
    return { status: "success" as const };
  },
};

