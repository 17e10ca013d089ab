/**
 * Generates many users in one tenant for load and benchmark work:
 *   npm run seed:users -- --count 1000000 [--tenant Default]
 * One argon2 hash is computed and shared (the accounts are synthetic). The rows bypass the app's
 * queued connection: on SQLite they go in through prepared statements in large transactions on a
 * connection of their own; on PostgreSQL as multi-row parameterised INSERTs, in transactions. A
 * million users take about a minute either way.
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import pg from "pg";
import { closeDb, db } from "@/db/client";
import { engine } from "@/db/engine";
import { runMigrations } from "@/db/migrate";
import { tenants } from "@/db/schema";
import { bootstrap, DEFAULT_TENANT } from "@/lib/bootstrap";
import { env } from "@/lib/env";
import { hashPassword } from "@/lib/security/password";

const { values } = parseArgs({ options: { count: { type: "string", default: "1000000" }, tenant: { type: "string", default: DEFAULT_TENANT } } });
const count = Number(values.count);
await runMigrations();
await bootstrap();
const [tenant] = await db.select().from(tenants).where(eq(tenants.name, values.tenant!)).limit(1);
if (!tenant) throw new Error(`No tenant named ${values.tenant}`);
const hash = await hashPassword("seeded-user-password-1");
const first = ["Ada", "Alan", "Grace", "Linus", "Barbara", "Dennis", "Ken", "Margaret", "Edsger", "Donald", "Frances", "John", "Radia", "Tim", "Vint", "Sophie"];
const last = ["Lovelace", "Turing", "Hopper", "Torvalds", "Liskov", "Ritchie", "Thompson", "Hamilton", "Dijkstra", "Knuth", "Allen", "Backus", "Perlman", "Berners-Lee", "Cerf", "Wilson"];
const run = `${Date.now().toString(36)}`;
const now = Date.now();
const started = Date.now();

/** The i-th synthetic user, timestamps in ms; engines convert them to their own storage. */
function userAt(i: number) {
  const f = first[i % first.length]!;
  const l = last[Math.floor(i / first.length) % last.length]!;
  const created = now - (count - i) * 1000;
  return {
    id: randomUUID(),
    email: `${f.toLowerCase()}.${l.toLowerCase()}.${i}.${run}@seed.example`,
    first: f,
    last: l,
    active: i % 10 !== 0,
    mfa: i % 3 === 0,
    lastLogin: i % 4 === 0 ? null : created + 3600_000,
    created,
  };
}

const USER_COLUMNS = "id, email, first_name, last_name, full_name, password_hash, active, mfa_enrolled, last_login_at, created_at, updated_at";
const progress = (done: number) => process.stdout.write(`\r${done.toLocaleString()} users`);

async function seedSqlite() {
  // Its own connection: the app's handle queues every statement, far too slow for a million rows.
  const sqlite = new Database(env.DATABASE_PATH);
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    const insUser = sqlite.prepare(`insert into users (${USER_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insMember = sqlite.prepare("insert into memberships (id, user_id, tenant_id, created_at) values (?, ?, ?, ?)");
    const BATCH = 50_000;
    for (let done = 0; done < count; done += BATCH) {
      sqlite.transaction(() => {
        for (let i = done; i < Math.min(count, done + BATCH); i++) {
          const u = userAt(i);
          insUser.run(u.id, u.email, u.first, u.last, `${u.first} ${u.last}`, hash, u.active ? 1 : 0, u.mfa ? 1 : 0, u.lastLogin, u.created, u.created);
          insMember.run(randomUUID(), u.id, tenant!.id, u.created);
        }
      })();
      progress(Math.min(count, done + BATCH));
    }
    sqlite.exec("analyze");
  } finally {
    sqlite.close();
  }
}

async function seedPg() {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    /** One INSERT of many rows: ($1, $2, …), ($n+1, …) with `width` parameters per row. */
    const insertMany = (head: string, width: number, rows: unknown[][]) => {
      const tuples = rows.map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(", ")})`);
      return client.query(`${head} values ${tuples.join(", ")}`, rows.flat());
    };
    const ROWS = 1_000; // 11 parameters a user: well under PostgreSQL's 65,535 per statement
    const BATCH = 50_000; // rows per transaction
    for (let done = 0; done < count; done += BATCH) {
      await client.query("begin");
      try {
        for (let from = done; from < Math.min(count, done + BATCH); from += ROWS) {
          const batch = Array.from({ length: Math.min(ROWS, count - from, done + BATCH - from) }, (_, k) => userAt(from + k));
          await insertMany(
            `insert into users (${USER_COLUMNS})`,
            11,
            batch.map((u) => [u.id, u.email, u.first, u.last, `${u.first} ${u.last}`, hash, u.active, u.mfa, u.lastLogin === null ? null : new Date(u.lastLogin), new Date(u.created), new Date(u.created)]),
          );
          await insertMany(
            "insert into memberships (id, user_id, tenant_id, created_at)",
            4,
            batch.map((u) => [randomUUID(), u.id, tenant!.id, new Date(u.created)]),
          );
        }
        await client.query("commit");
      } catch (e) {
        await client.query("rollback");
        throw e;
      }
      progress(Math.min(count, done + BATCH));
    }
    await client.query("analyze users, memberships");
  } finally {
    await client.end();
  }
}

try {
  await (engine === "pg" ? seedPg() : seedSqlite());
  console.log(`\nseeded ${count.toLocaleString()} users in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await closeDb();
}
