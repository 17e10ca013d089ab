import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { mfaMethods, recoveryCodes, tenants, trustedDevices, users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import { requirePermission, type Caller } from "@/lib/authz/caller";
import { AppError, validation } from "@/lib/errors";
import { revokeAllSessions } from "@/lib/sessions/sessions";
import { manageableUser } from "@/lib/users/scope";
import { hashPin, syncEnrolled } from "./methods";

export type AuthType = "2FA" | "PIN";

function targets(caller: Caller, ids: string[]) {
  requirePermission(caller, "User", "Reset");
  if (!ids.length) throw validation("ids: name at least one user", "ids");
  return [...new Set(ids)].map((id) => manageableUser(caller, id));
}

const log = (caller: Caller, action: string, userId: string, data: Record<string, unknown> = {}) => ({
  tenantId: caller.tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action, targetType: "user", targetId: userId, data,
});

/**
 * 2FA: the users must use MFA (those without a method enrol at next sign-in) and their sessions
 * end. PIN: sets the given PIN as a second factor.
 */
export async function setMfa(caller: Caller, ids: string[], authType: AuthType, code: string) {
  const list = targets(caller, ids);
  const pinHash = authType === "PIN" ? await hashPin(code) : undefined;
  db.transaction((tx) => {
    for (const u of list) {
      if (authType === "2FA") {
        tx.update(users).set({ mfaRequired: true }).where(eq(users.id, u.id)).run();
        revokeAllSessions(u.id, undefined, tx);
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
  const list = targets(caller, ids);
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

/** MFA stays required, every method, recovery code and trusted device is wiped, sessions end. */
export function resetMfa(caller: Caller, ids: string[]) {
  const list = targets(caller, ids);
  db.transaction((tx) => {
    for (const u of list) {
      tx.delete(mfaMethods).where(eq(mfaMethods.userId, u.id)).run();
      tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, u.id)).run();
      tx.delete(trustedDevices).where(eq(trustedDevices.userId, u.id)).run();
      tx.update(users).set({ mfaRequired: true, mfaEnrolled: false }).where(eq(users.id, u.id)).run();
      revokeAllSessions(u.id, undefined, tx);
      audit(log(caller, "mfa.reset", u.id), tx);
    }
  });
}
