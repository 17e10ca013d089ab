import { currentCaller, pendingRequirement } from "@/lib/auth/current";
import { auditCsv } from "@/lib/audit/export";
import { auditQuerySchema } from "@/lib/audit/query";
import { can } from "@/lib/authz/caller";

/** CSV of the audit events matching the page's filters. */
export async function GET(req: Request) {
  const caller = await currentCaller();
  if (!caller || (await pendingRequirement(caller)) || !(await can(caller, "Audit", "Read"))) return new Response("Not found", { status: 404 });
  const q = auditQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return new Response(await auditCsv(caller, q), { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`, "cache-control": "no-store" } });
}
