import { and, eq, exists, gt, isNull, lt, sql, type SQL } from "drizzle-orm";
import { db, type DB, type Tx } from "@/db/client";
import { keyPlaceholder } from "@/db/dialect";
import { preparedOnce } from "@/db/prepared";
import { authChallenges, memberships, mfaMethods, passkeys, tenants, trustedDevices, users } from "@/db/schema";
import { audit, type AuditEntry } from "@/lib/audit/record";
import { AppError, isAppError, notFound, unauthenticated } from "@/lib/errors";
import { checkSecondFactor, type SecondFactor } from "@/lib/mfa/methods";
import { randomToken, sha256 } from "@/lib/security/crypto";
import { verifyPassword } from "@/lib/security/password";
import { accountThrottleKey, claimAttempt, failedAttempt, perClientKeys, succeededAttempt } from "@/lib/security/throttle";
import { createSession, type NewSession } from "@/lib/sessions/sessions";
import type { UserRow } from "@/lib/users/records";
import { knownDevice, type DeviceCredentials } from "./device-cookie";

const CHALLENGE_TTL_MS = 5 * 60_000;
const MAX_CODE_ATTEMPTS = 5;
const TRUST_DAYS = 30;
export const BAD_CREDENTIALS = "Invalid email or password";

export interface LoginContext {
  ip: string;
  userAgent?: string;
}

export type LoginOutcome =
  /**
   * The account as read before the password check (so what an answer shows of it predates this
   * sign-in), whether it has a second factor, and the tenant's session lifetime when read with it.
   */
  | { status: "ok"; userId: string; tenantId: string; user: UserRow; secondFactor: boolean; lifetimeMinutes?: number }
  | { status: "mfa"; twoFactorId: string; userId: string; tenantId: string; methods: { id: string; kind: string }[] }
  | { status: "choose_tenant"; tenants: { id: string; name: string }[] };

/** Tenants the user may sign in to: accepted memberships in live tenants, or every live tenant for a super admin. */
export async function signInTenants(user: { id: string; isSuperAdmin: boolean }) {
  if (user.isSuperAdmin)
    return db.select({ id: tenants.id, name: tenants.name }).from(tenants).where(isNull(tenants.retiredAt)).orderBy(tenants.name);
  return db
    .select({ id: tenants.id, name: tenants.name })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, user.id), isNull(memberships.invitedAt), isNull(tenants.retiredAt)))
    .orderBy(tenants.name);
}

/**
 * The account behind a login id (an email address, stored lower-cased, or else a username), read
 * with what the sign-in needs next in one query: the live tenants it has accepted memberships in
 * (one row each, with their session lifetime) and whether it has any second factor. Prepared once
 * per kind of id: every sign-in runs it.
 */
const loginRows = (where: SQL) =>
  db
    .select({
      user: users,
      tenantId: tenants.id,
      tenantName: tenants.name,
      lifetimeMinutes: tenants.sessionLifetimeMinutes,
      secondFactor: sql<boolean>`(${exists(db.select({ one: sql`1` }).from(mfaMethods).where(eq(mfaMethods.userId, users.id)))} or ${exists(db.select({ one: sql`1` }).from(passkeys).where(eq(passkeys.userId, users.id)))})`.mapWith(Boolean),
    })
    .from(users)
    .leftJoin(memberships, and(eq(memberships.userId, users.id), isNull(memberships.invitedAt)))
    .leftJoin(tenants, and(eq(tenants.id, memberships.tenantId), isNull(tenants.retiredAt)))
    .where(where)
    .orderBy(tenants.name);
const loginByEmail = preparedOnce("login_by_email", () => loginRows(eq(users.email, keyPlaceholder("id"))));
const loginByUsername = preparedOnce("login_by_username", () => loginRows(eq(users.username, keyPlaceholder("id"))));

async function findLogin(loginId: string) {
  const account = (found: Awaited<ReturnType<typeof loginByEmail>>) => {
    const first = found[0];
    if (!first) return undefined;
    const tenantsHere = found.flatMap((r) => (r.tenantId ? [{ id: r.tenantId, name: r.tenantName!, lifetimeMinutes: r.lifetimeMinutes! }] : []));
    return { user: first.user, tenants: tenantsHere, secondFactor: first.secondFactor };
  };
  return account(await loginByEmail({ id: loginId.toLowerCase() })) ?? account(await loginByUsername({ id: loginId }));
}

/** Claims the attempt in the throttle (before any hashing); a refused attempt is audited too. */
export async function claimOrAudit(keys: string[], entry: Omit<AuditEntry, "action">) {
  try {
    await claimAttempt(keys);
  } catch (e) {
    await audit({ ...entry, action: "login.throttled" });
    throw e;
  }
}

/**
 * Which counters an attempt is throttled on. A browser with this account's device cookie has its
 * own; every other attempt counts on the account (one counter whether named by email or by
 * username) and, behind a trusted proxy, on the client address.
 */
export async function throttleKeys(userId: string | undefined, loginId: string, ip: string, deviceCookie?: string, credentials?: DeviceCredentials) {
  const device = userId ? await knownDevice(deviceCookie, userId, credentials) : undefined;
  if (device) return [`dev:${device}`];
  return [accountThrottleKey(userId ?? loginId.toLowerCase()), ...perClientKeys("ip", ip)];
}

/**
 * First step of every sign-in (browser and API): password, throttling, tenant choice, and
 * whether a second factor is due. The same message answers unknown login and wrong password.
 */
export async function passwordLogin(
  input: { loginId: string; password: string; tenantId?: string; trustToken?: string; deviceCookie?: string },
  ctx: LoginContext,
): Promise<LoginOutcome> {
  const loginId = input.loginId.trim();
  const found = await findLogin(loginId);
  const user = found?.user;
  const label = user?.email ?? loginId.toLowerCase();
  const entry = { actorEmail: label, ip: ctx.ip, targetType: "user", targetId: user?.id ?? null, targetLabel: label };
  const credentials = user && { passwordHash: user.passwordHash, epoch: user.credentialsEpoch };
  const keys = await throttleKeys(user?.id, loginId, ctx.ip, input.deviceCookie, credentials);
  await claimOrAudit(keys, entry);
  if (!(await verifyPassword(user?.passwordHash, input.password)) || !user) {
    await failedAttempt(keys);
    await audit({ ...entry, action: "login.failed" });
    throw unauthenticated(BAD_CREDENTIALS);
  }
  await succeededAttempt(keys);
  if (!user.active) {
    await audit({ ...entry, action: "login.disabled_account" });
    throw new AppError("forbidden", "This account is disabled. Contact your administrator.");
  }
  const allowed = user.isSuperAdmin ? await signInTenants(user) : found.tenants;
  let tenantId = input.tenantId;
  if (tenantId && !allowed.some((t) => t.id === tenantId)) throw unauthenticated("You are not a member of that tenant");
  if (!tenantId) {
    if (allowed.length === 0) throw new AppError("forbidden", "This account has no tenant to sign in to");
    if (allowed.length > 1) return { status: "choose_tenant", tenants: allowed.map((t) => ({ id: t.id, name: t.name })) };
    tenantId = allowed[0]!.id;
  }
  const signedIn = { userId: user.id, tenantId, user, lifetimeMinutes: found.tenants.find((t) => t.id === tenantId)?.lifetimeMinutes };
  if (!found.secondFactor) return { status: "ok", ...signedIn, secondFactor: false };
  const methods: { id: string; kind: string }[] = [
    ...(await db.select({ id: mfaMethods.id, kind: mfaMethods.kind }).from(mfaMethods).where(eq(mfaMethods.userId, user.id))),
    ...(await db.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, user.id))).map((p) => ({ id: p.id, kind: "passkey" })),
  ];
  if (methods.length === 0 || (await isTrustedDevice(user.id, input.trustToken))) return { status: "ok", ...signedIn, secondFactor: methods.length > 0 };
  const twoFactorId = randomToken();
  await db
    .insert(authChallenges)
    .values({ userId: user.id, tenantId, kind: "mfa", secretHash: sha256(twoFactorId), expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS) });
  return { status: "mfa", twoFactorId, userId: user.id, tenantId, methods };
}

const EXPIRED = "This sign-in has expired. Start again with your password.";

/** Second step: a pending twoFactorId plus a TOTP, PIN or recovery code. */
export async function completeMfa(input: { twoFactorId: string; code: string }, ctx: LoginContext) {
  return completeSecondStep(input.twoFactorId, ctx, (userId) => checkSecondFactor(userId, input.code, perClientKeys("ip", ctx.ip)), "The code is not valid");
}

/** The pending second step of a sign-in, or undefined (unknown, used or expired). */
export async function pendingSecondStep(twoFactorId: string) {
  const [challenge] = await db
    .select()
    .from(authChallenges)
    .where(and(eq(authChallenges.secretHash, sha256(twoFactorId)), eq(authChallenges.kind, "mfa"), isNull(authChallenges.usedAt), gt(authChallenges.expiresAt, new Date())))
    .limit(1);
  return challenge;
}

/**
 * Completes a pending second step with whatever factor `check` verifies (a code, or a passkey:
 * lib/passkeys). Each try claims one of the challenge's attempts first; the challenge is used once.
 */
export async function completeSecondStep(
  twoFactorId: string,
  ctx: LoginContext,
  check: (userId: string, challengeId: string) => Promise<SecondFactor | null>,
  failure: string | (() => string),
) {
  const [challenge] = await db
    .select()
    .from(authChallenges)
    .where(and(eq(authChallenges.secretHash, sha256(twoFactorId)), eq(authChallenges.kind, "mfa")))
    .limit(1);
  if (!challenge) throw unauthenticated(EXPIRED);
  // Claim one of the challenge's attempts before checking the code: parallel guesses cannot exceed the limit.
  const claimed = (
    await db
      .update(authChallenges)
      .set({ attempts: sql`${authChallenges.attempts} + 1` })
      .where(and(eq(authChallenges.id, challenge.id), lt(authChallenges.attempts, MAX_CODE_ATTEMPTS), isNull(authChallenges.usedAt), gt(authChallenges.expiresAt, new Date())))
      .returning({ id: authChallenges.id })
  ).length;
  if (!claimed) throw unauthenticated(EXPIRED);
  const entry = { tenantId: challenge.tenantId, actorId: challenge.userId, ip: ctx.ip, targetType: "user", targetId: challenge.userId };
  // A failure names who failed (the audit log's actor), as a password failure does; read only then.
  const failedBy = async () => {
    const [u] = await db.select({ email: users.email }).from(users).where(eq(users.id, challenge.userId));
    return { ...entry, actorEmail: u?.email ?? "", targetLabel: u?.email ?? "" };
  };
  let factor: SecondFactor | null;
  try {
    factor = await check(challenge.userId, challenge.id);
  } catch (e) {
    if (isAppError(e) && e.kind === "rate_limited") await audit({ ...(await failedBy()), action: "login.throttled" });
    throw e;
  }
  if (!factor) {
    await audit({ ...(await failedBy()), action: "login.mfa_failed" });
    throw unauthenticated(typeof failure === "string" ? failure : failure());
  }
  const used = (
    await db
      .update(authChallenges)
      .set({ usedAt: new Date() })
      .where(and(eq(authChallenges.id, challenge.id), isNull(authChallenges.usedAt)))
      .returning({ id: authChallenges.id })
  ).length;
  if (!used) throw unauthenticated("This sign-in has already been completed");
  if (factor === "recovery") await audit({ ...entry, action: "mfa.recovery_code_used" });
  return { userId: challenge.userId, tenantId: challenge.tenantId, factor };
}

/** Records a completed sign-in (counters and audit). The counter is one atomic increment: instances sharing the database count together. */
export async function recordLogin(userId: string, tenantId: string, ctx: LoginContext, via: "browser" | "api", tx: Tx | DB = db) {
  const [user] = await tx
    .update(users)
    .set({ lastLoginAt: new Date(), successfulLogins: sql`${users.successfulLogins} + 1` })
    .where(eq(users.id, userId))
    .returning({ email: users.email });
  if (!user) throw notFound();
  await audit({ tenantId, action: "login.success", actorId: userId, actorEmail: user.email, ip: ctx.ip, targetType: "user", targetId: userId, targetLabel: user.email, data: { via } }, tx);
}

/** A verified sign-in becomes a session; the session and the sign-in record are written together. */
export async function startSession(input: NewSession & LoginContext, via: "browser" | "api") {
  return db.transaction(async (tx) => {
    const created = await createSession(input, tx);
    await recordLogin(input.userId, input.tenantId, input, via, tx);
    return created;
  });
}

/** A fully verified sign-in becomes a single-use ticket that next-auth exchanges for a session. */
export async function issueTicket(userId: string, tenantId: string) {
  const ticket = randomToken();
  await db
    .insert(authChallenges)
    .values({ userId, tenantId, kind: "ticket", secretHash: sha256(ticket), expiresAt: new Date(Date.now() + 60_000) });
  return ticket;
}

export async function consumeTicket(ticket: string) {
  const [row] = await db
    .select()
    .from(authChallenges)
    .where(and(eq(authChallenges.secretHash, sha256(ticket)), eq(authChallenges.kind, "ticket"), isNull(authChallenges.usedAt), gt(authChallenges.expiresAt, new Date())))
    .limit(1);
  if (!row) return undefined;
  const won = (
    await db
      .update(authChallenges)
      .set({ usedAt: new Date() })
      .where(and(eq(authChallenges.id, row.id), isNull(authChallenges.usedAt)))
      .returning({ id: authChallenges.id })
  ).length;
  return won ? { userId: row.userId, tenantId: row.tenantId } : undefined;
}

export async function trustDevice(userId: string, tenantId: string, ctx: LoginContext) {
  const token = randomToken();
  await db.transaction(async (tx) => {
    const [device] = await tx
      .insert(trustedDevices)
      .values({ userId, tokenHash: sha256(token), expiresAt: new Date(Date.now() + TRUST_DAYS * 86400_000) })
      .returning({ id: trustedDevices.id });
    await audit({ tenantId, action: "mfa.device_trusted", actorId: userId, ip: ctx.ip, targetType: "user", targetId: userId, data: { deviceId: device!.id, days: TRUST_DAYS } }, tx);
  });
  return { token, maxAgeSeconds: TRUST_DAYS * 86400 };
}

async function isTrustedDevice(userId: string, token?: string) {
  if (!token) return false;
  const [device] = await db
    .select({ id: trustedDevices.id })
    .from(trustedDevices)
    .where(and(eq(trustedDevices.userId, userId), eq(trustedDevices.tokenHash, sha256(token)), gt(trustedDevices.expiresAt, new Date())))
    .limit(1);
  return !!device;
}
