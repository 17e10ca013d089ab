import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { notifyEmailChange } from "@/lib/account/credentials";
import { audit } from "@/lib/audit/record";
import { requirePermission, type Caller } from "@/lib/authz/caller";
import { conflict, validation } from "@/lib/errors";
import { addMembers, groupsInReach, groupsOfUser, removeMembers } from "@/lib/groups/groups";
import { assignRoles, roleCodesOf, rolesInReach, unassignRoles } from "@/lib/roles/roles";
import { requireRecentSignIn } from "@/lib/auth/step-up";
import { revokeAllCredentials } from "@/lib/sessions/revoke-all";
import { systemRole } from "@/lib/tenants/defaults";
import { findUserByEmail, fullNameOf, normalizeEmail } from "./records";
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
 * The admin role and group membership go through assignRoles/unassignRoles and
 * addMembers/removeMembers, with their checks and audit events. Every check runs before the first
 * write, so a refusal is recorded and nothing changes. An email change notifies both addresses;
 * deactivation ends the user's sessions.
 */
export async function updateUsers(caller: Caller, userIds: string[], patch: UserPatch) {
  if (!userIds.length) throw validation("ids: name at least one user", "ids");
  if (patch.email !== undefined && userIds.length > 1) throw validation("email: can only be changed for one user at a time", "email");
  const fields = ACCOUNT_FIELDS.filter((k) => patch[k] !== undefined);
  // Group and admin-role changes stay inside the caller's tenant; anything else edits the shared account.
  const targets = userIds.map((id) => (fields.length ? manageableUser(caller, id, "user.updated") : userInScope(caller, id)));
  if ((fields.length && targets.some((t) => t.id !== caller.userId)) || patch.active !== undefined || patch.quota !== undefined)
    requirePermission(caller, "User", "Edit");
  const tenantId = caller.tenantId;
  const adminRole = patch.tenantAdmin === undefined ? undefined : rolesInReach(caller, tenantId, [systemRole(db, tenantId, "admin")!.id], patch.tenantAdmin ? "user.roles_assigned" : "user.roles_unassigned")[0];
  const groupPlan = patch.groups ? planGroups(caller, targets.map((t) => t.id), patch.groups) : undefined;
  const email = patch.email !== undefined ? normalizeEmail(patch.email) : undefined;
  // Changing one's own sign-in address here carries no password (Quatrix user/edit): step-up instead.
  if (email && targets.some((t) => t.id === caller.userId && t.email !== email)) requireRecentSignIn(caller);
  const changes: { old: string; next: string }[] = [];
  const updated = db.transaction((tx) => {
    const rows = targets.map((t) => {
      if (!fields.length) return t;
      if (email && email !== t.email) {
        const other = findUserByEmail(email, tx);
        if (other && other.id !== t.id) throw conflict("Email is already taken", "email");
        changes.push({ old: t.email, next: email });
      }
      const names = { firstName: patch.firstName ?? t.firstName, lastName: patch.lastName ?? t.lastName };
      const row = tx
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
        .returning()
        .get();
      // Deactivation ends every credential for good: reactivating the account revives none.
      if (patch.active === false) revokeAllCredentials(t.id, {}, tx);
      // The event names only what changed, with its value before and after.
      const changed = Object.fromEntries(
        fields.filter((k) => !same(t[k as AccountField], row[k as AccountField])).map((k) => [k, { before: t[k as AccountField], after: row[k as AccountField] }]),
      );
      if (Object.keys(changed).length)
        audit({ tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "user.updated", targetType: "user", targetId: t.id, targetLabel: row.email, data: { changes: changed } }, tx);
      return row;
    });
    if (adminRole) {
      for (const t of targets) {
        const holds = roleCodesOf(t.id, tenantId).includes(adminRole.name);
        if (patch.tenantAdmin && !holds) assignRoles(caller, t.id, tenantId, [adminRole.id]);
        if (!patch.tenantAdmin && holds) unassignRoles(caller, t.id, tenantId, [adminRole.id]);
      }
    }
    if (groupPlan) {
      for (const [groupId, ids] of groupPlan.add) addMembers(caller, groupId, ids);
      for (const [groupId, ids] of groupPlan.remove) removeMembers(caller, groupId, ids);
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
function planGroups(caller: Caller, userIds: string[], wanted: string[]) {
  const wantedIds = groupsInReach(caller, caller.tenantId, wanted).map((g) => g.id);
  const add = new Map<string, string[]>();
  const remove = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, g: string, u: string) => m.set(g, [...(m.get(g) ?? []), u]);
  for (const userId of userIds) {
    const current = groupsOfUser(userId, caller.tenantId).map((g) => g.id);
    for (const g of wantedIds) if (!current.includes(g)) push(add, g, userId);
    for (const g of current) if (!wantedIds.includes(g)) push(remove, g, userId);
  }
  return { add, remove };
}
