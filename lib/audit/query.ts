import { and, asc, count, desc, eq, gte, inArray, isNull, lte, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { contains, startsWith } from "@/db/dialect";
import { auditEvents, memberships, tenants, users } from "@/db/schema";
import { requirePermission, requireTenant, type Caller } from "@/lib/authz/caller";
import { calendarDate } from "@/lib/input/schemas";
import { userInScope } from "@/lib/users/scope";

export const auditQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  action: z.string().trim().max(100).optional().catch(undefined),
  actor: z.string().trim().max(200).optional().catch(undefined),
  /** A target's id, or the start of its label (a user's email). */
  target: z.string().trim().max(200).optional().catch(undefined),
  /** Super admins only: one tenant's events (otherwise all); everyone else always sees their own tenant. */
  tenant: z.string().trim().max(100).optional().catch(undefined),
  ip: z.string().trim().max(100).optional().catch(undefined),
  from: calendarDate.optional().catch(undefined),
  to: calendarDate.optional().catch(undefined),
  page: z.coerce.number().int().min(1).default(1).catch(1),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** Events of the caller's tenant, newest first. Sign-in failures for unknown accounts have no tenant and show to super admins only. */
export async function auditWhere(caller: Caller, q: Omit<AuditQuery, "page">): Promise<SQL | undefined> {
  await requirePermission(caller, "Audit", "Read");
  const where: SQL[] = [];
  if (!caller.isSuperAdmin) where.push(eq(auditEvents.tenantId, caller.tenantId));
  else if (q.tenant) where.push(eq(auditEvents.tenantId, q.tenant));
  if (q.action) where.push(startsWith(auditEvents.action, q.action));
  if (q.actor) where.push(or(eq(auditEvents.actorId, q.actor), startsWith(auditEvents.actorEmail, q.actor))!);
  if (q.target) where.push(or(eq(auditEvents.targetId, q.target), startsWith(auditEvents.targetLabel, q.target))!);
  if (q.ip) where.push(startsWith(auditEvents.ip, q.ip));
  if (q.from) where.push(gte(auditEvents.createdAt, new Date(`${q.from}T00:00:00Z`)));
  if (q.to) where.push(lte(auditEvents.createdAt, new Date(`${q.to}T23:59:59.999Z`)));
  if (q.q) where.push(or(contains(auditEvents.targetLabel, q.q), contains(auditEvents.actorEmail, q.q), contains(auditEvents.action, q.q))!);
  return where.length ? and(...where) : undefined;
}

export async function listAudit(caller: Caller, q: AuditQuery, pageSize = 50) {
  const where = await auditWhere(caller, q);
  const [rows, [total]] = await Promise.all([auditPage(caller, where, pageSize, (q.page - 1) * pageSize), db.select({ n: count() }).from(auditEvents).where(where)]);
  return { rows, total: total!.n, pageSize };
}

/** The newest events of the caller's tenant (the dashboard): no count, which would walk the whole log. */
export async function recentAudit(caller: Caller, limit = 8) {
  // A super admin's dashboard is about the tenant they are in, like everyone's.
  return auditPage(caller, and(await auditWhere(caller, {}), eq(auditEvents.tenantId, caller.tenantId)), limit, 0);
}

async function auditPage(caller: Caller, where: SQL | undefined, limit: number, offset: number) {
  const rows = (
    await db
      .select({ event: auditEvents, tenantName: tenants.name })
      .from(auditEvents)
      .leftJoin(tenants, eq(tenants.id, auditEvents.tenantId))
      .where(where)
      .orderBy(desc(auditEvents.createdAt))
      .limit(limit)
      .offset(offset)
  ).map((r) => ({ ...r.event, tenantName: r.tenantName }));
  const people = await visibleUsers(caller, rows.flatMap((e) => [e.actorId, e.targetType === "user" ? e.targetId : null]));
  return rows.map((e) => {
    const target = e.targetType === "user" && e.targetId ? people.get(e.targetId) : undefined;
    return {
      ...e,
      // Events recorded without the actor's address (a failed second factor, before it was kept) show who it is now.
      actorEmail: e.actorEmail || (e.actorId ? (people.get(e.actorId)?.email ?? "") : ""),
      /** The target user as the caller may see them now (name, linked); undefined when they are not in reach. */
      targetUser: target,
    };
  });
}

export type AuditRow = Awaited<ReturnType<typeof auditPage>>[number];

/**
 * Name and address of the users among `ids` the caller may open: members of their tenant (any
 * user for a super admin). One IN query for a page of events.
 */
async function visibleUsers(caller: Caller, ids: (string | null)[]) {
  const unique = [...new Set(ids.filter((id): id is string => !!id))];
  if (!unique.length) return new Map<string, { email: string; fullName: string }>();
  const cols = { id: users.id, email: users.email, fullName: users.fullName };
  const found = caller.isSuperAdmin
    ? await db.select(cols).from(users).where(inArray(users.id, unique))
    : await db
        .select(cols)
        .from(users)
        .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.tenantId, caller.tenantId), isNull(memberships.invitedAt)))
        .where(inArray(users.id, unique));
  return new Map(found.map((u) => [u.id, { email: u.email, fullName: u.fullName }]));
}

/** Current addresses of users, for events recorded without one (CSV export). */
export async function emailsOf(ids: string[]) {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    for (const u of await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, part))) out.set(u.id, u.email);
  }
  return out;
}

/** Tenants the caller may filter the audit log by: every tenant for a super admin, else only their own. */
export async function auditTenantOptions(caller: Caller) {
  await requirePermission(caller, "Audit", "Read");
  return await db.select({ id: tenants.id, name: tenants.name }).from(tenants).where(caller.isSuperAdmin ? undefined : eq(tenants.id, caller.tenantId)).orderBy(asc(tenants.name));
}

/** A user's trail (events about them), for the user detail page. */
export async function userAuditTrail(caller: Caller, userId: string, tenantId = caller.tenantId, limit = 50) {
  await requirePermission(caller, "User", "Read");
  await requireTenant(caller, tenantId);
  await userInScope(caller, userId); // nobody outside the tenant (or only invited to it) has a trail here
  const scope = caller.isSuperAdmin ? eq(auditEvents.targetId, userId) : and(eq(auditEvents.targetId, userId), eq(auditEvents.tenantId, tenantId));
  return await db.select().from(auditEvents).where(scope).orderBy(desc(auditEvents.createdAt)).limit(limit);
}
