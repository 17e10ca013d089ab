import { desc } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { requirePermission, type Caller } from "@/lib/authz/caller";
import { csvCell } from "@/lib/csv/cell";
import { auditWhere, emailsOf, type AuditQuery } from "./query";

/** At most this many events per export; narrow the filters for more. */
export const AUDIT_EXPORT_LIMIT = 100_000;

/** CSV of the audit events the caller may see that match the filters, newest first. */
export async function auditCsv(caller: Caller, q: AuditQuery) {
  await requirePermission(caller, "Audit", "Read");
  const rows = await db.select().from(auditEvents).where(await auditWhere(caller, q)).orderBy(desc(auditEvents.createdAt)).limit(AUDIT_EXPORT_LIMIT);
  const unnamed = await emailsOf([...new Set(rows.filter((e) => !e.actorEmail && e.actorId).map((e) => e.actorId!))]);
  const lines = rows.map((e) => [e.createdAt, e.tenantId, e.actorEmail || (e.actorId ? unnamed.get(e.actorId) : ""), e.action, e.targetType, e.targetLabel || e.targetId, e.ip, e.data].map(csvCell).join(","));
  return ["time,tenant,actor,action,target_type,target,ip,data", ...lines].join("\n") + "\n";
}
