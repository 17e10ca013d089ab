import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { passkeys, tenants, users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import { requireRecentSignIn } from "@/lib/auth/step-up";
import type { Caller } from "@/lib/authz/caller";
import { AppError, notFound, validation } from "@/lib/errors";
import { checkSecondFactor, deleteMethod, enableAuthenticator, listMethods, newRecoveryCodes } from "./methods";

/** Whether MFA is mandatory for this user in this tenant (admin-forced or tenant policy). */
export async function mfaForced(userId: string, tenantId: string) {
  const [user] = await db.select({ r: users.mfaRequired }).from(users).where(eq(users.id, userId));
  const [tenant] = await db.select({ f: tenants.forceMfa }).from(tenants).where(eq(tenants.id, tenantId));
  return !!(user?.r || tenant?.f);
}

async function assertCode(userId: string, code: string) {
  if (!(await checkSecondFactor(userId, code))) throw validation("The code is not valid", "code");
}

/**
 * Removes one of the user's methods after a valid code of that user; refused for the last method
 * when MFA is forced. Every precondition is checked before the code, so a refused request never
 * consumes a recovery code. The caller has already been allowed to act on `userId`.
 */
export async function disableMethod(actor: Caller, userId: string, methodId: string, code: string) {
  const methods = await listMethods(userId);
  if (!methods.some((m) => m.id === methodId)) throw notFound("MFA method not found");
  const keys = await db.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, userId));
  if (methods.length + keys.length <= 1 && (await mfaForced(userId, actor.tenantId)))
    throw new AppError("precondition", "Two-factor authentication is required for this account and cannot be turned off");
  await assertCode(userId, code);
  await deleteMethod(userId, methodId, { id: actor.userId, email: actor.email, ip: actor.ip, tenantId: actor.tenantId });
}

/**
 * Adds an authenticator to `userId` (the caller has already been allowed to act on them). The code
 * only proves the new secret, not who is asking, so on one's own account it needs a recent sign-in:
 * otherwise a leaked API token or an old session could enrol an attacker's authenticator.
 */
export async function addAuthenticator(actor: Caller, userId: string, secret: string, code: string) {
  if (userId === actor.userId) requireRecentSignIn(actor);
  return await enableAuthenticator(userId, secret, code, { id: actor.userId, email: actor.email, ip: actor.ip, tenantId: actor.tenantId });
}

export const disableOwnMethod = (caller: Caller, methodId: string, code: string) => disableMethod(caller, caller.userId, methodId, code);

export async function regenerateRecoveryCodes(caller: Caller, code: string) {
  const keys = await db.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, caller.userId));
  if ((await listMethods(caller.userId)).length + keys.length === 0) throw new AppError("precondition", "Set up an authenticator or a passkey first");
  await assertCode(caller.userId, code);
  const codes = await db.transaction(async (tx) => {
    const c = await newRecoveryCodes(caller.userId, tx);
    await audit({ tenantId: caller.tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "mfa.recovery_codes_regenerated", targetType: "user", targetId: caller.userId }, tx);
    return c;
  });
  return codes;
}
