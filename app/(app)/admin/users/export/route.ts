import { currentCaller, pendingRequirement } from "@/lib/auth/current";
import { can } from "@/lib/authz/caller";
import { usersCsv } from "@/lib/users/export";
import { userQuerySchema } from "@/lib/users/list";

/** CSV of every user matching the table's filter, streamed batch by batch so memory stays flat. */
export async function GET(req: Request) {
  const caller = await currentCaller();
  if (!caller || (await pendingRequirement(caller)) || !(await can(caller, "User", "Read"))) return new Response("Not found", { status: 404 });
  const query = userQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const lines = usersCsv(caller, query);
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async pull(c) {
      const next = await lines.next();
      if (next.done) c.close();
      else c.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(stream, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="users-${new Date().toISOString().slice(0, 10)}.csv"`, "cache-control": "no-store" } });
}
