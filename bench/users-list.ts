/**
 * Measures every users-page scenario (the very lib call the page makes) at 10,000 and 1,000,000
 * users on both engines, and prints each 1M ÷ 10k ratio (target: ≤ 3):
 *   npx tsx bench/users-list.ts [--pg postgres://postgres@127.0.0.1:55432/postgres] [--sizes 10000,1000000]
 *     [--engines sqlite,pg] [--only hopper,linus]   (--only: scenarios whose name contains one of these)
 * Databases are seeded once with bulk SQL (bench/seed-users-sql.ts) and kept for the next run:
 * SQLite data/bench-search-<n>.db, PostgreSQL iam_bench_search_<n> on that server.
 * Each (engine, size) runs in a child process (the database handle is per process); a scenario's
 * figure is the fastest of 7 calls after one warm-up call: the machine is shared, and the fastest
 * call is the one least slowed by other work, so it is the cost the ratio should compare.
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import pg from "pg";

const { values } = parseArgs({ options: { child: { type: "boolean" }, pg: { type: "string", default: "postgres://postgres@127.0.0.1:55432/postgres" }, sizes: { type: "string", default: "10000,1000000" }, engines: { type: "string", default: "sqlite,pg" }, only: { type: "string" } } });
type Result = { name: string; ms: number; rows: number; count: string };

if (values.child) await measure(Number(process.env.BENCH_USERS));
else await orchestrate();

async function measure(size: number) {
  const { eq, sql } = await import("drizzle-orm");
  const { closeDb, db } = await import("@/db/client");
  const { refreshPlannerStats, selectRows } = await import("@/db/dialect");
  const { runMigrations } = await import("@/db/migrate");
  const { memberships, users } = await import("@/db/schema");
  const { bootstrap, defaultTenant } = await import("@/lib/bootstrap");
  const { cursorOf, listUsers, userQuerySchema } = await import("@/lib/users/list");
  const { seedUsersSql } = await import("./seed-users-sql");
  await runMigrations();
  await bootstrap();
  const tenant = (await defaultTenant())!;
  const [seeded] = await selectRows<{ n: number }>(sql`select count(*) as n from ${users} where ${users.email} like ${"%@seed.example"}`);
  if (Number(seeded!.n) === 0) {
    const t = performance.now();
    await seedUsersSql(tenant.id, size, Date.UTC(2026, 11, 1));
    console.error(`seeded ${size.toLocaleString()} users in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  } else if (Number(seeded!.n) !== size) throw new Error(`this database holds ${seeded!.n} seeded users, not ${size}: drop it and run again`);
  // As the app does at start and hourly (lib/ops/housekeeping.ts): the seeder's ANALYZE ran on its
  // own connection, which this one does not see; it would plan from the empty tables' statistics.
  await refreshPlannerStats();
  const [root] = await db.select().from(users).limit(1);
  const caller = { userId: root!.id, email: root!.email, tenantId: tenant.id, isSuperAdmin: true, readOnly: false, ip: "bench" };
  // A cursor in the middle of the list (newest first): the page after it is as deep as paging goes.
  const [mid] = await selectRows<{ id: string; t: number | string | Date }>(
    sql`select ${memberships.userId} as id, ${memberships.createdAt} as t from ${memberships} where ${eq(memberships.tenantId, tenant.id)} order by ${memberships.createdAt} desc, ${memberships.userId} desc limit 1 offset ${sql.raw(String(Math.floor(size / 2)))}`,
  );
  const middle = cursorOf(new Date(mid!.t).getTime(), mid!.id);
  const scenarios: [string, Record<string, string>][] = [
    ["first page (newest)", {}],
    ["page after the middle row (keyset; was OFFSET)", { after: middle }],
    ["page before the middle row (previous)", { before: middle }],
    ["search last name 'hopper' (1 in 16)", { q: "hopper" }],
    ["search last name 'knuth'", { q: "knuth" }],
    ["search 'LOVE' (any case)", { q: "LOVE" }],
    ["search email part 'grace.'", { q: "grace." }],
    ["search 'linus tor' (1 in 256)", { q: "linus tor" }],
    ["search one email '.4321@'", { q: ".4321@" }],
    ["search username part 'user432'", { q: "user432" }],
    ["search short term 'jo' (prefix)", { q: "jo" }],
    ["search 'hopper' sorted by email", { q: "hopper", sort: "email", dir: "asc" }],
    ["search 'hopper', next page", { q: "hopper", after: "" }],
    ["filter disabled", { status: "disabled" }],
    ["filter MFA off + active", { mfa: "no", status: "active" }],
    ["filter role admin", { role: "admin" }],
    ["sort email asc", { sort: "email", dir: "asc" }],
    ["sort name desc", { sort: "name", dir: "desc" }],
    ["sort last sign-in desc", { sort: "lastLogin" }],
    ["sort status asc", { sort: "status", dir: "asc" }],
    ["sort name desc, page after the middle row", { sort: "name", dir: "desc", after: "" }],
  ];
  const out: Result[] = [];
  const only = values.only?.split(",");
  for (const [name, params] of scenarios) {
    if (only && !only.some((o) => name.includes(o))) continue;
    const q = userQuerySchema.parse(params);
    // Cursors for "next page" scenarios come from the page before them, as the browser gets them.
    if (params.after === "") {
      const first = await listUsers(caller, { ...q, after: undefined });
      q.after = first.next;
      if (name.includes("middle")) {
        const [m] = await selectRows<{ id: string; k: string }>(sql`select ${users.id} as id, ${users.fullName} as k from ${users} order by ${users.fullName} desc, ${users.id} desc limit 1 offset ${sql.raw(String(Math.floor(size / 2)))}`);
        q.after = cursorOf(m!.k, m!.id);
      }
    }
    await listUsers(caller, q);
    const times: number[] = [];
    let last = { rows: [] as unknown[], total: 0, capped: false };
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      last = await listUsers(caller, q);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    out.push({ name, ms: times[0]!, rows: last.rows.length, count: last.capped ? `${last.total.toLocaleString()}+` : last.total.toLocaleString() });
  }
  console.log(JSON.stringify(out));
  await closeDb();
}

async function orchestrate() {
  const sizes = values.sizes!.split(",").map(Number);
  const results: Record<string, Result[]> = {};
  for (const engine of values.engines!.split(",")) {
    for (const size of sizes) {
      const env: Record<string, string> = { ...(process.env as Record<string, string>), BENCH_USERS: String(size), APP_SECRET: "bench-secret-bench-secret-bench-secret-0" };
      if (engine === "pg") {
        const name = `iam_bench_search_${size}`;
        const admin = new pg.Client({ connectionString: values.pg });
        await admin.connect();
        if (!(await admin.query("select 1 from pg_database where datname = $1", [name])).rowCount) await admin.query(`create database ${name}`);
        await admin.end();
        const url = new URL(values.pg!);
        url.pathname = `/${name}`;
        env.DATABASE_URL = url.toString();
      } else {
        delete env.DATABASE_URL;
        env.DATABASE_PATH = `data/bench-search-${size}.db`;
      }
      const child = spawnSync("npx", ["tsx", "bench/users-list.ts", "--child", ...(values.only ? ["--only", values.only] : [])], { env: env as NodeJS.ProcessEnv, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 24 });
      if (child.status !== 0) throw new Error(`${engine} ${size}: exit ${child.status}`);
      results[`${engine} ${size}`] = JSON.parse(child.stdout.trim().split("\n").pop()!) as Result[];
      console.error(`${engine} ${size.toLocaleString()}: done`);
    }
  }
  const [small, large] = [sizes[0]!, sizes[sizes.length - 1]!];
  const engines = values.engines!.split(",");
  const label = (e: string) => (e === "pg" ? "PostgreSQL" : "SQLite");
  console.log(`| scenario | ${engines.map((e) => `${label(e)} ${small.toLocaleString()} | ${label(e)} ${large.toLocaleString()} | ratio`).join(" | ")} | matches at ${large.toLocaleString()} |`);
  console.log(`|---|${engines.map(() => "---|---|---").join("|")}|---|`);
  for (const [i, row] of results[`${engines[0]} ${small}`]!.entries()) {
    const cells = engines.map((e) => {
      const [a, b] = [results[`${e} ${small}`]![i]!.ms, results[`${e} ${large}`]![i]!.ms];
      const ratio = b / a;
      return `${a.toFixed(1)} | ${b.toFixed(1)} | ${ratio > 3 ? `**${ratio.toFixed(1)}**` : ratio.toFixed(1)}`;
    });
    console.log(`| ${row.name} | ${cells.join(" | ")} | ${results[`${engines[0]} ${large}`]![i]!.count} |`);
  }
}
