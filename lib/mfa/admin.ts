import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { mfaMethods, recoveryCodes, tenants, users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import { requirePermission, type Caller } from "@/lib/authz/caller";
import { AppError, validation } from "@/lib/errors";
import { requireRecentSignIn } from "@/lib/auth/step-up";
import { revokeAllCredentials } from "@/lib/sessions/revoke-all";
import { manageableUser } from "@/lib/users/scope";
import { hashPin, syncEnrolled } from "./methods";

export type AuthType = "2FA" | "PIN";

/** `changesMethods`: the call adds or removes a method, which on one's own account needs a recent sign-in. */
function targets(caller: Caller, ids: string[], changesMethods: boolean) {
  requirePermission(caller, "User", "Reset");
  if (!ids.length) throw validation("ids: name at least one user", "ids");
  if (changesMethods && ids.includes(caller.userId)) requireRecentSignIn(caller);
  return [...new Set(ids)].map((id) => manageableUser(caller, id));
}

const log = (caller: Caller, action: string, userId: string, data: Record<string, unknown> = {}) => ({
  tenantId: caller.tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action, targetType: "user", targetId: userId, data,
});

/**
 * 2FA: the users must use MFA (those without a method enrol at next sign-in) and every credential
 * of theirs ends (sessions, API tokens, trusted browsers). PIN: sets the given PIN as a second factor.
 */
export async function setMfa(caller: Caller, ids: string[], authType: AuthType, code: string) {
  const list = targets(caller, ids, authType === "PIN");
  const pinHash = authType === "PIN" ? await hashPin(code) : undefined;
  db.transaction((tx) => {
    for (const u of list) {
      if (authType === "2FA") {
        tx.update(users).set({ mfaRequired: true }).where(eq(users.id, u.id)).run();
        revokeAllCredentials(u.id, {}, tx);
      } else {
        tx.delete(mfaMethods).where(and(eq(mfaMethods.userId, u.id), eq(mfaMethods.kind, "pin"))).run();
        tx.insert(mfaMethods).values({ userId: u.id, kind: "pin", pinHash }).run();
        syncEnrolled(u.id, tx);
      }
      audit(log(caller, authType === "2FA" ? "mfa.forced" : "mfa.pin_set", u.id), tx);
    }
  });
}

/** Turns MFA off; refused while the tenant forces 2FA, so nobody is let off by this call. */
export function removeMfa(caller: Caller, ids: string[], authType: AuthType) {
  const list = targets(caller, ids, true);
  const forced = db.select({ f: tenants.forceMfa }).from(tenants).where(eq(tenants.id, caller.tenantId)).get()?.f;
  if (forced && authType === "2FA") throw new AppError("precondition", "Two-factor authentication is forced for this tenant and cannot be removed");
  db.transaction((tx) => {
    for (const u of list) {
      const kinds = authType === "2FA" ? (["authenticator"] as const) : (["pin"] as const);
      tx.delete(mfaMethods).where(and(eq(mfaMethods.userId, u.id), inArray(mfaMethods.kind, [...kinds]))).run();
      if (authType === "2FA") {
        tx.update(users).set({ mfaRequired: false }).where(eq(users.id, u.id)).run();
        tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, u.id)).run();
      }
      syncEnrolled(u.id, tx);
      audit(log(caller, "mfa.removed", u.id, { authType }), tx);
    }
  });
}

/** MFA stays required, every method and recovery code is wiped, and every credential ends (sessions, API tokens, trusted browsers). */
export function resetMfa(caller: Caller, ids: string[]) {
  const list = targets(caller, ids, true);
  db.transaction((tx) => {
    for (const u of list) {
      tx.delete(mfaMethods).where(eq(mfaMethods.userId, u.id)).run();
      tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, u.id)).run();
      tx.update(users).set({ mfaRequired: true, mfaEnrolled: false }).where(eq(users.id, u.id)).run();
      revokeAllCredentials(u.id, {}, tx);
      audit(log(caller, "mfa.reset", u.id), tx);
    }
  });
}
