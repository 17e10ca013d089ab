import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { groupMembers, groups, membershipRoles, memberships, users } from "@/db/schema";
import { notifyEmailChange } from "@/lib/account/credentials";
import { audit } from "@/lib/audit/record";
import { requirePermission, type Caller } from "@/lib/authz/caller";
import { conflict, validation } from "@/lib/errors";
import { revokeAllSessions } from "@/lib/sessions/sessions";
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

/**
 * Edits users of the caller's tenant in one transaction. The caller edits themselves freely
 * (names only through this path); others need User/Edit. An email change notifies both addresses;
 * deactivation ends the user's sessions.
 */
export async function updateUsers(caller: Caller, userIds: string[], patch: UserPatch) {
  if (!userIds.length) throw validation("ids: name at least one user", "ids");
  if (patch.email !== undefined && userIds.length > 1) throw validation("email: can only be changed for one user at a time", "email");
  // Group and admin-role changes stay inside the caller's tenant; anything else edits the shared account.
  const accountLevel = Object.keys(patch).some((k) => k !== "groups" && k !== "tenantAdmin");
  const targets = userIds.map((id) => (accountLevel ? manageableUser(caller, id) : userInScope(caller, id)));
  if (targets.some((t) => t.id !== caller.userId) || patch.active !== undefined || patch.tenantAdmin !== undefined || patch.groups || patch.quota !== undefined)
    requirePermission(caller, "User", "Edit");
  if (patch.tenantAdmin !== undefined) requirePermission(caller, "Role", "Edit");
  const email = patch.email !== undefined ? normalizeEmail(patch.email) : undefined;
  const changes: { old: string; next: string }[] = [];
  const updated = db.transaction((tx) => {
    return targets.map((t) => {
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
      if (patch.active === false) revokeAllSessions(t.id, undefined, tx);
      const m = tx.select().from(memberships).where(and(eq(memberships.userId, t.id), eq(memberships.tenantId, caller.tenantId))).get();
      if (m && patch.tenantAdmin !== undefined) {
        const admin = systemRole(tx, caller.tenantId, "admin")!;
        if (patch.tenantAdmin) tx.insert(membershipRoles).values({ membershipId: m.id, roleId: admin.id }).onConflictDoNothing().run();
        else tx.delete(membershipRoles).where(and(eq(membershipRoles.membershipId, m.id), eq(membershipRoles.roleId, admin.id))).run();
      }
      if (patch.groups) {
        const wanted = tx.select().from(groups).where(and(eq(groups.tenantId, caller.tenantId), inArray(groups.id, patch.groups.length ? patch.groups : [""]))).all();
        if (wanted.length !== new Set(patch.groups).size) throw validation("groups: unknown group", "groups");
        const tenantGroups = tx.select({ id: groups.id }).from(groups).where(eq(groups.tenantId, caller.tenantId)).all().map((g) => g.id);
        if (tenantGroups.length) tx.delete(groupMembers).where(and(eq(groupMembers.userId, t.id), inArray(groupMembers.groupId, tenantGroups))).run();
        for (const g of wanted) tx.insert(groupMembers).values({ groupId: g.id, userId: t.id }).run();
      }
      audit({ tenantId: caller.tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "user.updated", targetType: "user", targetId: t.id, targetLabel: row.email, data: { fields: Object.keys(patch) } }, tx);
      return row;
    });
  });
  for (const c of changes) await notifyEmailChange(c.old, c.next, caller.tenantId);
  return updated;
}
