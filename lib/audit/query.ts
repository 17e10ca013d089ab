import { and, asc, count, desc, eq, gte, lte, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { contains, startsWith } from "@/db/dialect";
import { auditEvents, tenants } from "@/db/schema";
import { requirePermission, requireTenant, type Caller } from "@/lib/authz/caller";
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
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
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
  const rows = (
    await db
      .select({ event: auditEvents, tenantName: tenants.name })
      .from(auditEvents)
      .leftJoin(tenants, eq(tenants.id, auditEvents.tenantId))
      .where(where)
      .orderBy(desc(auditEvents.createdAt))
      .limit(pageSize)
      .offset((q.page - 1) * pageSize)
  ).map((r) => ({ ...r.event, tenantName: r.tenantName }));
  const [total] = await db.select({ n: count() }).from(auditEvents).where(where);
  return { rows, total: total!.n, pageSize };
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
