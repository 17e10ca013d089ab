import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { tenants, users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import type { Caller } from "@/lib/authz/caller";
import { AppError, validation } from "@/lib/errors";
import { deleteMethod, listMethods, newRecoveryCodes, verifySecondFactor } from "./methods";

/** Whether MFA is mandatory for this user in this tenant (admin-forced or tenant policy). */
export function mfaForced(userId: string, tenantId: string) {
  const user = db.select({ r: users.mfaRequired }).from(users).where(eq(users.id, userId)).get();
  const tenant = db.select({ f: tenants.forceMfa }).from(tenants).where(eq(tenants.id, tenantId)).get();
  return !!(user?.r || tenant?.f);
}

async function assertCode(userId: string, code: string) {
  if (!(await verifySecondFactor(userId, code))) throw validation("The code is not valid", "code");
}

/** Removing one's own method needs a valid code, and is refused for the last method when MFA is forced. */
export async function disableOwnMethod(caller: Caller, methodId: string, code: string) {
  await assertCode(caller.userId, code);
  const methods = listMethods(caller.userId);
  if (methods.length <= 1 && mfaForced(caller.userId, caller.tenantId))
    throw new AppError("precondition", "Two-factor authentication is required for your account and cannot be turned off");
  deleteMethod(caller.userId, methodId, { id: caller.userId, email: caller.email, ip: caller.ip, tenantId: caller.tenantId });
}

export async function regenerateRecoveryCodes(caller: Caller, code: string) {
  if (listMethods(caller.userId).length === 0) throw new AppError("precondition", "Set up an authenticator first");
  await assertCode(caller.userId, code);
  const codes = db.transaction((tx) => {
    const c = newRecoveryCodes(caller.userId, tx);
    audit({ tenantId: caller.tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "mfa.recovery_codes_regenerated", targetType: "user", targetId: caller.userId }, tx);
    return c;
  });
  return codes;
}
