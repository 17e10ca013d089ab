import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { authChallenges, memberships, mfaMethods, tenants, trustedDevices, users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import { AppError, notFound, unauthenticated } from "@/lib/errors";
import { verifySecondFactor } from "@/lib/mfa/methods";
import { randomToken, sha256 } from "@/lib/security/crypto";
import { verifyPassword } from "@/lib/security/password";
import { assertNotThrottled, clearFailures, recordFailure } from "@/lib/security/throttle";

const CHALLENGE_TTL_MS = 5 * 60_000;
const MAX_CODE_ATTEMPTS = 5;
const TRUST_DAYS = 30;
export const BAD_CREDENTIALS = "Invalid email or password";

export interface LoginContext {
  ip: string;
  userAgent?: string;
}

export type LoginOutcome =
  | { status: "ok"; userId: string; tenantId: string }
  | { status: "mfa"; twoFactorId: string; userId: string; tenantId: string; methods: { id: string; kind: string }[] }
  | { status: "choose_tenant"; tenants: { id: string; name: string }[] };

const throttleKeys = (email: string, ip: string) => [`acct:${email}`, `ip:${ip}`];

/** Tenants the user may sign in to: memberships in live tenants, or every live tenant for a super admin. */
export function signInTenants(user: { id: string; isSuperAdmin: boolean }) {
  if (user.isSuperAdmin)
    return db.select({ id: tenants.id, name: tenants.name }).from(tenants).where(isNull(tenants.retiredAt)).orderBy(tenants.name).all();
  return db
    .select({ id: tenants.id, name: tenants.name })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, user.id), isNull(tenants.retiredAt)))
    .orderBy(tenants.name)
    .all();
}

/**
 * First step of every sign-in (browser and API): password, throttling, tenant choice, and
 * whether a second factor is due. The same message answers unknown email and wrong password.
 */
export async function passwordLogin(
  input: { email: string; password: string; tenantId?: string; trustToken?: string },
  ctx: LoginContext,
): Promise<LoginOutcome> {
  const email = input.email.trim().toLowerCase();
  const keys = throttleKeys(email, ctx.ip);
  assertNotThrottled(keys);
  const user = db.select().from(users).where(eq(users.email, email)).get();
  const ok = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !ok) {
    recordFailure(keys);
    audit({ action: "login.failed", actorEmail: email, ip: ctx.ip, targetType: "user", targetId: user?.id ?? null, targetLabel: email });
    throw unauthenticated(BAD_CREDENTIALS);
  }
  if (!user.active) throw new AppError("forbidden", "This account is disabled. Contact your administrator.");
  const allowed = signInTenants(user);
  let tenantId = input.tenantId;
  if (tenantId && !allowed.some((t) => t.id === tenantId)) throw unauthenticated("You are not a member of that tenant");
  if (!tenantId) {
    if (allowed.length === 0) throw new AppError("forbidden", "This account has no tenant to sign in to");
    if (allowed.length > 1) return { status: "choose_tenant", tenants: allowed };
    tenantId = allowed[0]!.id;
  }
  clearFailures(keys);
  const methods = db.select({ id: mfaMethods.id, kind: mfaMethods.kind }).from(mfaMethods).where(eq(mfaMethods.userId, user.id)).all();
  if (methods.length === 0 || isTrustedDevice(user.id, input.trustToken)) return { status: "ok", userId: user.id, tenantId };
  const twoFactorId = randomToken();
  db.insert(authChallenges)
    .values({ userId: user.id, tenantId, kind: "mfa", secretHash: sha256(twoFactorId), expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS) })
    .run();
  return { status: "mfa", twoFactorId, userId: user.id, tenantId, methods };
}

/** Second step: a pending twoFactorId plus a TOTP, PIN or recovery code. */
export async function completeMfa(input: { twoFactorId: string; code: string }, ctx: LoginContext) {
  const challenge = db
    .select()
    .from(authChallenges)
    .where(and(eq(authChallenges.secretHash, sha256(input.twoFactorId)), eq(authChallenges.kind, "mfa")))
    .get();
  if (!challenge || challenge.usedAt || challenge.expiresAt.getTime() < Date.now() || challenge.attempts >= MAX_CODE_ATTEMPTS)
    throw unauthenticated("This sign-in has expired. Start again with your password.");
  const keys = [`mfa:${challenge.userId}`, `ip:${ctx.ip}`];
  assertNotThrottled(keys);
  const factor = await verifySecondFactor(challenge.userId, input.code);
  if (!factor) {
    db.update(authChallenges).set({ attempts: challenge.attempts + 1 }).where(eq(authChallenges.id, challenge.id)).run();
    recordFailure(keys);
    audit({ tenantId: challenge.tenantId, action: "login.mfa_failed", actorId: challenge.userId, ip: ctx.ip, targetType: "user", targetId: challenge.userId });
    throw unauthenticated("The code is not valid");
  }
  const used = db
    .update(authChallenges)
    .set({ usedAt: new Date() })
    .where(and(eq(authChallenges.id, challenge.id), isNull(authChallenges.usedAt)))
    .run().changes;
  if (!used) throw unauthenticated("This sign-in has already been completed");
  clearFailures(keys);
  if (factor === "recovery")
    audit({ tenantId: challenge.tenantId, action: "mfa.recovery_code_used", actorId: challenge.userId, ip: ctx.ip, targetType: "user", targetId: challenge.userId });
  return { userId: challenge.userId, tenantId: challenge.tenantId, factor };
}

/** Records a completed sign-in (counters and audit). */
export function recordLogin(userId: string, tenantId: string, ctx: LoginContext, via: "browser" | "api") {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw notFound();
  db.update(users)
    .set({ lastLoginAt: new Date(), successfulLogins: user.successfulLogins + 1 })
    .where(eq(users.id, userId))
    .run();
  audit({ tenantId, action: "login.success", actorId: userId, actorEmail: user.email, ip: ctx.ip, targetType: "user", targetId: userId, targetLabel: user.email, data: { via } });
}

/** A fully verified sign-in becomes a single-use ticket that next-auth exchanges for a session. */
export function issueTicket(userId: string, tenantId: string) {
  const ticket = randomToken();
  db.insert(authChallenges)
    .values({ userId, tenantId, kind: "ticket", secretHash: sha256(ticket), expiresAt: new Date(Date.now() + 60_000) })
    .run();
  return ticket;
}

export function consumeTicket(ticket: string) {
  const row = db
    .select()
    .from(authChallenges)
    .where(and(eq(authChallenges.secretHash, sha256(ticket)), eq(authChallenges.kind, "ticket"), isNull(authChallenges.usedAt), gt(authChallenges.expiresAt, new Date())))
    .get();
  if (!row) return undefined;
  const won = db.update(authChallenges).set({ usedAt: new Date() }).where(and(eq(authChallenges.id, row.id), isNull(authChallenges.usedAt))).run().changes;
  return won ? { userId: row.userId, tenantId: row.tenantId } : undefined;
}

export function trustDevice(userId: string) {
  const token = randomToken();
  db.insert(trustedDevices)
    .values({ userId, tokenHash: sha256(token), expiresAt: new Date(Date.now() + TRUST_DAYS * 86400_000) })
    .run();
  return { token, maxAgeSeconds: TRUST_DAYS * 86400 };
}

function isTrustedDevice(userId: string, token?: string) {
  if (!token) return false;
  return !!db
    .select({ id: trustedDevices.id })
    .from(trustedDevices)
    .where(and(eq(trustedDevices.userId, userId), eq(trustedDevices.tokenHash, sha256(token)), gt(trustedDevices.expiresAt, new Date())))
    .get();
}

/** Forgets trusted browsers, e.g. after an MFA reset. */
export function forgetTrustedDevices(userIds: string[]) {
  if (userIds.length) db.delete(trustedDevices).where(inArray(trustedDevices.userId, userIds)).run();
}
