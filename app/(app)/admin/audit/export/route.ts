import { desc } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { currentCaller, pendingRequirement } from "@/lib/auth/current";
import { auditQuerySchema, auditWhere } from "@/lib/audit/query";
import { can } from "@/lib/authz/caller";

const cell = (v: unknown) => {
  const s = v === null || v === undefined ? "" : v instanceof Date ? v.toISOString() : typeof v === "object" ? JSON.stringify(v) : String(v);
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

/** CSV of the audit events matching the page's filters. */
export async function GET(req: Request) {
  const caller = await currentCaller();
  if (!caller || pendingRequirement(caller) || !can(caller, "Audit", "Read")) return new Response("Not found", { status: 404 });
  const q = auditQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const rows = db.select().from(auditEvents).where(auditWhere(caller, q)).orderBy(desc(auditEvents.createdAt)).limit(100_000).all();
  const body = ["time,tenant,actor,action,target_type,target,ip,data", ...rows.map((e) => [e.createdAt, e.tenantId, e.actorEmail, e.action, e.targetType, e.targetLabel || e.targetId, e.ip, e.data].map(cell).join(","))].join("\n") + "\n";
  return new Response(body, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`, "cache-control": "no-store" } });
}
