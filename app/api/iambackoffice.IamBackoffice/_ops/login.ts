import { z } from "zod";
import type { OpSpec } from "@/app/api/_shared/surface";
import { completeMfa, passwordLogin, recordLogin, startSession } from "@/lib/auth/login";
import { deviceLabel } from "@/lib/auth/request-meta";
import { unauthenticated } from "@/lib/errors";
import { signOut } from "@/lib/sessions/admin";
import { findUserById, type UserRow } from "@/lib/users/records";
import { BASE, iam } from "../_shared/rpc";
import { methodsOf, toIamUser, TwoFactorMethod, User } from "../_shared/user";
import { loginIdentifier } from "@/lib/input/schemas";

const Device = z.object({ description: z.string().optional(), name: z.string().optional(), deviceType: z.string().optional() });

const LoginRequest = z.object({
  tenantId: z.string().optional(),
  loginId: loginIdentifier("loginId"),
  password: z.string().min(1, "password is required"),
  ipAddress: z.string().optional(),
  metaData: z.object({ device: Device.optional() }).optional(),
  noTokens: z.boolean().optional(),
  twoFactorTrustId: z.string().optional(),
});

const LoginResponse = z.object({
  tokens: z.object({ token: z.string(), refreshToken: z.string() }).optional(),
  user: User.optional(),
  methods: z.array(TwoFactorMethod).optional(),
  twoFactorId: z.string().optional(),
  tenantId: z.string().optional(),
});

/**
 * A finished sign-in over the API: an API session (access + refresh token) unless noTokens.
 * `known`: what the password step already read (the account, whether it has a second factor at
 * all, the tenant's session lifetime), so it is not read again.
 */
async function finish(
  userId: string,
  tenantId: string,
  ctx: { ip: string; userAgent: string },
  noTokens?: boolean,
  device?: z.infer<typeof Device>,
  known?: { user: UserRow; secondFactor: boolean; lifetimeMinutes?: number },
) {
  const user = known?.user ?? (await findUserById(userId))!;
  const base = { user: await toIamUser(user, [tenantId], known?.secondFactor === false ? [] : undefined), tenantId };
  if (noTokens) {
    await recordLogin(userId, tenantId, ctx, "api");
    return base;
  }
  const { accessToken, refreshToken } = await startSession(
    {
      userId,
      tenantId,
      kind: "api",
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      device: device?.name || device?.description || deviceLabel(ctx.userAgent),
      lifetimeMinutes: known?.lifetimeMinutes,
    },
    "api",
  );
  return { ...base, tokens: { token: accessToken!, refreshToken: refreshToken! } };
}

const uuidOrEmpty = (v?: string) => (v && v.length ? v : undefined);

export const Login: OpSpec<typeof LoginRequest, z.ZodType, z.ZodType, typeof LoginResponse> = {
  surface: iam,
  method: "POST",
  path: `${BASE}/Login`,
  operationId: "IamBackoffice_Login",
  summary: "Sign in with email (or username) and password",
  tag: "IamBackoffice",
  auth: "none",
  body: LoginRequest,
  response: LoginResponse,
  async run({ body, ip, userAgent }) {
    const tenantId = uuidOrEmpty(body.tenantId);
    const outcome = await passwordLogin({ loginId: body.loginId, password: body.password, tenantId, trustToken: body.twoFactorTrustId }, { ip, userAgent });
    if (outcome.status === "choose_tenant") throw unauthenticated("This account belongs to several tenants: set tenantId");
    if (outcome.status === "mfa")
      return { twoFactorId: outcome.twoFactorId, methods: await methodsOf(outcome.userId), tenantId: outcome.tenantId };
    return finish(outcome.userId, outcome.tenantId, { ip, userAgent }, body.noTokens, body.metaData?.device, outcome);
  },
};

const LoginMfaRequest = z.object({
  tenantId: z.string().optional(),
  code: z.string().min(1, "code is required").max(64),
  twoFactorId: z.string().min(1, "twoFactorId is required").max(128),
});

export const LoginMfa: OpSpec<typeof LoginMfaRequest, z.ZodType, z.ZodType, typeof LoginResponse> = {
  surface: iam,
  method: "POST",
  path: `${BASE}/LoginMfa`,
  operationId: "IamBackoffice_LoginMfa",
  summary: "Complete a pending two-factor sign-in",
  tag: "IamBackoffice",
  auth: "none",
  body: LoginMfaRequest,
  response: LoginResponse,
  async run({ body, ip, userAgent }) {
    const done = await completeMfa(body, { ip, userAgent });
    return finish(done.userId, done.tenantId, { ip, userAgent });
  },
};

const LogoutRequest = z.object({
  global: z.boolean().optional(),
  tokens: z.object({ token: z.string().optional(), refreshToken: z.string().optional() }).catchall(z.unknown()).optional(),
});
const SuccessResponse = z.object({ success: z.boolean() });

export const Logout: OpSpec<typeof LogoutRequest, z.ZodType, z.ZodType, typeof SuccessResponse> = {
  surface: iam,
  method: "POST",
  path: `${BASE}/Logout`,
  operationId: "IamBackoffice_Logout",
  summary: "End the session (or, with global, every session of the user)",
  tag: "IamBackoffice",
  auth: "required",
  body: LogoutRequest,
  response: SuccessResponse,
  async run({ body, caller }) {
    // Without tokens, the session that made this call ends; named tokens must match a session (else 404).
    const tokens = body.tokens && { token: body.tokens.token, refreshToken: body.tokens.refreshToken };
    await signOut(caller!, { global: body.global, tokens });
    return { success: true };
  },
};

