import { asc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import { currentCaller, pendingRequirement } from "@/lib/auth/current";
import { can } from "@/lib/authz/caller";
import { userFilter, userQuerySchema } from "@/lib/users/list";

const cell = (v: unknown) => {
  const s = v === null || v === undefined ? "" : v instanceof Date ? v.toISOString() : String(v);
  // Quote everything; neutralise spreadsheet formulas.
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

/** CSV of every user matching the table's filter, streamed in pages so memory stays flat. */
export async function GET(req: Request) {
  const caller = await currentCaller();
  if (!caller || pendingRequirement(caller) || !can(caller, "User", "Read")) return new Response("Not found", { status: 404 });
  const query = userQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const where = userFilter(caller.tenantId, query);
  audit({ tenantId: caller.tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "users.exported", data: { filter: query } });
  const encoder = new TextEncoder();
  let offset = 0;
  const stream = new ReadableStream({
    start(c) {
      c.enqueue(encoder.encode("id,email,first_name,last_name,username,status,mfa,last_sign_in,created\n"));
    },
    pull(c) {
      const rows = db.select({ u: users }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(where).orderBy(asc(users.email)).limit(2000).offset(offset).all();
      offset += rows.length;
      if (!rows.length) return c.close();
      c.enqueue(encoder.encode(rows.map(({ u }) => [u.id, u.email, u.firstName, u.lastName, u.username, u.active ? "active" : "disabled", u.mfaEnrolled ? "on" : "off", u.lastLoginAt, u.createdAt].map(cell).join(",") + "\n").join("")));
    },
  });
  return new Response(stream, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="users-${new Date().toISOString().slice(0, 10)}.csv"`, "cache-control": "no-store" } });
}
