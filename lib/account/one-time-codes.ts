import { and, eq, gt, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { oneTimeCodes, tenants, users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import { requirePermission, type Caller } from "@/lib/authz/caller";
import { sendTemplatedMail } from "@/lib/email/templates";
import { AppError, validation } from "@/lib/errors";
import { randomToken, sha256 } from "@/lib/security/crypto";
import { assertPasswordPolicy, hashPassword } from "@/lib/security/password";
import { accountThrottleKey, clearFailures, consumeClientRate, consumeRate, identifierKey } from "@/lib/security/throttle";
import { revokeAllCredentials } from "@/lib/sessions/revoke-all";
import { tenantPolicy } from "@/lib/tenants/policy";
import { findUserByEmail } from "@/lib/users/records";
import { manageableUser } from "@/lib/users/scope";

export const RESET_TTL_MS = 30 * 60_000;
export const INVITE_TTL_MS = 7 * 24 * 3600_000;
const INVALID_CODE = "This link or code is invalid or has expired. Request a new one.";

async function issueCode(userId: string, tenantId: string | null, purpose: "reset" | "invite", ttl: number) {
  const code = randomToken(24);
  const expiresAt = new Date(Date.now() + ttl);
  await db.transaction(async (tx) => {
    // Only one live code per purpose: a new request invalidates the older ones.
    await tx
      .update(oneTimeCodes)
      .set({ usedAt: new Date() })
      .where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, purpose), isNull(oneTimeCodes.usedAt)));
    await tx.insert(oneTimeCodes).values({ userId, tenantId, purpose, codeHash: sha256(code), expiresAt });
  });
  return { code, expiresAt };
}

/**
 * How long "Forgot password" takes at the least. For a registered address it issues a code, records
 * an event and queues a mail (a few ms in process, more on PostgreSQL or under load), which an
 * unknown address skips: without a floor the answer's timing tells the two apart.
 */
export const RESET_ANSWER_FLOOR_MS = 250;

/**
 * "Forgot password": always answers the same way and no sooner than RESET_ANSWER_FLOOR_MS after
 * the request, whether or not the address is registered. Limited per address and per IP.
 */
export async function requestPasswordReset(email: string, ctx: { ip: string }) {
  await consumeClientRate("reset-ip", ctx.ip, 20, 3600);
  const answerAt = Date.now() + RESET_ANSWER_FLOOR_MS;
  try {
    return await resetRequestWork(email, ctx);
  } finally {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, answerAt - Date.now())));
  }
}

async function resetRequestWork(email: string, ctx: { ip: string }) {
  const expiresAt = new Date(Date.now() + RESET_TTL_MS);
  const user = await findUserByEmail(email);
  try {
    await consumeRate(identifierKey("reset-acct", email.trim().toLowerCase()), 5, 3600);
  } catch {
    return { expiresAt }; // silently drop: answering differently would reveal the account
  }
  if (!user || !user.active) return { expiresAt };
  const { code } = await issueCode(user.id, null, "reset", RESET_TTL_MS);
  await audit({ action: "password.reset_requested", actorEmail: user.email, ip: ctx.ip, targetType: "user", targetId: user.id, targetLabel: user.email });
  // Queued, not sent: the row is committed before we answer (nothing is lost if the process dies
  // next), and the request never waits for SMTP, which would tell registered addresses apart.
  await sendTemplatedMail(user.email, null, "reset", { email: user.email, code }, user.id);
  return { expiresAt };
}

/**
 * An admin sends a user the same reset link "Forgot password" would (User/Reset, on an account the
 * caller may change). Nothing ends until the link is used; a disabled account is refused, as its
 * link would be useless.
 */
export async function sendPasswordResetEmail(caller: Caller, userId: string) {
  await requirePermission(caller, "User", "Reset");
  const user = await manageableUser(caller, userId, "password.reset_requested");
  if (!user.active) throw new AppError("precondition", "This account is disabled: activate it before sending a reset link");
  const { code, expiresAt } = await issueCode(user.id, caller.tenantId, "reset", RESET_TTL_MS);
  await audit({ tenantId: caller.tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "password.reset_requested", targetType: "user", targetId: user.id, targetLabel: user.email });
  await sendTemplatedMail(user.email, caller.tenantId, "reset", { email: user.email, code }, user.id);
  return { email: user.email, expiresAt };
}

/** Invitation: the new user sets a password through the emailed link. */
export async function sendInvitation(userId: string, tenantId: string, invitedBy?: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) return;
  const { code, expiresAt } = await issueCode(user.id, tenantId, "invite", INVITE_TTL_MS);
  await sendTemplatedMail(user.email, tenantId, "invitation", { email: user.email, invitedBy: invitedBy ?? "", code }, user.id);
  return { code, expiresAt };
}

async function liveCode(code: string, purposes: ("reset" | "invite")[]) {
  const [row] = await db
    .select()
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.codeHash, sha256(code.trim())), isNull(oneTimeCodes.usedAt), gt(oneTimeCodes.expiresAt, new Date())))
    .limit(1);
  return row && (purposes as string[]).includes(row.purpose) ? row : undefined; // never "join": see ./join
}

/**
 * The account a live link is for (the reset/invite pages name it, and say up front when a link is
 * dead instead of after a password was typed), or undefined. Only someone holding the code learns
 * the address, and it was mailed to that address.
 */
export async function codeAccount(code: string, purpose: "reset" | "invite"): Promise<{ email: string; tenantName: string | null } | undefined> {
  const row = await liveCode(code, [purpose]);
  if (!row) return undefined;
  const [user] = await db.select({ email: users.email, active: users.active }).from(users).where(eq(users.id, row.userId));
  if (!user?.active) return undefined; // as redeemCode would refuse it
  const [tenant] = row.tenantId ? await db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, row.tenantId)) : [];
  return { email: user.email, tenantName: tenant?.name ?? null };
}

/**
 * Redeems a reset or invitation code with a new password. Every credential of the user ends (sessions,
 * API tokens, trusted browsers, the user's other reset and invitation codes), and the account's
 * sign-in lock lifts: whoever proved control of the mailbox is the owner, and failures by others
 * must not keep them out.
 * `email`, when given (Quatrix signup), must match the code's user.
 */
export async function redeemCode(input: { code: string; newPassword: string; email?: string }, purposes: ("reset" | "invite")[], ctx: { ip: string }) {
  await consumeClientRate("redeem-ip", ctx.ip, 30, 600);
  const row = await liveCode(input.code, purposes);
  const user = row && (await db.select().from(users).where(eq(users.id, row.userId)))[0];
  // A disabled account answers like a dead code: the link must not tell its holder the account's state.
  if (!row || !user || !user.active || (input.email && user.email !== input.email.trim().toLowerCase())) throw validation(INVALID_CODE, "code");
  assertPasswordPolicy(input.newPassword, await tenantPolicy(row.tenantId), "newPassword", user.email);
  const passwordHash = await hashPassword(input.newPassword);
  return await db.transaction(async (tx) => {
    const won = await tx.update(oneTimeCodes).set({ usedAt: new Date() }).where(and(eq(oneTimeCodes.id, row.id), isNull(oneTimeCodes.usedAt))).returning({ id: oneTimeCodes.id });
    if (!won.length) throw validation(INVALID_CODE, "code");
    await tx
      .update(users)
      .set({ passwordHash, passwordUpdatedAt: new Date(), passwordChangeRequired: false, verified: true })
      .where(eq(users.id, user.id));
    // Also voids the user's other reset and invitation codes: one redemption ends them all.
    await revokeAllCredentials(user.id, {}, tx);
    await clearFailures([accountThrottleKey(user.id)], tx);
    await audit({ tenantId: row.tenantId, actorId: user.id, actorEmail: user.email, ip: ctx.ip, action: row.purpose === "invite" ? "invitation.accepted" : "password.reset", targetType: "user", targetId: user.id, targetLabel: user.email }, tx);
    return { userId: user.id, email: user.email, tenantId: row.tenantId };
  });
}
