import { and, asc, count, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { db, type DB, type Tx } from "@/db/client";
import { membershipRoles, memberships, rolePermissions, roles, users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import { requirePermission, requireTenant, type Caller } from "@/lib/authz/caller";
import { requireHoldsAll } from "@/lib/authz/escalation";
import { AppError, conflict, isAppError, notFound, validation } from "@/lib/errors";
import { findUserByLogin, resolveRoles } from "@/lib/users/records";
import { userMatches } from "@/lib/users/search";

export type RoleRow = typeof roles.$inferSelect;
export type PermissionRow = typeof rolePermissions.$inferSelect;
export type RoleWithPermissions = RoleRow & { permissions: PermissionRow[] };

const act = (caller: Caller, action: string, r: { id: string; name: string; tenantId: string }, data: Record<string, unknown> = {}) => ({
  tenantId: r.tenantId,
  actorId: caller.userId,
  actorEmail: caller.email,
  ip: caller.ip,
  action,
  targetType: "role",
  targetId: r.id,
  targetLabel: r.name,
  data,
});

async function withPermissions(r: RoleRow, includeRevoked: boolean, tx: Tx | DB = db): Promise<RoleWithPermissions> {
  const [one] = await withPermissionsAll([r], includeRevoked, tx);
  return one!;
}

/** Several roles with their permissions, in one query for all of them. */
async function withPermissionsAll(rs: RoleRow[], includeRevoked: boolean, tx: Tx | DB = db): Promise<RoleWithPermissions[]> {
  if (!rs.length) return [];
  const ids = rs.map((r) => r.id);
  const where = includeRevoked ? inArray(rolePermissions.roleId, ids) : and(inArray(rolePermissions.roleId, ids), isNull(rolePermissions.revokedAt));
  const perms = await tx.select().from(rolePermissions).where(where).orderBy(asc(rolePermissions.resource), asc(rolePermissions.action));
  return rs.map((r) => ({ ...r, permissions: perms.filter((p) => p.roleId === r.id) }));
}

/** The role row as stored now, with its permissions (after a write in `tx`). */
async function reread(tx: Tx, id: string, includeRevoked: boolean) {
  const [row] = await tx.select().from(roles).where(eq(roles.id, id));
  return withPermissions(row!, includeRevoked, tx);
}

export interface RoleQuery {
  tenantId?: string;
  includeRetired?: boolean;
  orderBy?: "created" | "name" | "updated";
  order?: "ASC" | "DESC";
  offset?: number;
  records?: number;
}

export async function listRoles(caller: Caller, q: RoleQuery = {}) {
  await requirePermission(caller, "Role", "Read");
  const tenantId = q.tenantId ?? caller.tenantId;
  await requireTenant(caller, tenantId);
  const where = q.includeRetired ? eq(roles.tenantId, tenantId) : and(eq(roles.tenantId, tenantId), isNull(roles.revokedAt));
  const col = q.orderBy === "name" ? roles.name : q.orderBy === "updated" ? roles.updatedAt : roles.createdAt;
  const rows = await db
    .select()
    .from(roles)
    .where(where)
    .orderBy(q.order === "ASC" ? asc(col) : desc(col), asc(roles.name))
    .limit(Math.min(q.records ?? 10, 500))
    .offset(q.offset ?? 0);
  const [counted] = await db.select({ n: count() }).from(roles).where(where);
  return { rows: await withPermissionsAll(rows, !!q.includeRetired), total: counted!.n };
}

/** By id or by name (BillForward `{role}`), in the caller's tenant. Retired ones only when asked. */
export async function getRole(caller: Caller, ref: string, opts: { includeRetired?: boolean; tenantId?: string } = {}) {
  await requirePermission(caller, "Role", "Read");
  const tenantId = opts.tenantId ?? caller.tenantId;
  await requireTenant(caller, tenantId);
  // A role's id may equal another role's name: the first match, as before.
  const [r] = await db
    .select()
    .from(roles)
    .where(and(eq(roles.tenantId, tenantId), or(eq(roles.id, ref), eq(roles.name, ref))))
    .limit(1);
  if (!r || (r.revokedAt && !opts.includeRetired)) throw notFound("Role not found");
  return await withPermissions(r, !!opts.includeRetired);
}

async function unsetOtherDefaults(tx: Tx, tenantId: string, keepId: string) {
  await tx.update(roles).set({ isDefault: false }).where(and(eq(roles.tenantId, tenantId), eq(roles.isDefault, true)));
  await tx.update(roles).set({ isDefault: true }).where(eq(roles.id, keepId));
}

export interface PermissionInput {
  resource: string;
  action: string;
}

const target = (action: string, r: { id: string; name: string; tenantId: string }) => ({ action, tenantId: r.tenantId, targetType: "role", targetId: r.id, targetLabel: r.name });

/**
 * A role is changed (renamed, re-described, made default, narrowed, retired, given or taken) only
 * by someone who holds everything it carries, and everything it would carry after the change.
 */
async function requireRoleInReach(caller: Caller, r: RoleWithPermissions, action: string, adding: PermissionInput[] = []) {
  await requireHoldsAll(caller, r.permissions, target(action, r), `You cannot change the role "${r.name}": it carries permissions you do not hold yourself`);
  await requireHoldsAll(caller, adding, target(action, r));
}

export async function createRole(caller: Caller, input: { tenantId?: string; name: string; description?: string; defaultRole?: boolean; permissions?: PermissionInput[] }) {
  await requirePermission(caller, "Role", "Create");
  const tenantId = input.tenantId || caller.tenantId;
  await requireTenant(caller, tenantId);
  const name = input.name.trim();
  if (!name) throw validation("name: enter a role name", "name");
  const perms = dedupe(input.permissions ?? []);
  // A default role is held by every member without a role: never more than its creator holds.
  await requireHoldsAll(caller, perms, { action: "role.created", tenantId, targetType: "role", targetLabel: name, data: { defaultRole: !!input.defaultRole } });
  return await db.transaction(async (tx) => {
    if ((await tx.select({ id: roles.id }).from(roles).where(and(eq(roles.tenantId, tenantId), eq(roles.name, name)))).length)
      throw conflict("A role with this name already exists", "name");
    const [r] = await tx.insert(roles).values({ tenantId, name, description: input.description ?? "", changedBy: caller.userId }).returning();
    if (perms.length) await tx.insert(rolePermissions).values(perms.map((p) => ({ roleId: r!.id, ...p, changedBy: caller.userId })));
    if (input.defaultRole) await unsetOtherDefaults(tx, tenantId, r!.id);
    await audit(act(caller, "role.created", r!, { permissions: perms, defaultRole: !!input.defaultRole }), tx);
    return await reread(tx, r!.id, false);
  });
}

const isBuiltInAdmin = (r: RoleRow) => r.isSystem && r.name === "admin";
const adminHoldsAll = () => new AppError("precondition", "The built-in admin role always holds every permission");

const dedupe = (ps: PermissionInput[]) => [...new Map(ps.map((p) => [`${p.resource}/${p.action}`, p])).values()];

/**
 * Renames/re-describes a role, toggles default, and (when `permissions` is given) makes the
 * active permissions exactly that set: missing ones are revoked, new ones added.
 */
export async function updateRole(caller: Caller, ref: string, input: { name?: string; description?: string; defaultRole?: boolean; permissions?: PermissionInput[] }, tenantId?: string) {
  const r = await getRole(caller, ref, { tenantId });
  await requirePermission(caller, "Role", "Edit");
  const name = input.name?.trim() ?? r.name;
  if (!name) throw validation("name: enter a role name", "name");
  if (r.isSystem && name !== r.name) throw new AppError("precondition", "Built-in roles cannot be renamed");
  if (isBuiltInAdmin(r) && input.permissions) throw adminHoldsAll();
  await requireRoleInReach(caller, r, "role.updated", input.permissions ? dedupe(input.permissions) : []);
  return await db.transaction(async (tx) => {
    const [clash] = await tx.select({ id: roles.id }).from(roles).where(and(eq(roles.tenantId, r.tenantId), eq(roles.name, name)));
    if (clash && clash.id !== r.id) throw conflict("A role with this name already exists", "name");
    await tx.update(roles).set({ name, description: input.description ?? r.description, changedBy: caller.userId }).where(eq(roles.id, r.id));
    if (input.defaultRole === true) await unsetOtherDefaults(tx, r.tenantId, r.id);
    if (input.defaultRole === false) await tx.update(roles).set({ isDefault: false }).where(eq(roles.id, r.id));
    if (input.permissions) {
      const wanted = dedupe(input.permissions);
      const key = (p: PermissionInput) => `${p.resource}/${p.action}`;
      const current = r.permissions;
      for (const p of current)
        if (!wanted.some((w) => key(w) === key(p)))
          await tx.update(rolePermissions).set({ revokedAt: new Date(), changedBy: caller.userId }).where(eq(rolePermissions.id, p.id));
      const fresh = wanted.filter((w) => !current.some((p) => key(p) === key(w)));
      if (fresh.length) await tx.insert(rolePermissions).values(fresh.map((p) => ({ roleId: r.id, ...p, changedBy: caller.userId })));
    }
    await audit(act(caller, "role.updated", { ...r, name }, { defaultRole: input.defaultRole, permissions: input.permissions }), tx);
    return await reread(tx, r.id, false);
  });
}

/** For look-ups whose "not found" is an answer, not a failure: every other error still throws. */
const missingAs =
  <T>(value: T) =>
  (e: unknown) => {
    if (isAppError(e) && e.kind === "not_found") return value;
    throw e;
  };

/**
 * Retires a role (never deleted): holders lose its permissions from their next request. The
 * tenant's default role is retired only together with handing the default to `newDefault` (a live
 * role, id or name), so the tenant is never left without one; making a role the default needs
 * every permission it carries, as in updateRole.
 */
export async function retireRole(caller: Caller, ref: string, tenantId?: string, opts: { newDefault?: string } = {}) {
  const r = await getRole(caller, ref, { tenantId });
  await requirePermission(caller, "Role", "Delete");
  if (r.isSystem) throw new AppError("precondition", "Built-in roles cannot be retired");
  await requireRoleInReach(caller, r, "role.retired");
  const heir = r.isDefault && opts.newDefault ? await getRole(caller, opts.newDefault, { tenantId: r.tenantId }).catch(missingAs(null)) : null;
  if (r.isDefault && (!heir || heir.id === r.id)) throw validation("Choose another live role to become the default role before retiring this one", "newDefault");
  // Its holders with no other live role fall back to the default role: the heir, or the current one.
  if (heir) await requireRoleInReach(caller, heir, "role.updated");
  else await requireHoldsDefaultRole(caller, r.tenantId, "role.retired");
  return await db.transaction(async (tx) => {
    if (heir) await unsetOtherDefaults(tx, r.tenantId, heir.id);
    await tx.update(roles).set({ revokedAt: new Date(), isDefault: false, changedBy: caller.userId }).where(eq(roles.id, r.id));
    await audit(act(caller, "role.retired", r, heir ? { newDefault: heir.name } : {}), tx);
    return await reread(tx, r.id, true);
  });
}

/** Brings a retired role back as it was (its holders and permissions), but not as the default role. */
export async function restoreRole(caller: Caller, ref: string, tenantId?: string) {
  const r = await getRole(caller, ref, { tenantId, includeRetired: true });
  await requirePermission(caller, "Role", "Delete");
  if (!r.revokedAt) throw new AppError("precondition", "This role is not retired");
  await requireRoleInReach(caller, r, "role.restored");
  return await db.transaction(async (tx) => {
    await tx.update(roles).set({ revokedAt: null, changedBy: caller.userId }).where(eq(roles.id, r.id));
    await audit(act(caller, "role.restored", r), tx);
    return await reread(tx, r.id, false);
  });
}

export async function revokePermission(caller: Caller, ref: string, resource: string, action: string, tenantId?: string) {
  const r = await getRole(caller, ref, { tenantId });
  await requirePermission(caller, "Role", "Edit");
  if (isBuiltInAdmin(r)) throw adminHoldsAll();
  const p = r.permissions.find((x) => x.resource === resource && x.action === action);
  if (!p) throw notFound("Permission not found on this role");
  await requireRoleInReach(caller, r, "role.permission_revoked");
  return await db.transaction(async (tx) => {
    await tx.update(rolePermissions).set({ revokedAt: new Date(), changedBy: caller.userId }).where(eq(rolePermissions.id, p.id));
    await audit(act(caller, "role.permission_revoked", r, { resource, action }), tx);
    return await reread(tx, r.id, false);
  });
}

/**
 * Users explicitly holding a role in its tenant, by email, a page at a time. Members with no
 * explicit role fall back to the default role and are not listed.
 */
export async function listHolders(caller: Caller, ref: string, opts: { offset?: number; records?: number; tenantId?: string; q?: string } = {}) {
  const r = await getRole(caller, ref, { includeRetired: true, tenantId: opts.tenantId });
  // Holders are users: listing their emails needs User/Read as well.
  await requirePermission(caller, "User", "Read");
  // Searched like the users table: any part of the email, name or username (lib/users/search.ts).
  const search = opts.q ? await userMatches(opts.q) : undefined;
  const where = and(eq(membershipRoles.roleId, r.id), eq(memberships.tenantId, r.tenantId), search?.where);
  const rows = await db
    // A pending invitation shows only its address (the name is the account's, not the tenant's).
    .select({ id: users.id, email: users.email, fullName: sql<string>`case when ${memberships.invitedAt} is null then ${users.fullName} else '' end` })
    .from(membershipRoles)
    .innerJoin(memberships, eq(memberships.id, membershipRoles.membershipId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(where)
    .orderBy(asc(users.email))
    .limit(Math.min(opts.records ?? 50, 200))
    .offset(opts.offset ?? 0);
  const [counted] = await db.select({ n: count() }).from(membershipRoles).innerJoin(memberships, eq(memberships.id, membershipRoles.membershipId)).innerJoin(users, eq(users.id, memberships.userId)).where(where);
  return { rows, total: counted!.n };
}

/** Role names held by a user in a tenant. */
export async function roleCodesOf(userId: string, tenantId: string, tx: Tx | DB = db) {
  const rows = await tx
    .select({ name: roles.name })
    .from(membershipRoles)
    .innerJoin(memberships, eq(memberships.id, membershipRoles.membershipId))
    .innerJoin(roles, eq(roles.id, membershipRoles.roleId))
    .where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId)))
    .orderBy(asc(roles.name));
  return rows.map((r) => r.name);
}

async function membershipOf(userId: string, tenantId: string, tx: Tx | DB = db) {
  const [m] = await tx.select().from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId)));
  if (!m) throw notFound("User not found");
  return m;
}

/**
 * The checks of giving (or taking) roles in a tenant, run before any write so that a refusal is
 * recorded and nothing changes: Role/Edit, the tenant, and that the caller holds every permission
 * of each role. Returns the roles.
 */
export async function rolesInReach(caller: Caller, tenantId: string, refs: string[], action: "user.roles_assigned" | "user.roles_unassigned") {
  await requirePermission(caller, "Role", "Edit");
  await requireTenant(caller, tenantId);
  const found = await resolveRoles(db, tenantId, refs);
  const verb = action === "user.roles_assigned" ? "give" : "take away";
  const withPerms = await withPermissionsAll(found, false);
  for (const r of withPerms)
    await requireHoldsAll(caller, r.permissions, target(action, r), `You cannot ${verb} the role "${r.name}": it carries permissions you do not hold yourself`);
  if (action === "user.roles_unassigned") await requireHoldsDefaultRole(caller, tenantId, action);
  return found;
}

/**
 * A member left without a live role holds the tenant's default role (liveRoleOf), so creating a
 * member without roles, taking roles away or retiring a role can hand out what the default role
 * carries: the caller must hold all of it, as for giving that role. (The built-in "member" role
 * carries nothing, so this refuses only where an administrator gave the default role permissions.)
 */
export async function requireHoldsDefaultRole(caller: Caller, tenantId: string, action: string) {
  const [d] = await db.select().from(roles).where(and(eq(roles.tenantId, tenantId), eq(roles.isDefault, true), isNull(roles.revokedAt)));
  if (!d) return;
  const { permissions } = await withPermissions(d, false);
  await requireHoldsAll(caller, permissions, target(action, d), `Members left without a role hold the default role "${d.name}", which carries permissions you do not hold yourself`);
}

/**
 * The caller's tenant member with this email or username, for operations named by login: anyone
 * else (no account, or an account only in other tenants) is "not found", and only after the
 * caller's own permission and tenant, so nobody learns who has an account elsewhere.
 */
export async function memberByLogin(caller: Caller, loginId: string, tenantId: string) {
  await requirePermission(caller, "Role", "Edit");
  await requireTenant(caller, tenantId);
  const user = await findUserByLogin(loginId);
  if (user) {
    const [m] = await db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.userId, user.id), eq(memberships.tenantId, tenantId)));
    if (m) return user.id;
  }
  throw notFound("User not found");
}

const roleAudit = (caller: Caller, action: string, userId: string, tenantId: string, changed: RoleRow[], before: string[], after: string[]) => ({
  tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action, targetType: "user", targetId: userId,
  data: { roles: changed.map((r) => r.name), before, after },
});

/** Gives roles (names or ids) to a user's membership in a tenant; returns the resulting role codes. */
export async function assignRoles(caller: Caller, userId: string, tenantId: string, refs: string[]) {
  const found = await rolesInReach(caller, tenantId, refs, "user.roles_assigned");
  return await assignRolesChecked(caller, userId, tenantId, found);
}

/**
 * The writes of assignRoles, for roles that already passed rolesInReach: callers with a transaction
 * of their own check first (so a refusal is recorded) and pass `tx`; the change is a savepoint in it.
 */
export async function assignRolesChecked(caller: Caller, userId: string, tenantId: string, found: RoleRow[], tx: Tx | DB = db) {
  const m = await membershipOf(userId, tenantId, tx);
  const before = await roleCodesOf(userId, tenantId, tx);
  await tx.transaction(async (t) => {
    const added: RoleRow[] = [];
    for (const r of found)
      if ((await t.insert(membershipRoles).values({ membershipId: m.id, roleId: r.id }).onConflictDoNothing().returning({ roleId: membershipRoles.roleId })).length) added.push(r);
    await audit(roleAudit(caller, "user.roles_assigned", userId, tenantId, added, before, [...new Set([...before, ...added.map((r) => r.name)])].sort()), t);
  });
  return await roleCodesOf(userId, tenantId, tx);
}

export async function unassignRoles(caller: Caller, userId: string, tenantId: string, refs: string[]) {
  const found = await rolesInReach(caller, tenantId, refs, "user.roles_unassigned");
  return await unassignRolesChecked(caller, userId, tenantId, found);
}

/** The writes of unassignRoles, for roles that already passed rolesInReach (see assignRolesChecked). */
export async function unassignRolesChecked(caller: Caller, userId: string, tenantId: string, found: RoleRow[], tx: Tx | DB = db) {
  const m = await membershipOf(userId, tenantId, tx);
  // Nobody locks themselves out of a tenant by accident; another admin (or a super admin) can do it.
  if (userId === caller.userId && !caller.isSuperAdmin && found.some(isBuiltInAdmin))
    throw new AppError("precondition", "You cannot remove the admin role from yourself: ask another administrator");
  const before = await roleCodesOf(userId, tenantId, tx);
  await tx.transaction(async (t) => {
    const removed: RoleRow[] = [];
    for (const r of found)
      if ((await t.delete(membershipRoles).where(and(eq(membershipRoles.membershipId, m.id), eq(membershipRoles.roleId, r.id))).returning({ roleId: membershipRoles.roleId })).length) removed.push(r);
    await audit(roleAudit(caller, "user.roles_unassigned", userId, tenantId, removed, before, before.filter((n) => !removed.some((r) => r.name === n))), t);
  });
  return await roleCodesOf(userId, tenantId, tx);
}
