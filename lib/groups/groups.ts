import { and, asc, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, type DB, type Tx } from "@/db/client";
import { jsonField } from "@/db/dialect";
import { groupMembers, groups, memberships, users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import { requirePermission, requireTenant, type Caller } from "@/lib/authz/caller";
import { AppError, conflict, notFound, validation } from "@/lib/errors";
import { groupMatches } from "./search";

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
export async function getGroup(caller: Caller, id: string) {
  await requirePermission(caller, "Group", "Read");
  const [g] = await db.select().from(groups).where(eq(groups.id, id));
  if (!g) throw notFound("Group not found");
  await requireTenant(caller, g.tenantId, "Group not found");
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

export async function listGroups(caller: Caller, query: GroupQuery = {}) {
  await requirePermission(caller, "Group", "Read");
  const tenantId = query.tenantId ?? caller.tenantId;
  await requireTenant(caller, tenantId);
  const where: SQL[] = [eq(groups.tenantId, tenantId)];
  const named = query.q ? groupMatches(query.q) : undefined;
  if (named) where.push(named);
  for (const [k, v] of Object.entries(query.data ?? {})) where.push(sql`${jsonField(groups.data, k)} = ${v}`);
  const pageSize = Math.min(query.pageSize ?? 25, 200);
  const page = Math.max(1, query.page ?? 1);
  const rows = await db
    .select({ group: groups, members: sql<number>`(select count(*) from ${groupMembers} gm where gm.group_id = ${groups.id})`.mapWith(Number) })
    .from(groups)
    .where(and(...where))
    .orderBy(asc(groups.name))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [total] = await db.select({ n: count() }).from(groups).where(and(...where));
  return { rows: rows.map((r) => ({ ...r.group, memberCount: r.members })), total: total!.n, page, pageSize };
}

export async function createGroup(caller: Caller, input: { tenantId?: string; name: string; data?: Record<string, string>; isSystem?: boolean }) {
  await requirePermission(caller, "Group", "Create");
  const tenantId = input.tenantId || caller.tenantId;
  await requireTenant(caller, tenantId);
  const name = input.name.trim();
  if (!name) throw validation("name: enter a group name", "name");
  const data = parseData(input.data ?? {});
  return await db.transaction(async (tx) => {
    if ((await tx.select({ id: groups.id }).from(groups).where(and(eq(groups.tenantId, tenantId), eq(groups.name, name))).limit(1)).length)
      throw conflict("A group with this name already exists", "name");
    const [g] = await tx.insert(groups).values({ tenantId, name, data, isSystem: !!input.isSystem }).returning();
    await audit(act(caller, "group.created", g!), tx);
    return g!;
  });
}

export async function updateGroup(caller: Caller, id: string, input: { name?: string; data?: Record<string, string> }) {
  const g = await getGroup(caller, id);
  await requirePermission(caller, "Group", "Edit");
  const name = input.name?.trim() ?? g.name;
  if (!name) throw validation("name: enter a group name", "name");
  const data = input.data ? parseData(input.data) : g.data;
  return await db.transaction(async (tx) => {
    const [clash] = await tx.select({ id: groups.id }).from(groups).where(and(eq(groups.tenantId, g.tenantId), eq(groups.name, name))).limit(1);
    if (clash && clash.id !== id) throw conflict("A group with this name already exists", "name");
    const [row] = await tx.update(groups).set({ name, data }).where(eq(groups.id, id)).returning();
    await audit(act(caller, "group.updated", row!), tx);
    return row!;
  });
}

export async function deleteGroup(caller: Caller, id: string) {
  const g = await getGroup(caller, id);
  await requirePermission(caller, "Group", "Delete");
  if (g.isSystem) throw new AppError("precondition", "System groups cannot be deleted");
  await db.transaction(async (tx) => {
    await tx.delete(groups).where(eq(groups.id, id));
    await audit(act(caller, "group.deleted", g), tx);
  });
}

/**
 * The checks of adding users to (or taking them out of) groups, for callers that must check before
 * their own transaction opens: Group/Edit, Group/Read, and that each id is a group of the tenant.
 */
export async function groupsInReach(caller: Caller, tenantId: string, ids: string[]) {
  await requirePermission(caller, "Group", "Edit");
  await requirePermission(caller, "Group", "Read");
  await requireTenant(caller, tenantId);
  const unique = [...new Set(ids)];
  const found = unique.length ? await db.select().from(groups).where(and(eq(groups.tenantId, tenantId), inArray(groups.id, unique))) : [];
  if (found.length !== unique.length) throw validation("groups: unknown group", "groups");
  return found;
}

/** Adds members; each must belong to the group's tenant (else nothing changes). Already-members are left as they are. */
export async function addMembers(caller: Caller, groupId: string, userIds: string[]) {
  const g = await getGroup(caller, groupId);
  await requirePermission(caller, "Group", "Edit");
  await addMembersChecked(caller, g, userIds);
}

/**
 * The writes of addMembers, for a group the caller was already checked against (getGroup and
 * Group/Edit, or groupsInReach): callers with a transaction of their own check first (so a refusal
 * is recorded) and pass `tx`; the change is a savepoint in it.
 */
export async function addMembersChecked(caller: Caller, g: GroupRow, userIds: string[], tx: Tx | DB = db) {
  const ids = [...new Set(userIds)];
  await tx.transaction(async (t) => {
    for (const part of chunks(ids)) {
      const inTenant = await t.select({ id: memberships.userId }).from(memberships).where(and(eq(memberships.tenantId, g.tenantId), inArray(memberships.userId, part)));
      if (inTenant.length !== part.length) throw notFound("User not found");
      await t.insert(groupMembers).values(part.map((userId) => ({ groupId: g.id, userId }))).onConflictDoNothing();
    }
    await audit(act(caller, "group.members_added", g, membersAudit(ids)), t);
  });
}

export async function removeMembers(caller: Caller, groupId: string, userIds: string[]) {
  const g = await getGroup(caller, groupId);
  await requirePermission(caller, "Group", "Edit");
  await removeMembersChecked(caller, g, userIds);
}

/** The writes of removeMembers, for a group already checked (see addMembersChecked). */
export async function removeMembersChecked(caller: Caller, g: GroupRow, userIds: string[], tx: Tx | DB = db) {
  const ids = [...new Set(userIds)];
  await tx.transaction(async (t) => {
    for (const part of chunks(ids)) await t.delete(groupMembers).where(and(eq(groupMembers.groupId, g.id), inArray(groupMembers.userId, part)));
    await audit(act(caller, "group.members_removed", g, membersAudit(ids)), t);
  });
}

export async function listMembers(caller: Caller, groupId: string) {
  const g = await getGroup(caller, groupId);
  return await db
    // A pending invitation shows only its address (the name is the account's, not the tenant's).
    .select({ id: users.id, email: users.email, fullName: sql<string>`case when ${memberships.invitedAt} is null then ${users.fullName} else '' end` })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.userId))
    // Only the tenant's own members (rows left by an older version after someone left are not shown).
    .innerJoin(memberships, and(eq(memberships.userId, groupMembers.userId), eq(memberships.tenantId, g.tenantId)))
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(asc(users.email));
}

export async function groupsOfUser(userId: string, tenantId?: string) {
  const where = tenantId ? and(eq(groupMembers.userId, userId), eq(groups.tenantId, tenantId)) : eq(groupMembers.userId, userId);
  return (await db.select({ group: groups }).from(groupMembers).innerJoin(groups, eq(groups.id, groupMembers.groupId)).where(where).orderBy(asc(groups.name))).map((r) => r.group);
}
