import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { mfaMethods, passkeys, recoveryCodes, tenants, users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import { requirePermission, type Caller } from "@/lib/authz/caller";
import { AppError, validation } from "@/lib/errors";
import { requireRecentSignIn } from "@/lib/auth/step-up";
import { revokeAllCredentials } from "@/lib/sessions/revoke-all";
import { manageableUser } from "@/lib/users/scope";
import { hashPin, syncEnrolled } from "./methods";
import { dropPendingAuthenticators } from "./pending";

export type AuthType = "2FA" | "PIN";

/** `changesMethods`: the call adds or removes a method, which on one's own account needs a recent sign-in. */
async function targets(caller: Caller, ids: string[], changesMethods: boolean) {
  await requirePermission(caller, "User", "Reset");
  if (!ids.length) throw validation("ids: name at least one user", "ids");
  if (changesMethods && ids.includes(caller.userId)) requireRecentSignIn(caller);
  const list: Awaited<ReturnType<typeof manageableUser>>[] = [];
  for (const id of new Set(ids)) list.push(await manageableUser(caller, id));
  return list;
}

const log = (caller: Caller, action: string, userId: string, data: Record<string, unknown> = {}) => ({
  tenantId: caller.tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action, targetType: "user", targetId: userId, data,
});

/**
 * 2FA: the users must use MFA (those without a method enrol at next sign-in) and every credential
 * of theirs ends (sessions, API tokens, trusted browsers). PIN: sets the given PIN as a second factor.
 */
export async function setMfa(caller: Caller, ids: string[], authType: AuthType, code: string) {
  const list = await targets(caller, ids, authType === "PIN");
  const pinHash = authType === "PIN" ? await hashPin(code) : undefined;
  await db.transaction(async (tx) => {
    for (const u of list) {
      if (authType === "2FA") {
        await tx.update(users).set({ mfaRequired: true }).where(eq(users.id, u.id));
        await revokeAllCredentials(u.id, { keepInvitation: true }, tx);
      } else {
        await tx.delete(mfaMethods).where(and(eq(mfaMethods.userId, u.id), eq(mfaMethods.kind, "pin")));
        await tx.insert(mfaMethods).values({ userId: u.id, kind: "pin", pinHash });
        await syncEnrolled(u.id, tx);
      }
      await audit(log(caller, authType === "2FA" ? "mfa.forced" : "mfa.pin_set", u.id), tx);
    }
  });
}

/** Turns MFA off (2FA: authenticators, passkeys and recovery codes go); refused while the tenant forces 2FA, so nobody is let off by this call. */
export async function removeMfa(caller: Caller, ids: string[], authType: AuthType) {
  const list = await targets(caller, ids, true);
  const [tenant] = await db.select({ f: tenants.forceMfa }).from(tenants).where(eq(tenants.id, caller.tenantId));
  if (tenant?.f && authType === "2FA") throw new AppError("precondition", "Two-factor authentication is forced for this tenant and cannot be removed");
  await db.transaction(async (tx) => {
    for (const u of list) {
      const kinds = authType === "2FA" ? (["authenticator"] as const) : (["pin"] as const);
      await tx.delete(mfaMethods).where(and(eq(mfaMethods.userId, u.id), inArray(mfaMethods.kind, [...kinds])));
      if (authType === "2FA") {
        await tx.delete(passkeys).where(eq(passkeys.userId, u.id));
        await tx.update(users).set({ mfaRequired: false }).where(eq(users.id, u.id));
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, u.id));
        await dropPendingAuthenticators([u.id], tx);
      }
      await syncEnrolled(u.id, tx);
      await audit(log(caller, "mfa.removed", u.id, { authType }), tx);
    }
  });
}

/** MFA stays required, every method, passkey and recovery code is wiped, and every credential ends (sessions, API tokens, trusted browsers). */
export async function resetMfa(caller: Caller, ids: string[]) {
  const list = await targets(caller, ids, true);
  await db.transaction(async (tx) => {
    for (const u of list) {
      await tx.delete(mfaMethods).where(eq(mfaMethods.userId, u.id));
      await tx.delete(passkeys).where(eq(passkeys.userId, u.id));
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, u.id));
      await dropPendingAuthenticators([u.id], tx);
      await tx.update(users).set({ mfaRequired: true, mfaEnrolled: false }).where(eq(users.id, u.id));
      await revokeAllCredentials(u.id, {}, tx);
      await audit(log(caller, "mfa.reset", u.id), tx);
    }
  });
}
