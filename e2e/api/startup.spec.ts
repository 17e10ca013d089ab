import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

/**
 * Starts the built app (the standalone server of the suite's build, as the Docker image and
 * scripts/start.sh run it) with a bad configuration and waits for it to exit. Each run gets its own
 * empty data directory and an unused port; the caller's APP_SECRET and DATABASE_URL are not
 * inherited, so each case configures exactly what it names (SQLite unless it sets DATABASE_URL).
 */
function startWith(env: Record<string, string>, port: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iam-startup-"));
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  delete inherited.APP_SECRET;
  delete inherited.DATABASE_URL;
  const server = path.resolve(process.env.NEXT_DIST_DIR || ".next", "standalone/server.js");
  const child = spawn("node", [server], {
    env: { ...inherited, DATA_DIR: dir, DATABASE_PATH: path.join(dir, "app.db"), APP_URL: `http://localhost:${port}`, PORT: String(port), HOSTNAME: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d));
  return new Promise<{ code: number | null; stderr: string }>((resolve) => {
    // A server that did not stop would keep running: kill it so the assertion below reports it.
    const timer = setTimeout(() => child.kill("SIGKILL"), 45_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ code, stderr });
    });
  });
}

/**
 * A port nothing uses now, from the OS. A fixed one can be taken: ports in the ephemeral range are
 * also the local ends of outgoing connections (CI once found 39114 held by one: EADDRINUSE).
 */
function freePort() {
  return new Promise<number>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

test.describe("start-up with a bad configuration", () => {
  test.describe.configure({ timeout: 120_000 });

  const cases: [string, Record<string, string>, RegExp][] = [
    ["APP_SECRET too short", { APP_SECRET: "tiny-secret-xyz" }, /^Cannot start: invalid configuration: APP_SECRET: must be at least 32 characters$/m],
    ["APP_URL not a web address", { APP_URL: "localhost:3000" }, /^Cannot start: invalid configuration: APP_URL: must be an http:\/\/ or https:\/\/ address/m],
    ["SMTP_URL not an SMTP URL", { SMTP_URL: "mail.example.test:25" }, /^Cannot start: invalid configuration: SMTP_URL: must look like smtp:\/\//m],
    ["ADMIN_EMAIL without ADMIN_PASSWORD", { ADMIN_EMAIL: "boot@example.test" }, /^Cannot start: invalid configuration: ADMIN_PASSWORD: ADMIN_EMAIL and ADMIN_PASSWORD go together/m],
    ["an ADMIN_PASSWORD the policy refuses", { ADMIN_EMAIL: "boot@example.test", ADMIN_PASSWORD: "password1" }, /^Cannot start: ADMIN_PASSWORD is refused by the password policy: Password must be at least 10 characters$/m],
    [
      "a PostgreSQL server that cannot be reached",
      { DATABASE_URL: "postgres://nobody@127.0.0.1:1/nothing", APP_SECRET: "startup-test-secret-0123456789-abcdefghi" },
      /^Cannot start: the database cannot be reached/m,
    ],
    ["DATABASE_URL without APP_SECRET", { DATABASE_URL: "postgres://x@127.0.0.1:1/x" }, /^Cannot start: invalid configuration: APP_SECRET: is required with DATABASE_URL/m],
  ];
  cases.forEach(([label, env, line]) => {
    test(`${label}: exits 1 with one readable line`, async () => {
      const { code, stderr } = await startWith(env, await freePort());
      expect(code, stderr).toBe(1);
      expect(stderr).toMatch(line);
      // The line is the whole story: no stack trace follows it.
      expect(stderr).not.toMatch(/^\s+at /m);
      // The secret is never echoed.
      if (env.APP_SECRET) expect(stderr).not.toContain(env.APP_SECRET);
    });
  });

  test("npm run db:migrate against a database it cannot reach: exits 1 with one readable line", async () => {
    const secret = "startup-test-secret-0123456789-abcdefghi";
    const child = spawn("npx", ["tsx", "db/migrate-cli.ts"], { env: { ...process.env, DATABASE_URL: "postgres://nobody@127.0.0.1:1/nothing", APP_SECRET: secret }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code, stderr).toBe(1);
    expect(stderr).toMatch(/^db:migrate failed: Error: connect ECONNREFUSED 127\.0\.0\.1:1$/m);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).not.toContain(secret);
  });
});
