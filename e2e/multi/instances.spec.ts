import { execFileSync } from "node:child_process";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { startInstance, stopInstance, type Instance } from "./instances";
import { startSmtpSink } from "./smtp-sink";

/**
 * Two instances on one PostgreSQL behave as one: they boot together on an empty database, share
 * sessions and revocations, count sign-in failures together, send each mail once, and one resumes
 * the job of the other after a kill -9.
 */
const server = process.env.TEST_DATABASE_URL;
test.skip(!server, "needs TEST_DATABASE_URL (a PostgreSQL server this suite may create a database on)");
test.describe.configure({ mode: "serial" });

const IAM = "/api/iambackoffice.IamBackoffice";
const Q = "/api/1.0";
const SECRET = "multi-instance-test-secret-0123456789abcdef";
const ADMIN = { email: "multi-admin@example.test", password: "granite-meadow-passphrase-42" };

let databaseUrl = "";
let sql: pg.Pool;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let a: Instance;
let b: Instance;
let env: Record<string, string>;
const api: Record<string, APIRequestContext> = {};

const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await sql.query(text, params)).rows as T[];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query("drop database if exists iam_multi with (force)");
  await admin.query("create database iam_multi");
  await admin.end();
  const target = new URL(server!);
  target.pathname = "/iam_multi";
  databaseUrl = target.toString();
  // Migrations only (the deploy step's first half): the instances find no tenant and no admin.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await migrate(drizzle(client), { migrationsFolder: "db/migrations/pg" });
  await client.end();
  sql = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  sink = await startSmtpSink();
  env = {
    DATABASE_URL: databaseUrl,
    APP_SECRET: SECRET,
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    THROTTLE_IP_FREE_FAILURES: "100000",
    JOB_LEASE_SECONDS: "5",
    JOB_POLL_SECONDS: "1",
    JOB_BATCH_SIZE: "2",
    MAIL_POLL_SECONDS: "1",
  };
  [a, b] = await Promise.all([startInstance(3301, env), startInstance(3302, env)]);
  for (const i of [a, b]) api[i.url] = await request.newContext({ baseURL: i.url });
});

test.afterAll(async () => {
  for (const ctx of Object.values(api)) await ctx.dispose();
  for (const i of [a, b]) if (i) await stopInstance(i, "SIGKILL");
  await sink?.close();
  await sql?.end();
});

const on = (i: Instance) => api[i.url]!;

async function login(i: Instance, loginId: string, password: string) {
  return on(i).post(`${IAM}/Login`, { data: { loginId, password } });
}

function createUser(email: string, password: string) {
  const out = execFileSync("npx", ["tsx", "scripts/create-user.ts", "--email", email, "--password", password], {
    env: { ...process.env, DATABASE_URL: databaseUrl, APP_SECRET: SECRET },
    encoding: "utf8",
  });
  return JSON.parse(out.trim().split("\n").pop()!) as { id: string };
}

test("booting together on an empty database creates one Default tenant and one administrator", async () => {
  expect(await q("select id from tenants where name = 'Default'")).toHaveLength(1);
  expect(await q("select id from users where email = $1", [ADMIN.email])).toHaveLength(1);
  expect(await q("select m.id from memberships m join users u on u.id = m.user_id where u.email = $1", [ADMIN.email])).toHaveLength(1);
});

test("a session from A works on B; revoked on A, B refuses it on the next request", async () => {
  const res = await login(a, ADMIN.email, ADMIN.password);
  expect(res.status(), await res.text()).toBe(200);
  const token = (await res.json()).tokens.token as string;
  const auth = { Authorization: `Bearer ${token}` };
  expect((await on(b).post(`${IAM}/GetUser`, { headers: auth, data: { userId: (await res.json()).user.id } })).status()).toBe(200);
  const out = await on(a).post(`${IAM}/Logout`, { headers: auth, data: { global: false, tokens: { token } } });
  expect(await out.json()).toEqual({ success: true });
  expect((await on(b).post(`${IAM}/GetUser`, { headers: auth, data: { userId: (await res.json()).user.id } })).status()).toBe(401);
});

test("sign-in failures count across instances: guesses spread over both lock the account as soon as on one", async () => {
  const email = `throttled-${Date.now().toString(36)}@example.test`;
  createUser(email, "right-password-of-the-victim-1");
  let failures = 0;
  for (let n = 0; n < 20; n++) {
    const res = await login(n % 2 ? b : a, email, `wrong-guess-${n}`);
    if (res.status() === 429) break;
    expect(res.status()).toBe(401);
    failures++;
  }
  // 5 free failures, then the lock: per-instance counters would have allowed 10 or more.
  expect(failures).toBeLessThanOrEqual(6);
  // Locked everywhere: even the right password on the other instance waits.
  for (const i of [a, b]) expect((await login(i, email, "right-password-of-the-victim-1")).status()).toBe(429);
});

test("a reset mail is sent exactly once although both instances run a mail worker", async () => {
  const email = `mail-once-${Date.now().toString(36)}@example.test`;
  createUser(email, "some-password-for-mail-1");
  const res = await on(b).post("/api/v1/users/password-reset/request-reset-code", { data: { email } });
  expect(res.status()).toBe(200);
  await expect.poll(() => sink.messages.filter((m) => m.to.includes(email)).length).toBe(1);
  // Both workers poll every second: give a duplicate every chance to appear.
  await new Promise((r) => setTimeout(r, 4000));
  expect(sink.messages.filter((m) => m.to.includes(email))).toHaveLength(1);
  expect(await q("select status, attempts from emails where \"to\" = $1", [email])).toEqual([{ status: "sent", attempts: 1 }]);
});

/** Users straight into the Default tenant (no hashing: only their deletion is measured). */
async function seedUsers(count: number) {
  const [tenant] = await q<{ id: string }>("select id from tenants where name = 'Default'");
  return (
    await q<{ id: string }>(
      `with made as (
         insert into users (id, email, full_name, created_at, updated_at)
         select gen_random_uuid()::text, 'bulk-' || g || '-' || $2 || '@example.test', 'Bulk ' || g, now(), now() from generate_series(1, $3::int) g
         returning id)
       insert into memberships (id, user_id, tenant_id, created_at) select gen_random_uuid()::text, id, $1, now() from made returning user_id as id`,
      [tenant!.id, `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, count],
    )
  ).map((r) => r.id);
}

/** Starts a bulk delete on `i` (Quatrix answers 202 and a job id) and waits until some batches are in. */
async function startDeleting(i: Instance, ids: string[]) {
  const signIn = await login(i, ADMIN.email, ADMIN.password);
  const auth = { Authorization: `Bearer ${(await signIn.json()).tokens.token}` };
  const started = await on(i).post(`${Q}/user/delete`, { headers: auth, data: { ids } });
  expect(started.status(), await started.text()).toBe(202);
  const jobId = (await started.json()).job_id as string;
  await expect.poll(async () => (await q<{ done: number }>("select done from jobs where id = $1", [jobId]))[0]!.done, { intervals: [20] }).toBeGreaterThan(0);
  return jobId;
}

const jobRow = async (id: string) => (await q<{ status: string; done: number; total: number; lease_owner: string | null }>("select status, done, total, lease_owner from jobs where id = $1", [id]))[0]!;

test("a job whose instance is killed (-9) mid-way is resumed by the other; every item applied exactly once", async () => {
  const ids = await seedUsers(400);
  // A claims it (the request kicks its own runner); it is killed once some batches are in.
  const jobId = await startDeleting(a, ids);
  expect((await jobRow(jobId)).lease_owner).not.toBeNull();
  await stopInstance(a, "SIGKILL");
  const cut = await jobRow(jobId);
  expect(cut.status).toBe("running");
  expect(cut.done).toBeLessThan(400);
  // B takes it over once A's lease (5 s here, 30 s by default) lapses.
  await expect.poll(async () => (await jobRow(jobId)).status, { timeout: 60_000 }).toBe("done");
  expect(await jobRow(jobId)).toEqual({ status: "done", done: 400, total: 400, lease_owner: null });
  expect(await q("select id from users where id = any($1)", [ids])).toHaveLength(0);
  const audited = await q<{ target_id: string; n: number }>("select target_id, count(*) as n from audit_events where action = 'user.deleted' and target_id = any($1) group by target_id", [ids]);
  expect(audited).toHaveLength(400);
  expect(audited.filter((r) => Number(r.n) !== 1)).toEqual([]);
});

test("SIGTERM: the instance stops taking work and hands its job back at once; a restarted instance finishes it", async () => {
  const ids = await seedUsers(400);
  const jobId = await startDeleting(b, ids);
  await stopInstance(b, "SIGTERM");
  expect(b.child.exitCode ?? b.child.signalCode).not.toBeNull();
  // Handed back, not merely abandoned: no lease to wait out.
  const handed = await jobRow(jobId);
  expect(handed).toMatchObject({ status: "running", lease_owner: null });
  expect(handed.done).toBeLessThan(400);
  await api[a.url]?.dispose();
  a = await startInstance(3301, env);
  api[a.url] = await request.newContext({ baseURL: a.url });
  await expect.poll(async () => (await jobRow(jobId)).status, { timeout: 30_000 }).toBe("done");
  expect(await jobRow(jobId)).toMatchObject({ done: 400, total: 400 });
  expect(await q("select id from users where id = any($1)", [ids])).toHaveLength(0);
});
