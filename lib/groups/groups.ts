import { and, asc, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import { contains } from "@/lib/sql/like";
import { z } from "zod";
import { db } from "@/db/client";
import { groupMembers, groups, memberships, users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import { requirePermission, requireTenant, type Caller } from "@/lib/authz/caller";
import { AppError, conflict, notFound, validation } from "@/lib/errors";

export type GroupRow = typeof groups.$inferSelect;

export const groupDataSchema = z
  .record(z.string().min(1, "data keys cannot be empty").max(100, "data keys are at most 100 characters"), z.string().max(1000, "data values are at most 1000 characters"))
  .refine((d) => Object.keys(d).length <= 50, "at most 50 data keys");

/** Bad group data is the client's fault: a field error, never a ZodError (500). */
function parseData(data: unknown): Record<string, string> {
  const parsed = groupDataSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  // A bad key is reported as "Invalid key in record" with the useful message nested.
  throw validation(`data: ${issue.code === "invalid_key" ? (issue.issues[0]?.message ?? issue.message) : issue.message}`, "data");
}

/** SQLite caps bound parameters; big member lists go in slices of this size. */
const CHUNK = 500;
const chunks = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/** Audit data for a member change: the count and a sample, not a million ids. */
const membersAudit = (userIds: string[]) => ({ count: userIds.length, userIds: userIds.slice(0, 20) });

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
  const data = parseData(input.data ?? {});
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
  const data = input.data ? parseData(input.data) : g.data;
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

/**
 * The checks of adding users to (or taking them out of) groups, for callers that must check before
 * their own transaction opens: Group/Edit, Group/Read, and that each id is a group of the tenant.
 */
export function groupsInReach(caller: Caller, tenantId: string, ids: string[]) {
  requirePermission(caller, "Group", "Edit");
  requirePermission(caller, "Group", "Read");
  requireTenant(caller, tenantId);
  const unique = [...new Set(ids)];
  const found = unique.length ? db.select().from(groups).where(and(eq(groups.tenantId, tenantId), inArray(groups.id, unique))).all() : [];
  if (found.length !== unique.length) throw validation("groups: unknown group", "groups");
  return found;
}

/** Adds members; each must belong to the group's tenant (else nothing changes). Already-members are left as they are. */
export function addMembers(caller: Caller, groupId: string, userIds: string[]) {
  const g = getGroup(caller, groupId);
  requirePermission(caller, "Group", "Edit");
  const ids = [...new Set(userIds)];
  db.transaction((tx) => {
    for (const part of chunks(ids)) {
      const inTenant = tx.select({ id: memberships.userId }).from(memberships).where(and(eq(memberships.tenantId, g.tenantId), inArray(memberships.userId, part))).all();
      if (inTenant.length !== part.length) throw notFound("User not found");
      tx.insert(groupMembers).values(part.map((userId) => ({ groupId, userId }))).onConflictDoNothing().run();
    }
    audit(act(caller, "group.members_added", g, membersAudit(ids)), tx);
  });
}

export function removeMembers(caller: Caller, groupId: string, userIds: string[]) {
  const g = getGroup(caller, groupId);
  requirePermission(caller, "Group", "Edit");
  const ids = [...new Set(userIds)];
  db.transaction((tx) => {
    for (const part of chunks(ids)) tx.delete(groupMembers).where(and(eq(groupMembers.groupId, groupId), inArray(groupMembers.userId, part))).run();
    audit(act(caller, "group.members_removed", g, membersAudit(ids)), tx);
  });
}

export function listMembers(caller: Caller, groupId: string) {
  const g = getGroup(caller, groupId);
  return db
    // A pending invitation shows only its address (the name is the account's, not the tenant's).
    .select({ id: users.id, email: users.email, fullName: sql<string>`case when ${memberships.invitedAt} is null then ${users.fullName} else '' end` })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    .leftJoin(memberships, and(eq(memberships.userId, groupMembers.userId), eq(memberships.tenantId, g.tenantId)))
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(asc(users.email))
    .all();
}

export function groupsOfUser(userId: string, tenantId?: string) {
  const where = tenantId ? and(eq(groupMembers.userId, userId), eq(groups.tenantId, tenantId)) : eq(groupMembers.userId, userId);
  return db.select({ group: groups }).from(groupMembers).innerJoin(groups, eq(groups.id, groupMembers.groupId)).where(where).orderBy(asc(groups.name)).all().map((r) => r.group);
}
