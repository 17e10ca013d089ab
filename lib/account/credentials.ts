import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import type { Caller } from "@/lib/authz/caller";
import { sendMail } from "@/lib/email/send";
import { notFound, validation } from "@/lib/errors";
import { assertPasswordPolicy, hashPassword, verifyPassword } from "@/lib/security/password";
import { accountThrottleKey, claimAttempt, failedAttempt, succeededAttempt } from "@/lib/security/throttle";
import { revokeAllCredentials } from "@/lib/sessions/revoke-all";
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

/** Sets a new password; every credential but the caller's own session ends (API tokens too), and no browser stays trusted. */
export async function changePassword(caller: Caller, input: { currentPassword: string; newPassword: string }) {
  const user = await assertCurrentPassword(caller, input.currentPassword);
  if (input.currentPassword === input.newPassword) throw validation("The new password must differ from the current one", "newPassword");
  assertPasswordPolicy(input.newPassword, await tenantPolicy(caller.tenantId), "newPassword", user.email);
  const passwordHash = await hashPassword(input.newPassword);
  const ended = await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordUpdatedAt: new Date(), passwordChangeRequired: false }).where(eq(users.id, user.id));
    const ended = await revokeAllCredentials(user.id, { keepSessionId: caller.sessionId }, tx);
    await audit({ tenantId: caller.tenantId, actorId: user.id, actorEmail: user.email, ip: caller.ip, action: "password.changed", targetType: "user", targetId: user.id, targetLabel: user.email, data: { sessionsEnded: ended.sessions, tokensRevoked: ended.tokens } }, tx);
    return ended.sessions;
  });
  await sendMail({ to: user.email, tenantId: caller.tenantId, subject: "Your password was changed", text: "The password of your account was just changed. If this was not you, reset your password now and contact your administrator." });
  return { sessionsEnded: ended };
}

/** Changes the sign-in address after re-authentication; the old and the new address are told. */
export async function changeEmail(caller: Caller, input: { password: string; newEmail: string; confirmNewEmail: string }) {
  const user = await assertCurrentPassword(caller, input.password, "password");
  const next = normalizeEmail(input.newEmail);
  if (next !== normalizeEmail(input.confirmNewEmail)) throw validation("The two email addresses do not match", "confirmNewEmail");
  if (next === user.email) throw validation("This is already your email address", "newEmail");
  if (await findUserByEmail(next)) throw validation("Email is already taken", "newEmail");
  await db.transaction(async (tx) => {
    await tx.update(users).set({ email: next, verified: false, changedBy: caller.userId }).where(eq(users.id, user.id));
    await audit({ tenantId: caller.tenantId, actorId: user.id, actorEmail: user.email, ip: caller.ip, action: "email.changed", targetType: "user", targetId: user.id, targetLabel: next, data: { from: user.email, to: next } }, tx);
  });
  await notifyEmailChange(user.email, next, caller.tenantId);
  return { email: next };
}

export async function notifyEmailChange(oldEmail: string, newEmail: string, tenantId: string | null) {
  await sendMail({ to: oldEmail, tenantId, subject: "Your sign-in email was changed", text: `Your account's email address was changed to ${newEmail}. If this was not you, contact your administrator immediately.` });
  await sendMail({ to: newEmail, tenantId, subject: "This is now your sign-in email", text: `Your account now signs in with ${newEmail} (previously ${oldEmail}).` });
}
