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
 * Options: --users 1000 (seeded into the Default tenant), --connections 16, --duration 10 (seconds
 * measured on each side of a ratio) and --warmup 2 (seconds, each side), --signin-concurrency 4,
 * --runs 2, --port 3990, --keep (leave the database or data folder in place).
 *
 * The machine may be shared with other work, so a ratio's two sides are measured in alternating
 * slices (5 each, the order flipping every slice) instead of one after the other: both see the same
 * load. The load generator is this process (keep-alive http, N loops), on the same cores.
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

/**
 * Raw argon2id verifies, `concurrency` at a time, with the app's own function and parameters. It
 * stays up and measures one slice per line read ("<ms>"), answering {"done": n}, so its slices can
 * alternate with the server's sign-in slices.
 */
async function childArgon2() {
  const { hashPassword, verifyPassword } = await import("@/lib/security/password");
  const { createInterface } = await import("node:readline");
  const plain = "bench-argon2-passphrase-0123";
  const stored = await hashPassword(plain);
  const slice = async (ms: number) => {
    const to = performance.now() + ms;
    let done = 0;
    const loop = async () => {
      while (performance.now() < to) {
        if (!(await verifyPassword(stored, plain))) throw new Error("verify failed");
        if (performance.now() <= to) done++;
      }
    };
    await Promise.all(Array.from({ length: Number(opt.concurrency) }, loop));
    return done;
  };
  console.log(JSON.stringify({ ready: true }));
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) break;
    console.log(JSON.stringify({ done: await slice(Number(line)) }));
  }
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

/** Whether any process of the server's own group (it was started detached) is still there. */
function groupAlive(pgid: number) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function cleanup() {
  // The whole group: whatever the server started must stop with it.
  const pgid = server?.pid;
  if (pgid && groupAlive(pgid)) {
    process.kill(-pgid, "SIGTERM");
    for (let i = 0; i < 100 && groupAlive(pgid); i++) await sleep(100);
    if (groupAlive(pgid)) process.kill(-pgid, "SIGKILL");
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
  // Another bench on the same port would answer for ours (and know none of our accounts).
  if (await fetch(`${base}/api/health`).then(() => true, () => false)) throw new Error(`port ${port} is already in use: pass --port`);
  const log = path.join(tmpDir, "server.log");
  const logStream = createWriteStream(log);
  /** Starts the standalone server (detached, its own process group) and waits until it is ready. */
  async function startServer() {
    server = spawn("bash", ["scripts/start.sh"], {
      cwd: root,
      env: childEnv({ NEXT_DIST_DIR: dist, PORT: String(port), HOSTNAME: "127.0.0.1", NODE_ENV: "production", THROTTLE_IP_FREE_FAILURES: "100000" }),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    server.stdout!.pipe(logStream, { end: false });
    server.stderr!.pipe(logStream, { end: false });
    const ready = performance.now();
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}); see ${log}`);
      const status = await fetch(`${base}/api/ready`).then((r) => r.status, () => 0);
      if (status === 200) break;
      if (performance.now() - ready > 90_000) throw new Error(`the server was not ready in 90 s; see ${log}`);
      await sleep(250);
    }
    note(`server ready (pid ${server.pid}, port ${port})`);
  }
  async function stopServer() {
    const pgid = server!.pid!;
    process.kill(-pgid, "SIGTERM");
    for (let i = 0; i < 150 && groupAlive(pgid); i++) await sleep(100);
    if (groupAlive(pgid)) throw new Error(`the server did not stop; see ${log}`);
  }
  await startServer();
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
  // As on an install that has run an hour: housekeeping's pass at start (PRAGMA optimize on the
  // server's own connection) samples the sessions these sign-ins made. Without it no statistics
  // describe them while measuring, and SQLite's re-planning of statements whose bare parameters it
  // compared with samples (STAT4; db/dialect.ts keyPlaceholder) would go unmeasured.
  await stopServer();
  await startServer();
  await sleep(2000);

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

  interface Slice {
    ok: number;
    bad: number;
    lat: number[];
  }
  /** N keep-alive loops for `ms`; counts the answers completed inside the window (200s and others apart). */
  async function load(t: Target, connections: number, ms: number): Promise<Slice> {
    const to = performance.now() + ms;
    const out: Slice = { ok: 0, bad: 0, lat: [] };
    const statuses = new Map<number, number>();
    let i = 0;
    const loop = async () => {
      while (performance.now() < to) {
        const s = performance.now();
        const { status } = await once(t, i++).catch(() => ({ status: -1 }));
        const e = performance.now();
        if (e > to) continue;
        if (status === 200) {
          out.ok++;
          out.lat.push(e - s);
        } else {
          out.bad++;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }
    };
    await Promise.all(Array.from({ length: connections }, loop));
    if (out.bad) note(`  ${t.name}: ${out.bad} answers were not 200: ${JSON.stringify(Object.fromEntries(statuses))}`);
    return out;
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
    return Math.max(0, (after - before - idlePerMs * elapsed) / n);
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

  // The argon2 process, started once (its start-up is not measured), measures on request.
  const argonChild = spawn(process.execPath, [...process.execArgv, self, "--child", "argon2", "--concurrency", opt["signin-concurrency"]!], { cwd: root, env: childEnv(), stdio: ["pipe", "pipe", "inherit"] });
  cleanups.push(() => {
    if (argonChild.exitCode === null) argonChild.kill();
  });
  const argonLines = (async function* () {
    const { createInterface } = await import("node:readline");
    for await (const line of createInterface({ input: argonChild.stdout! })) yield JSON.parse(line) as { ready?: boolean; done?: number };
  })();
  await argonLines.next();
  const argon2 = async (ms: number): Promise<Slice> => {
    argonChild.stdin!.write(`${ms}\n`);
    const { value } = await argonLines.next();
    return { ok: value!.done!, bad: 0, lat: [] };
  };

  const runs = Number(opt.runs);
  const C = Number(opt.connections);
  const S = Number(opt["signin-concurrency"]);
  const WARM = Number(opt.warmup) * 1000;
  const DURATION = Number(opt.duration) * 1000;
  const SLICES = 5;
  /**
   * The machine is shared: its load changes from second to second. Each ratio is therefore taken
   * over alternating slices (5 of duration/5 each side, the order flipping every slice), so both
   * sides see the same load, after a warm-up of each.
   */
  async function paired(a: (ms: number) => Promise<Slice>, b: (ms: number) => Promise<Slice>) {
    await a(WARM);
    await b(WARM);
    const sum = { a: { ok: 0, bad: 0, lat: [] as number[] }, b: { ok: 0, bad: 0, lat: [] as number[] } };
    const add = (to: Slice, r: Slice) => {
      to.ok += r.ok;
      to.bad += r.bad;
      to.lat.push(...r.lat);
    };
    for (let i = 0; i < SLICES; i++) {
      const ms = DURATION / SLICES;
      if (i % 2 === 0) {
        add(sum.a, await a(ms));
        add(sum.b, await b(ms));
      } else {
        add(sum.b, await b(ms));
        add(sum.a, await a(ms));
      }
    }
    const stat = (x: Slice) => {
      x.lat.sort((p, q) => p - q);
      return { rps: x.ok / (DURATION / 1000), p50: x.lat[Math.floor(x.lat.length / 2)] ?? NaN, errors: x.bad };
    };
    return { a: stat(sum.a), b: stat(sum.b) };
  }

  interface Row {
    rps: number;
    base: number;
    p50: number;
    errors: number;
  }
  const results = new Map<string, Row[]>();
  const put = (name: string, r: Row) => results.set(name, [...(results.get(name) ?? []), r]);
  for (let run = 1; run <= runs; run++) {
    note(`run ${run}/${runs}`);
    for (const t of [quatrix, quatrixSmall, mine]) {
      const r = await paired((ms) => load(t, C, ms), (ms) => load(bare, C, ms));
      put(t.name, { ...r.a, base: r.b.rps });
      put(bare.name, { ...r.b, base: r.b.rps });
    }
    const s = await paired((ms) => load(signIn, S, ms), argon2);
    put(signIn.name, { ...s.a, base: s.b.rps });
  }

  const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toLocaleString("en", { minimumFractionDigits: d, maximumFractionDigits: d }) : "—");
  const runCols = Array.from({ length: runs }, (_, i) => i + 1);
  console.log(
    `\nengine: ${engine === "pg" ? "PostgreSQL" : "SQLite"}; ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}; ${C} connections (sign-ins ${S}), ${SLICES} alternating slices of ${DURATION / SLICES / 1000} s a side after ${WARM / 1000} s of warm-up; ratio = req/s ÷ the bare route's (sign-ins: ÷ argon2 verifies/s) in the same slices\n`,
  );
  const pgCol = engine === "pg";
  console.log(`| operation | ${runCols.map((r) => `run ${r}: req/s (vs)`).join(" | ")} | ${runCols.map((r) => `ratio run ${r}`).join(" | ")} | p50 ms | answer bytes |${pgCol ? " PG transactions/request |" : ""}`);
  console.log(`|---|${runCols.map(() => "---|").join("")}${runCols.map(() => "---|").join("")}---|---|${pgCol ? "---|" : ""}`);
  for (const [name, rs] of results) {
    if (name === bare.name) continue;
    const vs = name === signIn.name ? "argon2" : "bare";
    console.log(
      `| ${name} | ${rs.map((r) => `${f(r.rps)} (${vs} ${f(r.base)})`).join(" | ")} | ${rs.map((r) => f(r.rps / r.base, 2)).join(" | ")} | ${rs.map((r) => f(r.p50, 1)).join(" / ")} | ${f(sizes.get(name)!)} |${pgCol ? ` ${trips.has(name) ? f(trips.get(name)!, 1) : "—"} |` : ""}`,
    );
  }
  const bares = results.get(bare.name)!;
  console.log(`\n${bare.name}: ${f(Math.min(...bares.map((r) => r.rps)))}–${f(Math.max(...bares.map((r) => r.rps)))} req/s over the slices above${pgCol ? ` (${f(trips.get(bare.name)!, 1)} PG transactions/request)` : ""}, answer ${sizes.get(bare.name)} bytes`);
  const errors = [...results.values()].flat().reduce((n, r) => n + r.errors, 0);
  if (errors) console.log(`\n${errors} answers were not 200 (see above)`);
  argonChild.stdin!.end();
  agent.destroy();
} finally {
  await cleanup();
}
