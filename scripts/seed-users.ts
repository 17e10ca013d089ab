/**
 * Generates many users in one tenant for load and benchmark work:
 *   npm run seed:users -- --count 1000000 [--tenant Default]
 * One argon2 hash is computed and shared (the accounts are synthetic); rows go in through prepared
 * statements in large transactions, so a million users take about a minute.
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { tenants } from "@/db/schema";
import { bootstrap, DEFAULT_TENANT } from "@/lib/bootstrap";
import { hashPassword } from "@/lib/security/password";

const { values } = parseArgs({ options: { count: { type: "string", default: "1000000" }, tenant: { type: "string", default: DEFAULT_TENANT } } });
const count = Number(values.count);
runMigrations();
await bootstrap();
const tenant = db.select().from(tenants).where(eq(tenants.name, values.tenant!)).get();
if (!tenant) throw new Error(`No tenant named ${values.tenant}`);
const hash = await hashPassword("seeded-user-password-1");
const first = ["Ada", "Alan", "Grace", "Linus", "Barbara", "Dennis", "Ken", "Margaret", "Edsger", "Donald", "Frances", "John", "Radia", "Tim", "Vint", "Sophie"];
const last = ["Lovelace", "Turing", "Hopper", "Torvalds", "Liskov", "Ritchie", "Thompson", "Hamilton", "Dijkstra", "Knuth", "Allen", "Backus", "Perlman", "Berners-Lee", "Cerf", "Wilson"];
const sqlite = db.$client;
const insUser = sqlite.prepare(
  "insert into users (id, email, first_name, last_name, full_name, password_hash, active, mfa_enrolled, last_login_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
);
const insMember = sqlite.prepare("insert into memberships (id, user_id, tenant_id, created_at) values (?, ?, ?, ?)");
const run = `${Date.now().toString(36)}`;
const now = Date.now();
const started = Date.now();
const BATCH = 50_000;
for (let done = 0; done < count; done += BATCH) {
  sqlite.transaction(() => {
    for (let i = done; i < Math.min(count, done + BATCH); i++) {
      const id = randomUUID();
      const f = first[i % first.length]!;
      const l = last[Math.floor(i / first.length) % last.length]!;
      const created = now - (count - i) * 1000;
      insUser.run(id, `${f.toLowerCase()}.${l.toLowerCase()}.${i}.${run}@seed.example`, f, l, `${f} ${l}`, hash, i % 10 === 0 ? 0 : 1, i % 3 === 0 ? 1 : 0, i % 4 === 0 ? null : created + 3600_000, created, created);
      insMember.run(randomUUID(), id, tenant.id, created);
    }
  })();
  process.stdout.write(`\r${Math.min(count, done + BATCH).toLocaleString()} users`);
}
sqlite.exec("analyze");
console.log(`\nseeded ${count.toLocaleString()} users in ${((Date.now() - started) / 1000).toFixed(1)} s`);
