import { and, eq, isNotNull, isNull, ne } from "drizzle-orm";
import { db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import { requirePermission, type Caller } from "@/lib/authz/caller";
import { validation } from "@/lib/errors";
import { startJob } from "@/lib/jobs/jobs";
import { manageableUser, reachableUser } from "./scope";

/**
 * Deletes users in a background job (Quatrix answers 202 + job id). A user who also belongs to
 * other tenants only leaves the caller's tenant unless a super admin deletes them; nobody deletes
 * themselves.
 */
export function startDeleteUsers(caller: Caller, userIds: string[]) {
  requirePermission(caller, "User", "Delete");
  const ids = [...new Set(userIds)];
  if (!ids.length) throw validation("ids: name at least one user", "ids");
  if (ids.includes(caller.userId)) throw validation("ids: you cannot delete your own account", "ids");
  const tenantId = caller.tenantId;
  // Leaving this tenant is a tenant matter; deleting an account that lives nowhere else is not.
  // Either way the target may hold nothing the caller does not.
  // A pending invitation is withdrawn, never the account (it is not this tenant's).
  for (const id of ids) (caller.isSuperAdmin || !(otherTenantsOf(id, tenantId) || pendingHere(id, tenantId)) ? manageableUser : reachableUser)(caller, id, "user.deleted");
  return startJob({ tenantId, kind: "users.delete", items: ids, createdBy: caller.userId }, (id) => {
    const user = db.select({ email: users.email }).from(users).where(eq(users.id, id)).get();
    if (!user) return;
    db.transaction((tx) => {
      if ((otherTenantsOf(id, tenantId) || pendingHere(id, tenantId)) && !caller.isSuperAdmin) tx.delete(memberships).where(and(eq(memberships.userId, id), eq(memberships.tenantId, tenantId))).run();
      else tx.delete(users).where(eq(users.id, id)).run();
      audit({ tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "user.deleted", targetType: "user", targetId: id, targetLabel: user.email }, tx);
    });
  });
}

const otherTenantsOf = (userId: string, tenantId: string) =>
  !!db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.userId, userId), ne(memberships.tenantId, tenantId), isNull(memberships.invitedAt))).get();

const pendingHere = (userId: string, tenantId: string) =>
  !!db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId), isNotNull(memberships.invitedAt))).get();
