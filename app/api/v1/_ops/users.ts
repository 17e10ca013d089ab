import { z } from "zod";
import type { OpSpec } from "@/app/api/_shared/surface";
import { changeEmail, changePassword } from "@/lib/account/credentials";
import { redeemCode, requestPasswordReset, RESET_TTL_MS } from "@/lib/account/one-time-codes";
import type { Caller, OwnRecord } from "@/lib/authz/caller";
import { sendTemplatedMail } from "@/lib/email/templates";
import { AppError, forbidden } from "@/lib/errors";
import { hasAuthenticator } from "@/lib/mfa/methods";
import { roleCodesOf } from "@/lib/roles/roles";
import { generatePermanentToken, generateTemporaryTokens, refreshPermanentToken } from "@/lib/tokens/tokens";
import { createUser } from "@/lib/users/create";
import { listTenantUsers, organizationsOf, userByEmailInScope } from "@/lib/users/directory";
import { findUserById, findUserWithAuthenticator, type UserRow } from "@/lib/users/records";
import { updateUsers } from "@/lib/users/update";
import { bfTimeZone } from "../_shared/timezone";
import { BASE, bf, Envelope, envelope, iso, PagedEnvelope, pagedEnvelope, PagingQuery, ScopeQuery, tenantFrom } from "../_shared/surface";
import { emailAddress, LOGIN_ID_MAX, nameList } from "@/lib/input/schemas";

const common = { surface: bf, tag: "BillForward SecurityApi", auth: "required" as const };
const t = () => Date.now();

/** What the answers show of a user: any row, with or without its password hash. */
type PublicUser = OwnRecord["user"];

const UsernameResponse = z.object({
  created: z.string().optional(),
  id: z.string(),
  username: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  userID: z.string(),
  email: z.string(),
  profilePicture: z.string().optional(),
  organizationID: z.string(),
  twoFA: z.boolean(),
});
const UserResponse = z.object({
  created: z.string().optional(),
  updated: z.string().optional(),
  enabled: z.boolean(),
  id: z.string(),
  username: z.array(UsernameResponse),
  passwordResetValidTill: z.string().optional(),
  lastSuccessfulLogin: z.string().optional(),
  successfulLogins: z.number().int(),
  organizationID: z.string(),
});

/** Usernames are email addresses; our identity has exactly one. */
/** `twoFA` when already read with the user (users/mine), else read here. */
async function usernameOf(u: PublicUser, orgId: string, twoFA?: boolean): Promise<z.infer<typeof UsernameResponse>> {
  return { created: iso(u.createdAt), id: u.id, username: u.email, firstName: u.firstName, lastName: u.lastName, userID: u.id, email: u.email, profilePicture: u.imageUrl ?? undefined, organizationID: orgId, twoFA: twoFA ?? (await hasAuthenticator(u.id)) };
}

async function userResponse(u: PublicUser, orgId: string, twoFA?: boolean): Promise<z.infer<typeof UserResponse>> {
  return { created: iso(u.createdAt), updated: iso(u.updatedAt), enabled: u.active, id: u.id, username: [await usernameOf(u, orgId, twoFA)], lastSuccessfulLogin: iso(u.lastLoginAt), successfulLogins: u.successfulLogins, organizationID: orgId };
}

/**
 * The caller's own user: `read` as it came with the caller (users/mine, readsOwnRecord), else its
 * row and whether it has an authenticator in one query (after a change, so the answer shows it).
 */
async function ownUserResponse(caller: Caller, read?: OwnRecord) {
  const own = read ?? (await findUserWithAuthenticator(caller.userId))!;
  return userResponse(own.user, caller.tenantId, own.hasAuthenticator);
}

// ---- create / flexcheck / invite -------------------------------------------------------------

const UserCreateRequest = z.object({
  created: z.string().optional(),
  changedBy: z.string().optional(),
  organizationID: z.string().optional(),
  email: emailAddress("email must be an email address", "email must be at most 254 characters"),
  firstName: z.string().max(100).optional(),
  lastName: z.string().max(100).optional(),
  companyName: z.string().max(200).optional(),
  password: z.string().min(1, "password must not be empty").max(256).optional(),
  roles: nameList(z.string().min(1), "roles").optional(),
  sendEmail: z.boolean().optional(),
  id: z.string().optional(),
});
const UserInviteRequest = UserCreateRequest.omit({ password: true, sendEmail: true });

const UserCreationResponse = z.object({
  created: z.string().optional(),
  changedBy: z.string().optional(),
  organizationID: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  companyName: z.string(),
  roles: z.array(z.string()),
  emailSent: z.boolean(),
  accountID: z.string().optional(),
  user: z.object({
    id: z.string(),
    organizationID: z.string(),
    enabled: z.boolean(),
    email: z.string(),
    flexcheckUser: z.boolean(),
    twoFA: z.boolean(),
    activeUsernames: z.array(z.string()),
    timezone: z.object({ id: z.string(), displayName: z.string(), rawOffset: z.number().int(), dstsavings: z.number().int() }),
    created: z.string().optional(),
  }),
  id: z.string(),
});
const CreationEnvelope = Envelope(UserCreationResponse);

async function create(caller: Caller, body: z.infer<typeof UserCreateRequest>, opts: { flexcheck?: boolean; invite?: boolean }) {
  const orgId = body.organizationID || caller.tenantId;
  const invite = opts.invite || !body.password;
  const user = await createUser(caller, {
    email: body.email,
    firstName: body.firstName ?? "",
    lastName: body.lastName ?? "",
    companyName: body.companyName ?? "",
    password: invite ? undefined : body.password,
    passwordChangeRequired: false,
    sendInvitation: invite,
    roles: body.roles ?? [],
    tenantId: orgId,
    data: opts.flexcheck ? { flexcheckUser: "true" } : {},
  });
  let emailSent = invite;
  if (!invite && body.sendEmail) {
    await sendTemplatedMail(user.email, orgId, "accountCreated", { email: user.email });
    emailSent = true;
  }
  return {
    created: iso(user.createdAt),
    changedBy: caller.userId,
    organizationID: orgId,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    companyName: user.companyName,
    roles: await roleCodesOf(user.id, orgId),
    emailSent,
    user: { id: user.id, organizationID: orgId, enabled: user.active, email: user.email, flexcheckUser: !!opts.flexcheck, twoFA: false, activeUsernames: [user.email], timezone: bfTimeZone(user.timezone), created: iso(user.createdAt) },
    id: user.id,
  };
}

export const createUserLogin: OpSpec<typeof UserCreateRequest, z.ZodType, z.ZodType, typeof CreationEnvelope> = {
  ...common,
  method: "POST",
  path: `${BASE}/users`,
  operationId: "BillForward_create_user_login",
  summary: "Create a login user (with a password, or invited by email when none is given)",
  body: UserCreateRequest,
  response: CreationEnvelope,
  successStatus: 200,
  run: async ({ body, caller }) => envelope(t(), [await create(caller!, body, {})]),
};

export const createFlexcheckUserLogin: OpSpec<typeof UserCreateRequest, z.ZodType, z.ZodType, typeof CreationEnvelope> = {
  ...createUserLogin,
  path: `${BASE}/users/flexcheck`,
  operationId: "BillForward_create_flexcheck_user_login",
  summary: "Create an integration (flexcheck) user",
  run: async ({ body, caller }) => envelope(t(), [await create(caller!, body, { flexcheck: true })]),
};

export const inviteUserLogin: OpSpec<typeof UserInviteRequest, z.ZodType, z.ZodType, typeof CreationEnvelope> = {
  ...common,
  method: "POST",
  path: `${BASE}/users/invite`,
  operationId: "BillForward_invite_user_login",
  summary: "Create a user without a password and email an invitation to set one",
  body: UserInviteRequest,
  response: CreationEnvelope,
  run: async ({ body, caller }) => envelope(t(), [await create(caller!, body, { invite: true })]),
};

const OpenIdUserLinkRequest = z.object({
  provider: z.string().min(1, "provider is required"),
  passwordResetCode: z.string().min(1, "passwordResetCode is required"),
  idToken: z.string().min(1, "idToken is required"),
});
const OpenIdEnvelope = Envelope(z.object({ created: z.string().optional(), organizationID: z.string() }));

export const linkOpenIdTokenToUser: OpSpec<typeof OpenIdUserLinkRequest, z.ZodType, z.ZodType, typeof OpenIdEnvelope> = {
  ...common,
  auth: "none",
  method: "POST",
  path: `${BASE}/users/invite/openid`,
  operationId: "BillForward_link_open_id_token_to_user",
  summary: "Accept an invitation by linking an OpenID identity (no provider is configured: refused)",
  body: OpenIdUserLinkRequest,
  response: OpenIdEnvelope,
  run: ({ body }) => {
    // Without a configured provider an idToken cannot be verified; accepting it would let anyone
    // holding an invitation code bind an unverified identity. Refuse plainly instead.
    throw new AppError("validation", `OpenID provider "${body.provider}" is not configured on this server; accept the invitation with a password instead`, "provider");
  },
};

// ---- reads ---------------------------------------------------------------------------------

const SimpleUser = z.object({ created: z.string().optional(), id: z.string(), username: z.string(), email: z.string(), organizationID: z.string() });
const UsersPage = PagedEnvelope(SimpleUser);

export const getSimpleAllUsers: OpSpec<z.ZodType, typeof PagingQuery, z.ZodType, typeof UsersPage> = {
  ...common,
  method: "GET",
  path: `${BASE}/users`,
  operationId: "BillForward_get_simple_all_users",
  summary: "List the users of the organization",
  query: PagingQuery,
  response: UsersPage,
  async run({ query, caller }) {
    const t0 = t();
    const { rows, total, tenantId } = await listTenantUsers(caller!, { tenantId: tenantFrom(query.organizations, caller!.tenantId), offset: query.offset, records: query.records, order: query.order, orderBy: query.order_by });
    return pagedEnvelope(t0, rows.map((u) => ({ created: iso(u.createdAt), id: u.id, username: u.email, email: u.email, organizationID: tenantId })), { offset: query.offset, records: query.records, total, path: `${BASE}/users`, keep: query });
  },
};

const UserEnvelope = Envelope(UserResponse);
const UserPage = PagedEnvelope(UserResponse);

export const getCurrentUser: OpSpec<z.ZodType, typeof ScopeQuery, z.ZodType, typeof UserEnvelope> = {
  ...common,
  method: "GET",
  path: `${BASE}/users/mine`,
  operationId: "BillForward_get_current_user",
  summary: "The caller's own user",
  query: ScopeQuery,
  response: UserEnvelope,
  readsOwnRecord: true,
  run: async ({ caller }) => envelope(t(), [await ownUserResponse(caller!, caller!.own)]),
};

const Organization = z.object({ created: z.string().optional(), id: z.string(), customerCode: z.string(), name: z.string(), deleted: z.boolean(), organizationID: z.string() });
const OrgPage = PagedEnvelope(Organization);

export const getMyOrganizations: OpSpec<z.ZodType, z.ZodType, z.ZodType, typeof OrgPage> = {
  ...common,
  method: "GET",
  path: `${BASE}/users/mine/organizations`,
  operationId: "BillForward_get_my_organizations",
  summary: "Organizations the caller belongs to",
  response: OrgPage,
  async run({ caller }) {
    const orgs = (await organizationsOf(caller!)).map((o) => ({ created: iso(o.createdAt), id: o.id, customerCode: o.customerCode, name: o.name, deleted: !!o.retiredAt, organizationID: o.id }));
    return pagedEnvelope(t(), orgs, { offset: 0, records: Math.max(orgs.length, 1), total: orgs.length, path: `${BASE}/users/mine/organizations` });
  },
};

const EmailParams = z.object({ email: z.string().min(3, "email is required").max(LOGIN_ID_MAX, "email must be at most 320 characters") });

export const getUserByUsername: OpSpec<z.ZodType, typeof ScopeQuery, typeof EmailParams, typeof UserPage> = {
  ...common,
  method: "GET",
  path: `${BASE}/users/username/{email}`,
  operationId: "BillForward_get_user_by_username",
  summary: "A user by username (their email address)",
  query: ScopeQuery,
  params: EmailParams,
  response: UserPage,
  async run({ params, query, caller }) {
    const u = await userByEmailInScope(caller!, params.email);
    return pagedEnvelope(t(), [await userResponse(u, tenantFrom(query.organizations, caller!.tenantId))], { offset: 0, records: 1, total: 1, path: `${BASE}/users/username/${encodeURIComponent(u.email)}` });
  },
};

// ---- updates ---------------------------------------------------------------------------------

const UpdateUserInfoRequest = z.object({ firstName: z.string().max(100).optional(), lastName: z.string().max(100).optional(), organizationID: z.string().optional() });
const Username = z.object({ id: z.string(), userID: z.string(), organizationID: z.string(), username: z.string(), firstName: z.string(), lastName: z.string(), profilePicture: z.string().optional(), email: z.string(), created: z.string().optional(), changedBy: z.string().optional() });
const UsernameEnvelope = Envelope(Username);

export const updateUserInfos: OpSpec<typeof UpdateUserInfoRequest, typeof ScopeQuery, typeof EmailParams, typeof UsernameEnvelope> = {
  ...common,
  method: "PUT",
  path: `${BASE}/users/{email}`,
  operationId: "BillForward_update_user_infos",
  summary: "Change the first and last name of a username",
  body: UpdateUserInfoRequest,
  query: ScopeQuery,
  params: EmailParams,
  response: UsernameEnvelope,
  async run({ body, params, caller }) {
    const target = await userByEmailInScope(caller!, params.email);
    const [u] = await updateUsers(caller!, [target.id], { firstName: body.firstName, lastName: body.lastName });
    return envelope(t(), [{ id: u!.id, userID: u!.id, organizationID: caller!.tenantId, username: u!.email, firstName: u!.firstName, lastName: u!.lastName, email: u!.email, created: iso(u!.createdAt), changedBy: caller!.userId }]);
  },
};

/** Credentials change only with the owner's own password: admins use the reset flow instead. */
async function ownAccount(caller: Caller, email: string) {
  const u = await userByEmailInScope(caller, email);
  if (u.id !== caller.userId) throw forbidden("Only the account owner can change its sign-in email or password");
  return u;
}

const UpdateEmailRequest = z.object({
  password: z.string().min(1, "password is required"),
  newEmail: emailAddress("newEmail must be an email address", "newEmail must be at most 254 characters"),
  confirmNewEmail: z.string().min(1, "confirmNewEmail is required"),
  revokeOldAccessTokens: z.boolean().optional(),
  organizationID: z.string().optional(),
});

export const updateEmail: OpSpec<typeof UpdateEmailRequest, typeof ScopeQuery, typeof EmailParams, typeof UserEnvelope> = {
  ...common,
  method: "PUT",
  path: `${BASE}/users/{email}/email`,
  operationId: "BillForward_update_email",
  summary: "Change the login email (current password and a matching confirmation)",
  body: UpdateEmailRequest,
  query: ScopeQuery,
  params: EmailParams,
  response: UserEnvelope,
  async run({ body, params, caller }) {
    await ownAccount(caller!, params.email);
    await changeEmail(caller!, body, { revokeOtherCredentials: body.revokeOldAccessTokens });
    return envelope(t(), [await ownUserResponse(caller!)]);
  },
};

const UpdatePasswordResponse = z.object({ created: z.string().optional(), id: z.string(), username: z.array(UsernameResponse), organizationID: z.string(), passwordResetValidTill: z.string().optional() });
const PasswordEnvelope = Envelope(UpdatePasswordResponse);
const UpdatePasswordRequest = z
  .object({
    oldPassword: z.string().min(1, "oldPassword is required"),
    newPassword: z.string().min(1, "newPassword is required"),
    confirmNewPassword: z.string().min(1, "confirmNewPassword is required"),
    organizationID: z.string().optional(),
  })
  .refine((v) => v.newPassword === v.confirmNewPassword, { message: "does not match newPassword", path: ["confirmNewPassword"] });

const passwordResponse = async (u: UserRow, orgId: string) => ({ created: iso(u.createdAt), id: u.id, username: [await usernameOf(u, orgId)], organizationID: orgId });

export const updateUserPassword: OpSpec<typeof UpdatePasswordRequest, typeof ScopeQuery, typeof EmailParams, typeof PasswordEnvelope> = {
  ...common,
  method: "PUT",
  path: `${BASE}/users/{email}/password`,
  operationId: "BillForward_update_user_password",
  summary: "Change the password (old password, new password and its confirmation); other sessions end",
  body: UpdatePasswordRequest,
  query: ScopeQuery,
  params: EmailParams,
  response: PasswordEnvelope,
  async run({ body, params, caller }) {
    const u = await ownAccount(caller!, params.email);
    await changePassword(caller!, { currentPassword: body.oldPassword, newPassword: body.newPassword });
    return envelope(t(), [await passwordResponse(u, caller!.tenantId)]);
  },
};

// ---- password reset (open) -------------------------------------------------------------------

const PasswordResetCodeRequest = z.union([z.object({ email: emailAddress("email must be an email address", "email must be at most 254 characters") }), emailAddress("the body must be an email address", "the body must be at most 254 characters").transform((email) => ({ email }))]);
const ResetEnvelope = Envelope(z.object({ created: z.string().optional(), passwordResetValidTill: z.string(), organizationID: z.string().optional() }));

export const requestPasswordResetCode: OpSpec<typeof PasswordResetCodeRequest, z.ZodType, z.ZodType, typeof ResetEnvelope> = {
  ...common,
  auth: "none",
  method: "POST",
  path: `${BASE}/users/password-reset/request-reset-code`,
  operationId: "BillForward_request_password_reset_code",
  summary: "Email a reset code; the answer is the same whether or not the address is registered",
  body: PasswordResetCodeRequest,
  response: ResetEnvelope,
  async run({ body, ip }) {
    const { expiresAt } = await requestPasswordReset(body.email, { ip });
    return envelope(t(), [{ created: iso(new Date(expiresAt.getTime() - RESET_TTL_MS)), passwordResetValidTill: iso(expiresAt)! }]);
  },
};

const PasswordUpdateWithResetCodeRequest = z.object({
  created: z.string().optional(),
  organizationID: z.string().optional(),
  passwordResetCode: z.string().min(1, "passwordResetCode is required").max(200),
  newPassword: z.string().min(1, "newPassword is required"),
});

export const updateUserPasswordWithResetCode: OpSpec<typeof PasswordUpdateWithResetCodeRequest, z.ZodType, z.ZodType, typeof PasswordEnvelope> = {
  ...common,
  auth: "none",
  method: "POST",
  path: `${BASE}/users/password-reset/password-update`,
  operationId: "BillForward_update_user_password_with_reset_code",
  summary: "Set a new password with a reset (or invitation) code; every session of the user ends",
  body: PasswordUpdateWithResetCodeRequest,
  response: PasswordEnvelope,
  async run({ body, ip }) {
    const done = await redeemCode({ code: body.passwordResetCode, newPassword: body.newPassword }, ["reset", "invite"], { ip });
    const u = (await findUserById(done.userId))!;
    return envelope(t(), [await passwordResponse(u, done.tenantId ?? body.organizationID ?? "")]);
  },
};

// ---- tokens (bare OAuthToken / TokensResponse, no envelope) --------------------------------------

const OAuthToken = z.object({ accessToken: z.string(), refreshToken: z.string() });
const PermanentRequest = z.object({ password: z.string().min(1, "password is required"), code: z.string().optional() });

export const getPrivatePermanentApiToken: OpSpec<typeof PermanentRequest, z.ZodType, z.ZodType, typeof OAuthToken> = {
  ...common,
  method: "POST",
  path: `${BASE}/users/generate-permanent-api-token`,
  operationId: "BillForward_get_private_permanent_api_token",
  summary: "Mint a permanent private API token (password, plus a 2FA code when enabled)",
  body: PermanentRequest,
  response: OAuthToken,
  run: async ({ body, caller }) => {
    const { accessToken, refreshToken } = await generatePermanentToken(caller!, body);
    return { accessToken, refreshToken };
  },
};

const RefreshRequest = z.object({ password: z.string().min(1, "password is required"), refreshToken: z.string().min(1, "refreshToken is required") });

export const refreshPermanentApiToken: OpSpec<typeof RefreshRequest, z.ZodType, z.ZodType, typeof OAuthToken> = {
  ...common,
  method: "POST",
  path: `${BASE}/users/refresh-permanent-api-token`,
  operationId: "BillForward_refresh_permanent_api_token",
  summary: "Rotate a permanent token with its refresh token and the password",
  body: RefreshRequest,
  response: OAuthToken,
  run: ({ body, caller }) => refreshPermanentToken(caller!, body),
};

const TokensResponse = z.object({ privateToken: OAuthToken, publicToken: OAuthToken });

export const getTemporaryApiTokens: OpSpec<z.ZodType, z.ZodType, z.ZodType, typeof TokensResponse> = {
  ...common,
  method: "GET",
  path: `${BASE}/users/generate-tokens`,
  operationId: "BillForward_get_temporary_api_tokens",
  summary: "A one-hour private token (caller's rights) and a read-only public token",
  response: TokensResponse,
  mintsCredentials: true,
  async run({ caller }) {
    const { privateToken, publicToken } = await generateTemporaryTokens(caller!);
    // Temporary tokens expire and are not refreshable: refreshToken is empty.
    return { privateToken: { accessToken: privateToken, refreshToken: "" }, publicToken: { accessToken: publicToken, refreshToken: "" } };
  },
};
