import { and, asc, count, desc, eq, isNull, or, sql } from "drizzle-orm";
import { db, type DB, type Tx } from "@/db/client";
import { membershipRoles, memberships, rolePermissions, roles, users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import { requirePermission, requireTenant, type Caller } from "@/lib/authz/caller";
import { requireHoldsAll } from "@/lib/authz/escalation";
import { AppError, conflict, notFound, validation } from "@/lib/errors";
import { resolveRoles } from "@/lib/users/records";

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

function withPermissions(r: RoleRow, includeRevoked: boolean, tx: Tx | DB = db): RoleWithPermissions {
  const where = includeRevoked ? eq(rolePermissions.roleId, r.id) : and(eq(rolePermissions.roleId, r.id), isNull(rolePermissions.revokedAt));
  return { ...r, permissions: tx.select().from(rolePermissions).where(where).orderBy(asc(rolePermissions.resource), asc(rolePermissions.action)).all() };
}

export interface RoleQuery {
  tenantId?: string;
  includeRetired?: boolean;
  orderBy?: "created" | "name" | "updated";
  order?: "ASC" | "DESC";
  offset?: number;
  records?: number;
}

export function listRoles(caller: Caller, q: RoleQuery = {}) {
  requirePermission(caller, "Role", "Read");
  const tenantId = q.tenantId ?? caller.tenantId;
  requireTenant(caller, tenantId);
  const where = q.includeRetired ? eq(roles.tenantId, tenantId) : and(eq(roles.tenantId, tenantId), isNull(roles.revokedAt));
  const col = q.orderBy === "name" ? roles.name : q.orderBy === "updated" ? roles.updatedAt : roles.createdAt;
  const rows = db
    .select()
    .from(roles)
    .where(where)
    .orderBy(q.order === "ASC" ? asc(col) : desc(col), asc(roles.name))
    .limit(Math.min(q.records ?? 10, 500))
    .offset(q.offset ?? 0)
    .all();
  const total = db.select({ n: count() }).from(roles).where(where).get()!.n;
  return { rows: rows.map((r) => withPermissions(r, !!q.includeRetired)), total };
}

/** By id or by name (BillForward `{role}`), in the caller's tenant. Retired ones only when asked. */
export function getRole(caller: Caller, ref: string, opts: { includeRetired?: boolean; tenantId?: string } = {}) {
  requirePermission(caller, "Role", "Read");
  const tenantId = opts.tenantId ?? caller.tenantId;
  requireTenant(caller, tenantId);
  const r = db.select().from(roles).where(and(eq(roles.tenantId, tenantId), or(eq(roles.id, ref), eq(roles.name, ref)))).get();
  if (!r || (r.revokedAt && !opts.includeRetired)) throw notFound("Role not found");
  return withPermissions(r, !!opts.includeRetired);
}

function unsetOtherDefaults(tx: Tx, tenantId: string, keepId: string) {
  tx.update(roles).set({ isDefault: false }).where(and(eq(roles.tenantId, tenantId), eq(roles.isDefault, true))).run();
  tx.update(roles).set({ isDefault: true }).where(eq(roles.id, keepId)).run();
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
function requireRoleInReach(caller: Caller, r: RoleWithPermissions, action: string, adding: PermissionInput[] = []) {
  requireHoldsAll(caller, r.permissions, target(action, r), `You cannot change the role "${r.name}": it carries permissions you do not hold yourself`);
  requireHoldsAll(caller, adding, target(action, r));
}

export function createRole(caller: Caller, input: { tenantId?: string; name: string; description?: string; defaultRole?: boolean; permissions?: PermissionInput[] }) {
  requirePermission(caller, "Role", "Create");
  const tenantId = input.tenantId || caller.tenantId;
  requireTenant(caller, tenantId);
  const name = input.name.trim();
  if (!name) throw validation("name: enter a role name", "name");
  const perms = dedupe(input.permissions ?? []);
  // A default role is held by every member without a role: never more than its creator holds.
  requireHoldsAll(caller, perms, { action: "role.created", tenantId, targetType: "role", targetLabel: name, data: { defaultRole: !!input.defaultRole } });
  return db.transaction((tx) => {
    if (tx.select({ id: roles.id }).from(roles).where(and(eq(roles.tenantId, tenantId), eq(roles.name, name))).get())
      throw conflict("A role with this name already exists", "name");
    const r = tx.insert(roles).values({ tenantId, name, description: input.description ?? "", changedBy: caller.userId }).returning().get();
    if (perms.length) tx.insert(rolePermissions).values(perms.map((p) => ({ roleId: r.id, ...p, changedBy: caller.userId }))).run();
    if (input.defaultRole) unsetOtherDefaults(tx, tenantId, r.id);
    audit(act(caller, "role.created", r, { permissions: perms, defaultRole: !!input.defaultRole }), tx);
    return withPermissions(tx.select().from(roles).where(eq(roles.id, r.id)).get()!, false, tx);
  });
}

const isBuiltInAdmin = (r: RoleRow) => r.isSystem && r.name === "admin";
const adminHoldsAll = () => new AppError("precondition", "The built-in admin role always holds every permission");

const dedupe = (ps: PermissionInput[]) => [...new Map(ps.map((p) => [`${p.resource}/${p.action}`, p])).values()];

/**
 * Renames/re-describes a role, toggles default, and (when `permissions` is given) makes the
 * active permissions exactly that set: missing ones are revoked, new ones added.
 */
export function updateRole(caller: Caller, ref: string, input: { name?: string; description?: string; defaultRole?: boolean; permissions?: PermissionInput[] }, tenantId?: string) {
  const r = getRole(caller, ref, { tenantId });
  requirePermission(caller, "Role", "Edit");
  const name = input.name?.trim() ?? r.name;
  if (!name) throw validation("name: enter a role name", "name");
  if (r.isSystem && name !== r.name) throw new AppError("precondition", "Built-in roles cannot be renamed");
  if (isBuiltInAdmin(r) && input.permissions) throw adminHoldsAll();
  requireRoleInReach(caller, r, "role.updated", input.permissions ? dedupe(input.permissions) : []);
  return db.transaction((tx) => {
    const clash = tx.select({ id: roles.id }).from(roles).where(and(eq(roles.tenantId, r.tenantId), eq(roles.name, name))).get();
    if (clash && clash.id !== r.id) throw conflict("A role with this name already exists", "name");
    tx.update(roles).set({ name, description: input.description ?? r.description, changedBy: caller.userId }).where(eq(roles.id, r.id)).run();
    if (input.defaultRole === true) unsetOtherDefaults(tx, r.tenantId, r.id);
    if (input.defaultRole === false) tx.update(roles).set({ isDefault: false }).where(eq(roles.id, r.id)).run();
    if (input.permissions) {
      const wanted = dedupe(input.permissions);
      const key = (p: PermissionInput) => `${p.resource}/${p.action}`;
      const current = r.permissions;
      for (const p of current)
        if (!wanted.some((w) => key(w) === key(p)))
          tx.update(rolePermissions).set({ revokedAt: new Date(), changedBy: caller.userId }).where(eq(rolePermissions.id, p.id)).run();
      const fresh = wanted.filter((w) => !current.some((p) => key(p) === key(w)));
      if (fresh.length) tx.insert(rolePermissions).values(fresh.map((p) => ({ roleId: r.id, ...p, changedBy: caller.userId }))).run();
    }
    audit(act(caller, "role.updated", { ...r, name }, { defaultRole: input.defaultRole, permissions: input.permissions }), tx);
    return withPermissions(tx.select().from(roles).where(eq(roles.id, r.id)).get()!, false, tx);
  });
}

/** Retires a role (never deleted): holders lose its permissions from their next request. */
export function retireRole(caller: Caller, ref: string, tenantId?: string) {
  const r = getRole(caller, ref, { tenantId });
  requirePermission(caller, "Role", "Delete");
  if (r.isSystem) throw new AppError("precondition", "Built-in roles cannot be retired");
  requireRoleInReach(caller, r, "role.retired");
  return db.transaction((tx) => {
    tx.update(roles).set({ revokedAt: new Date(), isDefault: false, changedBy: caller.userId }).where(eq(roles.id, r.id)).run();
    audit(act(caller, "role.retired", r), tx);
    return withPermissions(tx.select().from(roles).where(eq(roles.id, r.id)).get()!, true, tx);
  });
}

export function revokePermission(caller: Caller, ref: string, resource: string, action: string, tenantId?: string) {
  const r = getRole(caller, ref, { tenantId });
  requirePermission(caller, "Role", "Edit");
  if (isBuiltInAdmin(r)) throw adminHoldsAll();
  const p = r.permissions.find((x) => x.resource === resource && x.action === action);
  if (!p) throw notFound("Permission not found on this role");
  requireRoleInReach(caller, r, "role.permission_revoked");
  return db.transaction((tx) => {
    tx.update(rolePermissions).set({ revokedAt: new Date(), changedBy: caller.userId }).where(eq(rolePermissions.id, p.id)).run();
    audit(act(caller, "role.permission_revoked", r, { resource, action }), tx);
    return withPermissions(tx.select().from(roles).where(eq(roles.id, r.id)).get()!, false, tx);
  });
}

/**
 * Users explicitly holding a role in its tenant, by email, a page at a time. Members with no
 * explicit role fall back to the default role and are not listed.
 */
export function listHolders(caller: Caller, ref: string, opts: { offset?: number; records?: number; tenantId?: string } = {}) {
  const r = getRole(caller, ref, { includeRetired: true, tenantId: opts.tenantId });
  // Holders are users: listing their emails needs User/Read as well.
  requirePermission(caller, "User", "Read");
  const where = and(eq(membershipRoles.roleId, r.id), eq(memberships.tenantId, r.tenantId));
  const rows = db
    // A pending invitation shows only its address (the name is the account's, not the tenant's).
    .select({ id: users.id, email: users.email, fullName: sql<string>`case when ${memberships.invitedAt} is null then ${users.fullName} else '' end` })
    .from(membershipRoles)
    .innerJoin(memberships, eq(memberships.id, membershipRoles.membershipId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(where)
    .orderBy(asc(users.email))
    .limit(Math.min(opts.records ?? 50, 200))
    .offset(opts.offset ?? 0)
    .all();
  const total = db.select({ n: count() }).from(membershipRoles).innerJoin(memberships, eq(memberships.id, membershipRoles.membershipId)).where(where).get()!.n;
  return { rows, total };
}

/** Role names held by a user in a tenant. */
export function roleCodesOf(userId: string, tenantId: string) {
  return db
    .select({ name: roles.name })
    .from(membershipRoles)
    .innerJoin(memberships, eq(memberships.id, membershipRoles.membershipId))
    .innerJoin(roles, eq(roles.id, membershipRoles.roleId))
    .where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId)))
    .orderBy(asc(roles.name))
    .all()
    .map((r) => r.name);
}

function membershipOf(userId: string, tenantId: string) {
  const m = db.select().from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId))).get();
  if (!m) throw notFound("User not found");
  return m;
}

/**
 * The checks of giving (or taking) roles in a tenant, run before any write so that a refusal is
 * recorded and nothing changes: Role/Edit, the tenant, and that the caller holds every permission
 * of each role. Returns the roles.
 */
export function rolesInReach(caller: Caller, tenantId: string, refs: string[], action: "user.roles_assigned" | "user.roles_unassigned") {
  requirePermission(caller, "Role", "Edit");
  requireTenant(caller, tenantId);
  const found = resolveRoles(db, tenantId, refs);
  const verb = action === "user.roles_assigned" ? "give" : "take away";
  for (const r of found)
    requireHoldsAll(caller, withPermissions(r, false).permissions, target(action, r), `You cannot ${verb} the role "${r.name}": it carries permissions you do not hold yourself`);
  return found;
}

const roleAudit = (caller: Caller, action: string, userId: string, tenantId: string, changed: RoleRow[], before: string[], after: string[]) => ({
  tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action, targetType: "user", targetId: userId,
  data: { roles: changed.map((r) => r.name), before, after },
});

/** Gives roles (names or ids) to a user's membership in a tenant; returns the resulting role codes. */
export function assignRoles(caller: Caller, userId: string, tenantId: string, refs: string[]) {
  const found = rolesInReach(caller, tenantId, refs, "user.roles_assigned");
  const m = membershipOf(userId, tenantId);
  const before = roleCodesOf(userId, tenantId);
  db.transaction((tx) => {
    const added = found.filter((r) => tx.insert(membershipRoles).values({ membershipId: m.id, roleId: r.id }).onConflictDoNothing().run().changes > 0);
    audit(roleAudit(caller, "user.roles_assigned", userId, tenantId, added, before, [...new Set([...before, ...added.map((r) => r.name)])].sort()), tx);
  });
  return roleCodesOf(userId, tenantId);
}

export function unassignRoles(caller: Caller, userId: string, tenantId: string, refs: string[]) {
  const found = rolesInReach(caller, tenantId, refs, "user.roles_unassigned");
  const m = membershipOf(userId, tenantId);
  // Nobody locks themselves out of a tenant by accident; another admin (or a super admin) can do it.
  if (userId === caller.userId && !caller.isSuperAdmin && found.some(isBuiltInAdmin))
    throw new AppError("precondition", "You cannot remove the admin role from yourself: ask another administrator");
  const before = roleCodesOf(userId, tenantId);
  db.transaction((tx) => {
    const removed = found.filter((r) => tx.delete(membershipRoles).where(and(eq(membershipRoles.membershipId, m.id), eq(membershipRoles.roleId, r.id))).run().changes > 0);
    audit(roleAudit(caller, "user.roles_unassigned", userId, tenantId, removed, before, before.filter((n) => !removed.some((r) => r.name === n))), tx);
  });
  return roleCodesOf(userId, tenantId);
}
