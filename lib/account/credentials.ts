import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import { RECENT_SIGN_IN_MS } from "@/lib/auth/step-up";
import type { Caller } from "@/lib/authz/caller";
import { sendTemplatedMail } from "@/lib/email/templates";
import { notFound, validation } from "@/lib/errors";
import { assertPasswordPolicy, hashPassword, verifyPassword } from "@/lib/security/password";
import { accountThrottleKey, claimAttempt, failedAttempt, succeededAttempt } from "@/lib/security/throttle";
import { endMailedCodes, revokeAllCredentials } from "@/lib/sessions/revoke-all";
import { tenantPolicy } from "@/lib/tenants/policy";
import { findUserByEmail, normalizeEmail } from "@/lib/users/records";

/**
 * Re-authentication for sensitive changes, throttled like sign-in. A failure also counts on the
 * account's sign-in counter and a locked account is refused here too, so a stolen API token gets
 * no guesses at the password beyond those sign-in allows. The reauth counter is kept apart as well:
 * the owner signing in clears the account counter, not the guesses made through their token.
 */
export async function assertCurrentPassword(caller: Caller, password: string, field = "currentPassword") {
  const keys = [`reauth:${caller.userId}`, accountThrottleKey(caller.userId)];
  const [user] = await db.select().from(users).where(eq(users.id, caller.userId));
  if (!user) throw notFound();
  await claimAttempt(keys);
  if (!(await verifyPassword(user.passwordHash, password))) {
    await failedAttempt(keys);
    throw validation("Current password is incorrect", field);
  }
  await succeededAttempt(keys);
  return user;
}

/**
 * Whether a forced password change may skip re-entering the current password: the user must
 * replace an initial password and signed in with it in the last 10 minutes, in a browser session
 * (so the password was just typed). An API token or an older sign-in still re-enters it.
 */
export function mayChangeRequiredPasswordWithoutCurrent(caller: Caller, now = Date.now()) {
  return caller.pending === "password" && !!caller.sessionId && !caller.tokenId && !!caller.authenticatedAt && now - caller.authenticatedAt.getTime() <= RECENT_SIGN_IN_MS;
}

/**
 * Sets a new password; every credential but the caller's own session ends (API tokens too), and no
 * browser stays trusted. Without `currentPassword` only a forced change right after signing in
 * (mayChangeRequiredPasswordWithoutCurrent) is allowed. `endOwnSession` ends the caller's session
 * as well, in the same transaction (Forgiva documents that every session ends).
 */
export async function changePassword(caller: Caller, input: { currentPassword?: string; newPassword: string }, opts: { endOwnSession?: boolean } = {}) {
  let user: typeof users.$inferSelect | undefined;
  if (input.currentPassword !== undefined) {
    user = await assertCurrentPassword(caller, input.currentPassword);
    if (input.currentPassword === input.newPassword) throw validation("The new password must differ from the current one", "newPassword");
  } else {
    if (!mayChangeRequiredPasswordWithoutCurrent(caller)) throw validation("Enter your current password", "currentPassword");
    [user] = await db.select().from(users).where(eq(users.id, caller.userId));
    if (!user) throw notFound();
    if (await verifyPassword(user.passwordHash, input.newPassword)) throw validation("The new password must differ from the current one", "newPassword");
  }
  assertPasswordPolicy(input.newPassword, await tenantPolicy(caller.tenantId), "newPassword", user.email);
  const passwordHash = await hashPassword(input.newPassword);
  const ended = await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordUpdatedAt: new Date(), passwordChangeRequired: false }).where(eq(users.id, user.id));
    const ended = await revokeAllCredentials(user.id, { keepSessionId: opts.endOwnSession ? undefined : caller.sessionId }, tx);
    await audit({ tenantId: caller.tenantId, actorId: user.id, actorEmail: user.email, ip: caller.ip, action: "password.changed", targetType: "user", targetId: user.id, targetLabel: user.email, data: { sessionsEnded: ended.sessions, tokensRevoked: ended.tokens } }, tx);
    return ended.sessions;
  });
  await sendTemplatedMail(user.email, caller.tenantId, "passwordChanged");
  return { sessionsEnded: ended };
}

/**
 * Changes the sign-in address after re-authentication; the old and the new address are told.
 * Reset and invitation codes mailed to the old address die with it. `revokeOtherCredentials`
 * (BillForward revokeOldAccessTokens) also ends every credential but the caller's session, in the
 * same transaction as the change.
 */
export async function changeEmail(caller: Caller, input: { password: string; newEmail: string; confirmNewEmail: string }, opts: { revokeOtherCredentials?: boolean } = {}) {
  const user = await assertCurrentPassword(caller, input.password, "password");
  const next = normalizeEmail(input.newEmail);
  if (next !== normalizeEmail(input.confirmNewEmail)) throw validation("The two email addresses do not match", "confirmNewEmail");
  if (next === user.email) throw validation("This is already your email address", "newEmail");
  if (await findUserByEmail(next)) throw validation("Email is already taken", "newEmail");
  await db.transaction(async (tx) => {
    await tx.update(users).set({ email: next, verified: false, changedBy: caller.userId }).where(eq(users.id, user.id));
    if (opts.revokeOtherCredentials) await revokeAllCredentials(user.id, { keepSessionId: caller.sessionId }, tx);
    else await endMailedCodes(user.id, tx);
    await audit({ tenantId: caller.tenantId, actorId: user.id, actorEmail: user.email, ip: caller.ip, action: "email.changed", targetType: "user", targetId: user.id, targetLabel: next, data: { from: user.email, to: next } }, tx);
  });
  await notifyEmailChange(user.email, next, caller.tenantId);
  return { email: next };
}

export async function notifyEmailChange(oldEmail: string, newEmail: string, tenantId: string | null) {
  // The account already carries the new address: the old one's mail goes out in its owner's language too.
  const account = await findUserByEmail(newEmail);
  await sendTemplatedMail(oldEmail, tenantId, "emailChangedOld", { newEmail }, account?.id);
  await sendTemplatedMail(newEmail, tenantId, "emailChangedNew", { newEmail, oldEmail }, account?.id);
}
