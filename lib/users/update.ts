import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { notifyEmailChange } from "@/lib/account/credentials";
import { audit } from "@/lib/audit/record";
import { requirePermission, type Caller } from "@/lib/authz/caller";
import { AppError, conflict, validation } from "@/lib/errors";
import { addMembersChecked, groupsInReach, groupsOfUser, removeMembersChecked, type GroupRow } from "@/lib/groups/groups";
import { assignRolesChecked, roleCodesOf, rolesInReach, unassignRolesChecked } from "@/lib/roles/roles";
import { requireRecentSignIn } from "@/lib/auth/step-up";
import { endMailedCodes, revokeAllCredentials } from "@/lib/sessions/revoke-all";
import { systemRole } from "@/lib/tenants/defaults";
import { findUserByEmail, fullNameOf, normalizeEmail, type UserRow } from "./records";
import { manageableUser, userInScope } from "./scope";

export interface UserPatch {
  email?: string;
  firstName?: string;
  lastName?: string;
  middleName?: string;
  username?: string | null;
  active?: boolean;
  preferredLanguages?: string[];
  timezone?: string;
  quota?: number | null;
  /** The tenant's admin role on or off (Quatrix super_admin Y/N). */
  tenantAdmin?: boolean;
  /** Replaces the user's groups in the caller's tenant. */
  groups?: string[];
}

/** Account fields an edit may change, in the order its audit event lists them. */
const ACCOUNT_FIELDS = ["email", "firstName", "lastName", "middleName", "username", "active", "preferredLanguages", "timezone", "quota"] as const;
type AccountField = (typeof ACCOUNT_FIELDS)[number];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Edits users of the caller's tenant in one transaction. The caller edits themselves freely
 * (names only through this path); others need User/Edit and must hold nothing the caller does not.
 * The admin role and group membership follow the rules of assignRoles/unassignRoles and
 * addMembers/removeMembers (rolesInReach, groupsInReach) and are written with their audit events
 * inside this transaction. Every check runs before the first write, so a refusal is recorded and
 * nothing changes. An email change notifies both addresses;
 * deactivation ends the user's sessions.
 */
export async function updateUsers(caller: Caller, userIds: string[], patch: UserPatch) {
  if (!userIds.length) throw validation("ids: name at least one user", "ids");
  if (patch.email !== undefined && userIds.length > 1) throw validation("email: can only be changed for one user at a time", "email");
  const fields = ACCOUNT_FIELDS.filter((k) => patch[k] !== undefined);
  // Group and admin-role changes stay inside the caller's tenant; anything else edits the shared account.
  const targets: UserRow[] = [];
  for (const id of userIds) targets.push(fields.length ? await manageableUser(caller, id, "user.updated") : await userInScope(caller, id));
  if ((fields.length && targets.some((t) => t.id !== caller.userId)) || patch.active !== undefined || patch.quota !== undefined)
    await requirePermission(caller, "User", "Edit");
  // Nobody locks themselves out by accident (bulk refuses it the same way): another admin can do it.
  if (patch.active === false && targets.some((t) => t.id === caller.userId)) throw new AppError("precondition", "You cannot deactivate yourself");
  const tenantId = caller.tenantId;
  const adminRole =
    patch.tenantAdmin === undefined
      ? undefined
      : (await rolesInReach(caller, tenantId, [(await systemRole(db, tenantId, "admin"))!.id], patch.tenantAdmin ? "user.roles_assigned" : "user.roles_unassigned"))[0];
  const groupPlan = patch.groups ? await planGroups(caller, targets.map((t) => t.id), patch.groups) : undefined;
  const email = patch.email !== undefined ? normalizeEmail(patch.email) : undefined;
  // Changing one's own sign-in address here carries no password (Quatrix user/edit): step-up instead.
  if (email && targets.some((t) => t.id === caller.userId && t.email !== email)) await requireRecentSignIn(caller);
  const changes: { old: string; next: string }[] = [];
  const updated = await db.transaction(async (tx) => {
    // A transaction PostgreSQL aborted runs again (db/pg.ts): only the attempt that commits notifies.
    changes.length = 0;
    const rows: UserRow[] = [];
    for (const t of targets) {
      if (!fields.length) {
        rows.push(t);
        continue;
      }
      if (email && email !== t.email) {
        const other = await findUserByEmail(email, tx);
        if (other && other.id !== t.id) throw conflict("Email is already taken", "email");
        changes.push({ old: t.email, next: email });
      }
      const names = { firstName: patch.firstName ?? t.firstName, lastName: patch.lastName ?? t.lastName };
      const [row] = await tx
        .update(users)
        .set({
          ...(email ? { email, verified: email === t.email ? t.verified : false } : {}),
          ...names,
          fullName: fullNameOf(names),
          ...(patch.middleName !== undefined ? { middleName: patch.middleName } : {}),
          ...(patch.username !== undefined ? { username: patch.username } : {}),
          ...(patch.active !== undefined ? { active: patch.active } : {}),
          ...(patch.preferredLanguages ? { preferredLanguages: patch.preferredLanguages } : {}),
          ...(patch.timezone ? { timezone: patch.timezone } : {}),
          ...(patch.quota !== undefined ? { quota: patch.quota } : {}),
          changedBy: caller.userId,
        })
        .where(eq(users.id, t.id))
        .returning();
      // Deactivation ends every credential for good: reactivating the account revives none.
      if (patch.active === false) await revokeAllCredentials(t.id, {}, tx);
      // A code mailed to the old address (an invitation sent to a mistyped one) must not outlive it.
      else if (email && email !== t.email) await endMailedCodes(t.id, tx);
      // The event names only what changed, with its value before and after.
      const changed = Object.fromEntries(
        fields.filter((k) => !same(t[k as AccountField], row![k as AccountField])).map((k) => [k, { before: t[k as AccountField], after: row![k as AccountField] }]),
      );
      if (Object.keys(changed).length)
        await audit({ tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "user.updated", targetType: "user", targetId: t.id, targetLabel: row!.email, data: { changes: changed } }, tx);
      rows.push(row!);
    }
    // The admin role and groups were checked above (rolesInReach, planGroups): these are the writes, in this transaction.
    if (adminRole) {
      for (const t of targets) {
        const holds = (await roleCodesOf(t.id, tenantId, tx)).includes(adminRole.name);
        if (patch.tenantAdmin && !holds) await assignRolesChecked(caller, t.id, tenantId, [adminRole], tx);
        if (!patch.tenantAdmin && holds) await unassignRolesChecked(caller, t.id, tenantId, [adminRole], tx);
      }
    }
    if (groupPlan) {
      for (const { group, userIds } of groupPlan.add.values()) await addMembersChecked(caller, group, userIds, tx);
      for (const { group, userIds } of groupPlan.remove.values()) await removeMembersChecked(caller, group, userIds, tx);
    }
    return rows;
  });
  for (const c of changes) await notifyEmailChange(c.old, c.next, caller.tenantId);
  return updated;
}

/**
 * Which members to add to and remove from which groups so that each target's groups in the
 * caller's tenant become exactly `wanted`, after the checks of AssignUserToGroup.
 */
async function planGroups(caller: Caller, userIds: string[], wanted: string[]) {
  // groupsInReach checks Group/Edit and Group/Read in the caller's tenant: every group below is of that tenant.
  const wantedGroups = await groupsInReach(caller, caller.tenantId, wanted);
  type Plan = Map<string, { group: GroupRow; userIds: string[] }>;
  const add: Plan = new Map();
  const remove: Plan = new Map();
  const push = (m: Plan, group: GroupRow, u: string) => m.set(group.id, { group, userIds: [...(m.get(group.id)?.userIds ?? []), u] });
  for (const userId of userIds) {
    const current = await groupsOfUser(userId, caller.tenantId);
    for (const g of wantedGroups) if (!current.some((c) => c.id === g.id)) push(add, g, userId);
    for (const g of current) if (!wantedGroups.some((w) => w.id === g.id)) push(remove, g, userId);
  }
  return { add, remove };
}
