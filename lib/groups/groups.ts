import { and, asc, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import { contains } from "@/lib/sql/like";
import { z } from "zod";
import { db } from "@/db/client";
import { groupMembers, groups, memberships, users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import { requirePermission, requireTenant, type Caller } from "@/lib/authz/caller";
import { AppError, conflict, notFound, validation } from "@/lib/errors";
import { userInScope } from "@/lib/users/scope";

export type GroupRow = typeof groups.$inferSelect;

export const groupDataSchema = z.record(z.string().min(1).max(100), z.string().max(1000)).refine((d) => Object.keys(d).length <= 50, "At most 50 data keys");

function act(caller: Caller, action: string, g: { id: string; name: string; tenantId: string }, data: Record<string, unknown> = {}) {
  return { tenantId: g.tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action, targetType: "group", targetId: g.id, targetLabel: g.name, data };
}

/** A group of the caller's tenant (any tenant for a super admin), else not found. */
export function getGroup(caller: Caller, id: string) {
  requirePermission(caller, "Group", "Read");
  const g = db.select().from(groups).where(eq(groups.id, id)).get();
  if (!g) throw notFound("Group not found");
  requireTenant(caller, g.tenantId);
  return g;
}

export interface GroupQuery {
  tenantId?: string;
  q?: string;
  /** Every key/value must be present in the group's data. */
  data?: Record<string, string>;
  page?: number;
  pageSize?: number;
}

export function listGroups(caller: Caller, query: GroupQuery = {}) {
  requirePermission(caller, "Group", "Read");
  const tenantId = query.tenantId ?? caller.tenantId;
  requireTenant(caller, tenantId);
  const where: SQL[] = [eq(groups.tenantId, tenantId)];
  if (query.q) where.push(contains(groups.name, query.q));
  for (const [k, v] of Object.entries(query.data ?? {})) where.push(sql`json_extract(${groups.data}, ${"$." + JSON.stringify(k)}) = ${v}`);
  const pageSize = Math.min(query.pageSize ?? 25, 200);
  const page = Math.max(1, query.page ?? 1);
  const rows = db
    .select({ group: groups, members: sql<number>`(select count(*) from ${groupMembers} gm where gm.group_id = ${groups.id})` })
    .from(groups)
    .where(and(...where))
    .orderBy(asc(groups.name))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  const total = db.select({ n: count() }).from(groups).where(and(...where)).get()!.n;
  return { rows: rows.map((r) => ({ ...r.group, memberCount: r.members })), total, page, pageSize };
}

export function createGroup(caller: Caller, input: { tenantId?: string; name: string; data?: Record<string, string>; isSystem?: boolean }) {
  requirePermission(caller, "Group", "Create");
  const tenantId = input.tenantId || caller.tenantId;
  requireTenant(caller, tenantId);
  const name = input.name.trim();
  if (!name) throw validation("name: enter a group name", "name");
  const data = groupDataSchema.parse(input.data ?? {});
  return db.transaction((tx) => {
    if (tx.select({ id: groups.id }).from(groups).where(and(eq(groups.tenantId, tenantId), eq(groups.name, name))).get())
      throw conflict("A group with this name already exists", "name");
    const g = tx.insert(groups).values({ tenantId, name, data, isSystem: !!input.isSystem }).returning().get();
    audit(act(caller, "group.created", g), tx);
    return g;
  });
}

export function updateGroup(caller: Caller, id: string, input: { name?: string; data?: Record<string, string> }) {
  const g = getGroup(caller, id);
  requirePermission(caller, "Group", "Edit");
  const name = input.name?.trim() ?? g.name;
  if (!name) throw validation("name: enter a group name", "name");
  const data = input.data ? groupDataSchema.parse(input.data) : g.data;
  return db.transaction((tx) => {
    const clash = tx.select({ id: groups.id }).from(groups).where(and(eq(groups.tenantId, g.tenantId), eq(groups.name, name))).get();
    if (clash && clash.id !== id) throw conflict("A group with this name already exists", "name");
    const row = tx.update(groups).set({ name, data }).where(eq(groups.id, id)).returning().get();
    audit(act(caller, "group.updated", row), tx);
    return row;
  });
}

export function deleteGroup(caller: Caller, id: string) {
  const g = getGroup(caller, id);
  requirePermission(caller, "Group", "Delete");
  if (g.isSystem) throw new AppError("precondition", "System groups cannot be deleted");
  db.transaction((tx) => {
    tx.delete(groups).where(eq(groups.id, id)).run();
    audit(act(caller, "group.deleted", g), tx);
  });
}

/** Adds members; each must belong to the group's tenant. Already-members are left as they are. */
export function addMembers(caller: Caller, groupId: string, userIds: string[]) {
  const g = getGroup(caller, groupId);
  requirePermission(caller, "Group", "Edit");
  const scoped = { ...caller, tenantId: g.tenantId };
  for (const u of userIds) userInScope(scoped, u);
  const inTenant = db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, g.tenantId), inArray(memberships.userId, userIds)))
    .all()
    .map((r) => r.id);
  const missing = userIds.filter((u) => !inTenant.includes(u));
  if (missing.length) throw notFound("User not found");
  db.transaction((tx) => {
    for (const userId of userIds) tx.insert(groupMembers).values({ groupId, userId }).onConflictDoNothing().run();
    audit(act(caller, "group.members_added", g, { userIds }), tx);
  });
}

export function removeMembers(caller: Caller, groupId: string, userIds: string[]) {
  const g = getGroup(caller, groupId);
  requirePermission(caller, "Group", "Edit");
  db.transaction((tx) => {
    tx.delete(groupMembers).where(and(eq(groupMembers.groupId, groupId), inArray(groupMembers.userId, userIds))).run();
    audit(act(caller, "group.members_removed", g, { userIds }), tx);
  });
}

export function listMembers(caller: Caller, groupId: string) {
  getGroup(caller, groupId);
  return db
    .select({ id: users.id, email: users.email, fullName: users.fullName })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(asc(users.email))
    .all();
}

export function groupsOfUser(userId: string, tenantId?: string) {
  const where = tenantId ? and(eq(groupMembers.userId, userId), eq(groups.tenantId, tenantId)) : eq(groupMembers.userId, userId);
  return db.select({ group: groups }).from(groupMembers).innerJoin(groups, eq(groups.id, groupMembers.groupId)).where(where).orderBy(asc(groups.name)).all().map((r) => r.group);
}
