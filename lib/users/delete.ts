import { and, eq, inArray, isNotNull, isNull, ne } from "drizzle-orm";
import { db, type DB, type Tx } from "@/db/client";
import { groupMembers, groups, memberships, users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import { requirePermission, type Caller } from "@/lib/authz/caller";
import { validation } from "@/lib/errors";
import { enqueueJob, type JobStep } from "@/lib/jobs/jobs";
import { manageableUser, reachableUser } from "./scope";

/** What a users.delete job keeps of the caller who asked (its tenant and id are the job's own). */
type DeleteJobInput = { superAdmin: boolean; actorEmail: string; ip: string };

/**
 * Deletes users in a background job (Quatrix answers 202 + job id). A user who also belongs to
 * other tenants only leaves the caller's tenant unless a super admin deletes them; nobody deletes
 * themselves.
 */
export async function startDeleteUsers(caller: Caller, userIds: string[]) {
  await requirePermission(caller, "User", "Delete");
  const ids = [...new Set(userIds)];
  if (!ids.length) throw validation("ids: name at least one user", "ids");
  if (ids.includes(caller.userId)) throw validation("ids: you cannot delete your own account", "ids");
  const tenantId = caller.tenantId;
  for (const id of ids) await requireDeletable(caller, id);
  const data: DeleteJobInput = { superAdmin: caller.isSuperAdmin, actorEmail: caller.email, ip: caller.ip };
  return await enqueueJob({ tenantId, kind: "users.delete", items: ids, createdBy: caller.userId, data });
}

/**
 * The check of deleting one user of the caller's tenant (throws, and records a refusal, when they
 * may not). Leaving this tenant is a tenant matter; deleting an account that lives nowhere else is
 * not. Either way the target may hold nothing the caller does not. A pending invitation is
 * withdrawn, never the account (it is not this tenant's).
 */
export async function requireDeletable(caller: Caller, id: string) {
  const onlyLeaves = !caller.isSuperAdmin && ((await otherTenantsOf(id, caller.tenantId)) || (await pendingHere(id, caller.tenantId)));
  return await (onlyLeaves ? reachableUser : manageableUser)(caller, id, "user.deleted");
}

/** One user of a users.delete job, on the batch's transaction (lib/jobs/runner.ts). */
export const deleteUserStep: JobStep = async (tx, id, job) => {
  const { superAdmin, actorEmail, ip } = job.input as unknown as DeleteJobInput;
  const tenantId = job.tenantId;
  const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, id));
  if (!user) return;
  if (!superAdmin && ((await otherTenantsOf(id, tenantId, tx)) || (await pendingHere(id, tenantId, tx)))) {
    await tx.delete(memberships).where(and(eq(memberships.userId, id), eq(memberships.tenantId, tenantId)));
    // Its groups go with the membership: they would keep showing the person to this tenant, and
    // come back if they ever joined again.
    await tx.delete(groupMembers).where(and(eq(groupMembers.userId, id), inArray(groupMembers.groupId, tx.select({ id: groups.id }).from(groups).where(eq(groups.tenantId, tenantId)))));
  } else await tx.delete(users).where(eq(users.id, id));
  await audit({ tenantId, actorId: job.createdBy, actorEmail, ip, action: "user.deleted", targetType: "user", targetId: id, targetLabel: user.email }, tx);
};

const otherTenantsOf = async (userId: string, tenantId: string, tx: Tx | DB = db) =>
  (await tx.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.userId, userId), ne(memberships.tenantId, tenantId), isNull(memberships.invitedAt))).limit(1)).length > 0;

const pendingHere = async (userId: string, tenantId: string, tx: Tx | DB = db) =>
  (await tx.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId), isNotNull(memberships.invitedAt))).limit(1)).length > 0;
