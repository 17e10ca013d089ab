/**
 * Times the dashboard's figures (the same lib calls the home page makes) on the current database:
 *   DATABASE_PATH=data/bench.db npx tsx bench/dashboard.ts [--events 300000]
 *   DATABASE_URL=postgres://… APP_SECRET=… npx tsx bench/dashboard.ts
 * `--events N` first adds N sign-in events (90 % successes) of random seeded users over the last
 * 30 days, as a busy tenant's audit log would hold. Prints the median of 5 runs per call.
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { count, eq } from "drizzle-orm";
import { closeDb, db } from "@/db/client";
import { auditEvents, memberships, users } from "@/db/schema";
import type { Caller } from "@/lib/authz/caller";
import { defaultTenant } from "@/lib/bootstrap";
import { recentAudit } from "@/lib/audit/query";
import { firstRunChecklist } from "@/lib/dashboard/checklist";
import { signInsPerDay, userFigures } from "@/lib/dashboard/figures";

const { values } = parseArgs({ options: { events: { type: "string", default: "0" } } });
const tenantId = (await defaultTenant())!.id;
const [superAdmin] = await db.select().from(users).where(eq(users.isSuperAdmin, true)).limit(1);
const root = superAdmin ?? (await db.select().from(users).limit(1))[0]!;
const caller: Caller = { userId: root.id, email: root.email, tenantId, isSuperAdmin: true, readOnly: false, ip: "bench" };

const events = Number(values.events);
if (events > 0) {
  const sample = await db.select({ id: memberships.userId }).from(memberships).where(eq(memberships.tenantId, tenantId)).limit(10_000);
  const now = Date.now();
  for (let done = 0; done < events; done += 1_000) {
    const rows = Array.from({ length: Math.min(1_000, events - done) }, () => {
      const who = sample[Math.floor(Math.random() * sample.length)]!.id;
      const ok = Math.random() < 0.9;
      return { id: randomUUID(), tenantId: ok ? tenantId : null, actorId: ok ? who : null, action: ok ? "login.success" : "login.failed", targetType: "user", targetId: who, createdAt: new Date(now - Math.random() * 30 * 86_400_000) };
    });
    await db.insert(auditEvents).values(rows);
  }
}

const [members] = await db.select({ n: count() }).from(memberships).where(eq(memberships.tenantId, tenantId));
const [logged] = await db.select({ n: count() }).from(auditEvents);
console.log(`members of the tenant: ${members!.n.toLocaleString()}, audit events: ${logged!.n.toLocaleString()}\n`);
console.log("| call | median ms |");
console.log("|---|---|");
const calls: [string, () => Promise<unknown>][] = [
  ["userFigures (total, disabled, MFA, active 7/30 days)", () => userFigures(caller)],
  ["signInsPerDay (14 days)", () => signInsPerDay(caller, { days: 14 })],
  ["signInsPerDay (30 days)", () => signInsPerDay(caller, { days: 30 })],
  ["firstRunChecklist", () => firstRunChecklist(caller)],
  ["recentAudit (8 events)", () => recentAudit(caller, 8)],
];
for (const [name, call] of calls) {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await call();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`| ${name} | ${times[2]!.toFixed(1)} |`);
}
await closeDb();
