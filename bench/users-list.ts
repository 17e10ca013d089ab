/**
 * Measures the users table queries (the same lib call the page makes) on the current database:
 *   DATABASE_PATH=data/bench.db npx tsx bench/users-list.ts
 *   DATABASE_URL=postgres://… APP_SECRET=… npx tsx bench/users-list.ts
 * Prints the median of 5 runs per scenario.
 */
import { count, eq } from "drizzle-orm";
import { closeDb, db } from "@/db/client";
import { users } from "@/db/schema";
import type { Caller } from "@/lib/authz/caller";
import { defaultTenant } from "@/lib/bootstrap";
import { listUsers, userQuerySchema } from "@/lib/users/list";

const [superAdmin] = await db.select().from(users).where(eq(users.isSuperAdmin, true)).limit(1);
const root = superAdmin ?? (await db.select().from(users).limit(1))[0]!;
const caller: Caller = { userId: root.id, email: root.email, tenantId: (await defaultTenant())!.id, isSuperAdmin: true, readOnly: false, ip: "bench" };
const [total] = await db.select({ n: count() }).from(users);

const scenarios: [string, Record<string, string>][] = [
  ["first page (newest)", {}],
  ["page 2,000 (offset 50k)", { page: "2000" }],
  ["search email prefix 'grace.'", { q: "grace." }],
  ["search name prefix 'Linus Tor'", { q: "Linus Tor" }],
  ["search name prefix 'linus tor' (any case)", { q: "linus tor" }],
  ["filter disabled", { status: "disabled" }],
  ["filter MFA off + active", { mfa: "no", status: "active" }],
  ["filter role admin", { role: "admin" }],
  ["sort email asc", { sort: "email", dir: "asc" }],
  ["sort name desc", { sort: "name", dir: "desc" }],
  ["sort last sign-in desc", { sort: "lastLogin" }],
  ["signed in during a week", { loginFrom: "2026-11-01", loginTo: "2026-11-07" }],
];

console.log(`users in database: ${total!.n.toLocaleString()}\n`);
console.log("| scenario | median ms | rows | count |");
console.log("|---|---|---|---|");
for (const [name, params] of scenarios) {
  const q = userQuerySchema.parse(params);
  const times: number[] = [];
  let last = { rows: [] as unknown[], total: 0, capped: false };
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    last = await listUsers(caller, q);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`| ${name} | ${times[2]!.toFixed(1)} | ${last.rows.length} | ${last.capped ? `${last.total}+` : last.total} |`);
}
await closeDb();
