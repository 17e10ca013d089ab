/**
 * Requests per second of token API operations and of password sign-ins, against the standalone
 * server of one build, each as a ratio: token operations ÷ a bare route of the same build
 * (GET /api/health touches no database), sign-ins ÷ raw argon2id verifies (lib/security/password.ts,
 * same parameters and concurrency, in a separate process).
 *
 *   NEXT_DIST_DIR=.next-bench npm run build              # once: the build under test
 *   npx tsx bench/api-throughput.ts [--dist .next-bench]  # SQLite, in a temporary data folder
 *   npx tsx bench/api-throughput.ts --pg postgres://postgres@127.0.0.1:5433/postgres
 *     # PostgreSQL: creates a fresh database bench_api_* on that server (dropped at the end unless --keep)
 *
 * Options: --users 1000 (seeded into the Default tenant), --connections 16, --duration 10 and
 * --warmup 2 (seconds), --signin-concurrency 4, --runs 2, --port 3990, --keep.
 *
 * The tenant gets --users synthetic users (scripts/seed-users.ts), an admin and 32 members with
 * known passwords; a second tenant of 8 users (an admin and 7 members) shows the list operation at
 * the size issue 10 first measured it. Per-IP throttling is off (THROTTLE_IP_FREE_FAILURES) and every
 * sign-in uses the right password, rotating over the 32 members, so nothing locks. On PostgreSQL it
 * also counts database transactions per request (pg_stat_database over sequential requests, less
 * what the idle server's workers commit): each statement outside a transaction is one, and so is
 * each transaction however many statements (round trips) it holds, so for a read-only request it
 * is its number of queries and for a sign-in a lower bound.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const self = fileURLToPath(import.meta.url);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const { values: opt } = parseArgs({
  options: {
    pg: { type: "string" },
    dist: { type: "string", default: process.env.NEXT_DIST_DIR || ".next" },
    users: { type: "string", default: "1000" },
    connections: { type: "string", default: "16" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    "signin-concurrency": { type: "string", default: "4" },
    runs: { type: "string", default: "2" },
    port: { type: "string", default: "3990" },
    keep: { type: "boolean", default: false },
    child: { type: "string" },
    concurrency: { type: "string", default: "4" },
  },
});

interface Account {
  email: string;
  password: string;
}
interface Accounts {
  admin: Account;
  members: Account[];
  smallAdmin: Account;
  smallMembers: Account[];
}
const SMALL_TENANT = "Bench small";

// ---------------------------------------------------------------------------------------------
// Child modes: they import the app's lib with the database environment the parent set for them.

/** Creates the accounts with known passwords (as scripts/create-user.ts does, in one process). */
async function childAccounts() {
  const spec = JSON.parse(process.env.BENCH_ACCOUNTS!) as Accounts;
  const { eq } = await import("drizzle-orm");
  const { closeDb, db } = await import("@/db/client");
  const { tenants } = await import("@/db/schema");
  const { bootstrap, DEFAULT_TENANT } = await import("@/lib/bootstrap");
  const { hashPassword } = await import("@/lib/security/password");
  const { insertTenantWithDefaults } = await import("@/lib/tenants/defaults");
  const { ensureMembership, insertUser } = await import("@/lib/users/records");
  await bootstrap();
  const [main] = await db.select().from(tenants).where(eq(tenants.name, DEFAULT_TENANT)).limit(1);
  const small = await db.transaction((tx) => insertTenantWithDefaults(tx, SMALL_TENANT));
  const todo: { a: Account; tenantId: string; roles: string[] }[] = [
    { a: spec.admin, tenantId: main!.id, roles: ["admin"] },
    ...spec.members.map((a) => ({ a, tenantId: main!.id, roles: [] })),
    { a: spec.smallAdmin, tenantId: small.id, roles: ["admin"] },
    ...spec.smallMembers.map((a) => ({ a, tenantId: small.id, roles: [] })),
  ];
  // Hashed before the transactions: nothing inside one awaits anything but the database.
  const hashes = await Promise.all(todo.map((t) => hashPassword(t.a.password)));
  for (const [i, t] of todo.entries()) {
    await db.transaction(async (tx) => {
      const u = await insertUser(tx, { email: t.a.email, passwordHash: hashes[i]!, passwordUpdatedAt: new Date(), firstName: "Bench", lastName: `User ${i}`, verified: true });
      await ensureMembership(tx, u.id, t.tenantId, t.roles);
    });
  }
  await closeDb();
  console.log(JSON.stringify({ created: todo.length }));
}

/** Raw argon2id verifies per second, `concurrency` at a time, with the app's own function and parameters. */
async function childArgon2() {
  const { hashPassword, verifyPassword } = await import("@/lib/security/password");
  const plain = "bench-argon2-passphrase-0123";
  const stored = await hashPassword(plain);
  const from = performance.now() + Number(opt.warmup) * 1000;
  const to = from + Number(opt.duration) * 1000;
  let done = 0;
  const loop = async () => {
    while (performance.now() < to) {
      const ok = await verifyPassword(stored, plain);
      if (!ok) throw new Error("verify failed");
      const t = performance.now();
      if (t >= from && t <= to) done++;
    }
  };
  await Promise.all(Array.from({ length: Number(opt.concurrency) }, loop));
  console.log(JSON.stringify({ perSec: done / Number(opt.duration) }));
}

if (opt.child === "accounts") {
  await childAccounts();
  process.exit(0);
}
if (opt.child === "argon2") {
  await childArgon2();
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// The parent: database, seed, server, load.

const dist = opt.dist!;
if (!existsSync(path.join(root, dist, "standalone", "server.js"))) {
  console.error(`No standalone build at ${dist}/standalone: build it first (NEXT_DIST_DIR=${dist} npm run build), or pass --dist`);
  process.exit(2);
}
const engine = opt.pg ? "pg" : "sqlite";
const runTag = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
const cleanups: (() => Promise<void> | void)[] = [];
let server: ChildProcess | undefined;

async function cleanup() {
  if (server?.pid && server.exitCode === null) {
    server.kill("SIGTERM");
    await Promise.race([new Promise((r) => server!.once("exit", r)), sleep(10_000)]);
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
  }
  for (const c of cleanups.reverse()) await c();
}
process.once("SIGINT", () => void cleanup().finally(() => process.exit(130)));

/** The database part of the environment, for the scripts, the accounts child and the server. */
const dbEnv: Record<string, string> = { DATABASE_URL: "" };
let pgAdmin: pg.Client | undefined;
let pgDbName = "";
let tmpDir = "";

if (engine === "pg") {
  const adminUrl = new URL(opt.pg!);
  pgDbName = `bench_api_${runTag}`;
  pgAdmin = new pg.Client({ connectionString: adminUrl.toString() });
  await pgAdmin.connect();
  await pgAdmin.query(`create database ${pgDbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${pgDbName}`;
  dbEnv.DATABASE_URL = url.toString();
  dbEnv.APP_SECRET = "bench-only-app-secret-never-use-in-production-0123456789";
  tmpDir = mkdtempSync(path.join(os.tmpdir(), "iam-bench-pg-"));
  dbEnv.DATA_DIR = tmpDir;
  cleanups.push(async () => {
    if (opt.keep) console.log(`kept database ${pgDbName}`);
    else {
      await pgAdmin!.query(`drop database if exists ${pgDbName} with (force)`);
      console.log(`dropped database ${pgDbName}`);
    }
    await pgAdmin!.end();
  });
} else {
  tmpDir = mkdtempSync(path.join(os.tmpdir(), "iam-bench-sqlite-"));
  dbEnv.DATA_DIR = tmpDir;
  dbEnv.DATABASE_PATH = path.join(tmpDir, "app.db");
}
cleanups.push(() => {
  if (opt.keep) console.log(`kept data folder ${tmpDir}`);
  else rmSync(tmpDir, { recursive: true, force: true });
});

const childEnv = (extra: Record<string, string> = {}) => ({ ...process.env, ...dbEnv, ...extra });
/** Runs a TypeScript file of this checkout with the same tsx loader this process runs under. */
function tsx(file: string, args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [...process.execArgv, file, ...args], { cwd: root, env: childEnv(extra), encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${path.relative(root, file)} ${args.join(" ")} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const note = (s: string) => process.stderr.write(`${s}\n`);
const timed = <T>(label: string, f: () => T) => {
  const t = performance.now();
  const out = f();
  note(`${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return out;
};

const accounts: Accounts = {
  admin: { email: `bench-admin-${runTag}@bench.example`, password: `Admin-${randomBytes(9).toString("base64url")}` },
  members: Array.from({ length: 32 }, (_, i) => ({ email: `bench-member-${i}-${runTag}@bench.example`, password: `Member-${i}-${randomBytes(9).toString("base64url")}` })),
  smallAdmin: { email: `bench-small-admin-${runTag}@bench.example`, password: `Small-${randomBytes(9).toString("base64url")}` },
  smallMembers: Array.from({ length: 7 }, (_, i) => ({ email: `bench-small-${i}-${runTag}@bench.example`, password: `Small-${i}-${randomBytes(9).toString("base64url")}` })),
};

try {
  note(`engine: ${engine}${pgDbName ? ` (database ${pgDbName})` : ` (${dbEnv.DATABASE_PATH})`}, build: ${dist}`);
  // PostgreSQL migrates as an explicit step (npm run db:migrate); seed-users migrates SQLite itself.
  if (engine === "pg") timed("migrate", () => tsx(path.join(root, "db/migrate-cli.ts"), []));
  timed(`seed ${opt.users} users`, () => tsx(path.join(root, "scripts/seed-users.ts"), ["--count", opt.users!]));
  timed("accounts", () => tsx(self, ["--child", "accounts"], { BENCH_ACCOUNTS: JSON.stringify(accounts) }));

  const port = Number(opt.port);
  const base = `http://127.0.0.1:${port}`;
  const log = path.join(tmpDir, "server.log");
  const logStream = createWriteStream(log);
  server = spawn("bash", ["scripts/start.sh"], {
    cwd: root,
    env: childEnv({ NEXT_DIST_DIR: dist, PORT: String(port), HOSTNAME: "127.0.0.1", NODE_ENV: "production", THROTTLE_IP_FREE_FAILURES: "100000" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.pipe(logStream);
  server.stderr!.pipe(logStream);
  const ready = performance.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}); see ${log}`);
    const status = await fetch(`${base}/api/ready`).then((r) => r.status, () => 0);
    if (status === 200) break;
    if (performance.now() - ready > 90_000) throw new Error(`the server was not ready in 90 s; see ${log}`);
    await sleep(250);
  }
  note(`server ready (pid ${server.pid}, port ${port})`);

  const IAM = "/api/iambackoffice.IamBackoffice";
  const login = async (a: Account) => {
    const res = await fetch(`${base}${IAM}/Login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ loginId: a.email, password: a.password }) });
    const body = (await res.json()) as { tokens?: { token: string } };
    if (res.status !== 200 || !body.tokens) throw new Error(`sign-in of ${a.email}: ${res.status} ${JSON.stringify(body)}`);
    return { Authorization: `Bearer ${body.tokens.token}` };
  };
  const adminH = await login(accounts.admin);
  const memberH = await login(accounts.members[0]!);
  const smallH = await login(accounts.smallAdmin);

  interface Target {
    name: string;
    method: "GET" | "POST";
    path: string;
    headers?: Record<string, string>;
    body?: (i: number) => string;
  }
  const bare: Target = { name: "bare route `GET /api/health`", method: "GET", path: "/api/health" };
  const total = Number(opt.users) + 33;
  const quatrix: Target = { name: `Quatrix \`GET /api/1.0/user\` (${total.toLocaleString("en")} users)`, method: "GET", path: "/api/1.0/user", headers: adminH };
  const quatrixSmall: Target = { name: "Quatrix `GET /api/1.0/user` (tenant of 8 users)", method: "GET", path: "/api/1.0/user", headers: smallH };
  const mine: Target = { name: "BillForward `GET /api/v1/users/mine`", method: "GET", path: "/api/v1/users/mine", headers: memberH };
  const signIn: Target = {
    name: "sign-ins `POST …IamBackoffice/Login` (32 accounts)",
    method: "POST",
    path: `${IAM}/Login`,
    body: (i) => {
      const a = accounts.members[i % accounts.members.length]!;
      return JSON.stringify({ loginId: a.email, password: a.password });
    },
  };

  const agent = new http.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 64 });
  /** One request; resolves with the status and the body's size once the body has been read. */
  const once = (t: Target, i: number) =>
    new Promise<{ status: number; bytes: number; body?: string }>((resolve, reject) => {
      const body = t.body?.(i);
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          method: t.method,
          path: t.path,
          agent,
          headers: { ...t.headers, ...(body ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) } : {}) },
        },
        (res) => {
          let bytes = 0;
          res.on("data", (c: Buffer) => (bytes += c.length));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });

  /** N keep-alive loops for warm-up + duration; counts 200 answers completed inside the measured window. */
  async function load(t: Target, connections: number) {
    const from = performance.now() + Number(opt.warmup) * 1000;
    const to = from + Number(opt.duration) * 1000;
    let ok = 0;
    let bad = 0;
    let i = 0;
    const lat: number[] = [];
    const statuses = new Map<number, number>();
    const loop = async () => {
      while (performance.now() < to) {
        const s = performance.now();
        const { status } = await once(t, i++).catch(() => ({ status: -1 }));
        const e = performance.now();
        if (e < from || e > to) continue;
        if (status === 200) {
          ok++;
          lat.push(e - s);
        } else {
          bad++;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }
    };
    await Promise.all(Array.from({ length: connections }, loop));
    lat.sort((a, b) => a - b);
    if (bad) note(`  ${t.name}: ${bad} answers were not 200: ${JSON.stringify(Object.fromEntries(statuses))}`);
    return { rps: ok / Number(opt.duration), p50: lat[Math.floor(lat.length / 2)] ?? NaN, errors: bad };
  }

  // What each answer is: status and size, checked once before measuring.
  const sizes = new Map<string, number>();
  for (const t of [bare, quatrix, quatrixSmall, mine, signIn]) {
    const r = await once(t, 0);
    if (r.status !== 200) throw new Error(`${t.name}: ${r.status}`);
    sizes.set(t.name, r.bytes);
  }

  /** Transactions committed in the bench database: every autocommit statement is one round trip. */
  async function committed() {
    const r = await pgAdmin!.query<{ n: string }>("select xact_commit + xact_rollback as n from pg_stat_database where datname = $1", [pgDbName]);
    return Number(r.rows[0]!.n);
  }
  /**
   * A backend publishes its counts at most once a second, and one that went idle right after
   * publishing waits 10 s (PGSTAT_IDLE_INTERVAL, PostgreSQL 15+) before it publishes the rest.
   */
  const SETTLE_MS = 11_000;
  const settled = async () => {
    await sleep(SETTLE_MS);
    return committed();
  };
  async function roundTrips(t: Target, n: number, idlePerMs: number) {
    const before = await settled();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await once(t, i);
    const elapsed = performance.now() - t0 + SETTLE_MS;
    const after = await settled();
    return (after - before - idlePerMs * elapsed) / n;
  }
  const trips = new Map<string, number>();
  if (engine === "pg") {
    // The idle server's job and mail workers poll: their commits are subtracted.
    const a = await settled();
    const t0 = performance.now();
    const b = await settled();
    const idlePerMs = (b - a) / (performance.now() - t0);
    note(`idle server: ${(idlePerMs * 1000).toFixed(2)} transactions/s`);
    for (const t of [bare, quatrix, quatrixSmall, mine]) trips.set(t.name, await roundTrips(t, t === quatrix ? 40 : 200, idlePerMs));
    trips.set(signIn.name, await roundTrips(signIn, 64, idlePerMs));
  }

  const argon2 = () => Number((JSON.parse(tsx(self, ["--child", "argon2", "--concurrency", opt["signin-concurrency"]!, "--duration", opt.duration!, "--warmup", opt.warmup!])) as { perSec: number }).perSec);

  const runs = Number(opt.runs);
  const C = Number(opt.connections);
  const S = Number(opt["signin-concurrency"]);
  const results = new Map<string, { rps: number; p50: number; ratio: number; errors: number }[]>();
  const put = (name: string, r: { rps: number; p50: number; ratio: number; errors: number }) => results.set(name, [...(results.get(name) ?? []), r]);
  const ARGON = `raw argon2id verifies (separate process, ${S} at a time)`;
  for (let run = 1; run <= runs; run++) {
    note(`run ${run}/${runs}`);
    const b = await load(bare, C);
    put(bare.name, { ...b, ratio: 1 });
    for (const t of [quatrix, quatrixSmall, mine]) {
      const r = await load(t, C);
      put(t.name, { ...r, ratio: r.rps / b.rps });
    }
    const s = await load(signIn, S);
    const a = argon2();
    put(signIn.name, { ...s, ratio: s.rps / a });
    put(ARGON, { rps: a, p50: NaN, ratio: 1, errors: 0 });
  }

  const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toLocaleString("en", { minimumFractionDigits: d, maximumFractionDigits: d }) : "—");
  const runCols = Array.from({ length: runs }, (_, i) => i + 1);
  console.log(`\nengine: ${engine === "pg" ? "PostgreSQL" : "SQLite"}; ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(2)}; ${C} connections × ${opt.duration} s after ${opt.warmup} s (sign-ins: ${S})\n`);
  console.log(`| metric | ${runCols.map((r) => `req/s run ${r}`).join(" | ")} | ${runCols.map((r) => `ratio run ${r}`).join(" | ")} | p50 ms | answer bytes |${engine === "pg" ? " PG transactions/request |" : ""}`);
  console.log(`|---|${runCols.map(() => "---|").join("")}${runCols.map(() => "---|").join("")}---|---|${engine === "pg" ? "---|" : ""}`);
  for (const [name, rs] of results) {
    const ratioOf = (r: { ratio: number }) => (name === bare.name || name === ARGON ? "1" : f(r.ratio, 2));
    const p50 = rs.map((r) => r.p50).filter(Number.isFinite);
    console.log(
      `| ${name}${name === signIn.name ? " ÷ argon2" : name === bare.name || name === ARGON ? "" : " ÷ bare"} | ${rs.map((r) => f(r.rps)).join(" | ")} | ${rs.map(ratioOf).join(" | ")} | ${p50.length ? p50.map((p) => f(p, 1)).join(" / ") : "—"} | ${sizes.has(name) ? f(sizes.get(name)!) : "—"} |${engine === "pg" ? ` ${trips.has(name) ? f(trips.get(name)!, 1) : "—"} |` : ""}`,
    );
  }
  const errors = [...results.values()].flat().reduce((n, r) => n + r.errors, 0);
  if (errors) console.log(`\n${errors} answers were not 200 (see above)`);
  agent.destroy();
} finally {
  await cleanup();
}
