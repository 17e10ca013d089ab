/**
 * First-load JavaScript of every signed-in page, as a browser with a cold cache downloads it: each
 * page is opened in a fresh browser context (its own empty cache), and the script responses until
 * the load event and 1.5 s without a new script are summed, raw and gzipped (zlib level 9, as a server or CDN would send
 * them). Fails (exit 1) when a page is over the budget.
 *
 *   NEXT_DIST_DIR=.next-bench npm run build                # once: the build under test
 *   npx tsx bench/first-load-js.ts [--dist .next-bench]      # starts it on SQLite in a temporary folder
 *   npx tsx bench/first-load-js.ts --base http://localhost:3000 --email … --password …   # a running server
 *
 * Options: --budget 200 (KB gzip, 1 KB = 1024 bytes), --port 3991, --verbose (every script of every
 * page, largest first: where to cut). Chromium is Debian's (/usr/bin/chromium) or CHROMIUM_PATH.
 */
import { chromium, type Browser } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const { values: opt } = parseArgs({
  options: {
    base: { type: "string" },
    email: { type: "string", default: "bench-admin@bench.example" },
    password: { type: "string", default: "bench-first-load-passphrase-31" },
    dist: { type: "string", default: process.env.NEXT_DIST_DIR || ".next" },
    port: { type: "string", default: "3991" },
    budget: { type: "string", default: "200" },
    verbose: { type: "boolean", default: false },
  },
});

const PAGES = [
  "/",
  "/account",
  "/account/password",
  "/account/mfa",
  "/account/passkeys",
  "/account/sessions",
  "/account/tokens",
  "/account/pgp",
  "/vault",
  "/vault/backup",
  "/settings",
  "/admin/users",
  "/admin/groups",
  "/admin/roles",
  "/admin/tenants",
  "/admin/audit",
  "/admin/outbox",
  "/api-reference",
];
/** Detail pages, found through the first link of their list (a fresh install has these records). */
const DETAILS: [list: string, pattern: RegExp][] = [
  ["/admin/users", /^\/admin\/users\/[0-9a-f-]{36}$/],
  ["/admin/roles", /^\/admin\/roles\/[0-9a-f-]{36}$/],
  ["/admin/tenants", /^\/admin\/tenants\/[0-9a-f-]{36}$/],
];

let server: ChildProcess | undefined;
let tmpDir: string | undefined;

/** The build under test on a throwaway SQLite database, its first administrator from the environment. */
async function startServer() {
  const dist = path.resolve(root, opt.dist!);
  if (!existsSync(path.join(dist, "standalone/server.js"))) throw new Error(`no build at ${dist}: run NEXT_DIST_DIR=${opt.dist} npm run build`);
  tmpDir = mkdtempSync(path.join(os.tmpdir(), "first-load-js-"));
  const base = `http://127.0.0.1:${opt.port}`;
  server = spawn("bash", ["scripts/start.sh"], {
    cwd: root,
    env: {
      ...process.env,
      NEXT_DIST_DIR: opt.dist,
      DATA_DIR: tmpDir,
      DATABASE_PATH: path.join(tmpDir, "app.db"),
      DATABASE_URL: "",
      PORT: opt.port,
      HOSTNAME: "127.0.0.1",
      APP_URL: base,
      NODE_ENV: "production",
      ADMIN_EMAIL: opt.email,
      ADMIN_PASSWORD: opt.password,
    },
    stdio: "ignore",
    detached: true,
  });
  const started = performance.now();
  while ((await fetch(`${base}/api/ready`).then((r) => r.status, () => 0)) !== 200) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
    if (performance.now() - started > 90_000) throw new Error("the server was not ready in 90 s");
    await sleep(250);
  }
  return base;
}

async function signIn(browser: Browser, base: string) {
  const ctx = await browser.newContext({ baseURL: base });
  const page = await ctx.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(opt.email!);
  await page.getByLabel("Password").fill(opt.password!);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 15_000 });
  const details: string[] = [];
  for (const [list, pattern] of DETAILS) {
    await page.goto(list);
    const hrefs = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    const href = hrefs.find((h) => pattern.test(h));
    if (href) details.push(href);
  }
  const state = await ctx.storageState();
  await ctx.close();
  return { state, details };
}

type Script = { url: string; raw: number; gzip: number };

async function measure(browser: Browser, base: string, state: Awaited<ReturnType<typeof signIn>>["state"], pathname: string) {
  // A new context has an empty HTTP cache: everything the page needs is downloaded.
  const ctx = await browser.newContext({ baseURL: base, storageState: state });
  const page = await ctx.newPage();
  const scripts: Promise<Script | undefined>[] = [];
  let lastScript = performance.now();
  page.on("request", (req) => {
    if (req.resourceType() === "script") lastScript = performance.now();
  });
  page.on("response", (res) => {
    if (res.request().resourceType() !== "script") return;
    lastScript = performance.now();
    scripts.push(res.body().then((body) => ({ url: new URL(res.url()).pathname, raw: body.length, gzip: gzipSync(body, { level: 9 }).length }), () => undefined));
  });
  const res = await page.goto(pathname, { waitUntil: "load" });
  // Then until no script has been asked for or arrived for 1.5 s: what hydration loads counts too.
  // (Not "networkidle": a page's link prefetches may keep the network busy.)
  while (performance.now() - lastScript < 1_500) await sleep(250);
  const landed = new URL(page.url()).pathname;
  if (!res?.ok() || landed.startsWith("/login")) throw new Error(`${pathname}: answered ${res?.status()} at ${landed}`);
  const all = (await Promise.all(scripts)).filter((s): s is Script => s !== undefined);
  await ctx.close();
  return { scripts: all, landed };
}

const kb = (n: number) => (n / 1024).toFixed(1);

try {
  const base = opt.base ?? (await startServer());
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined),
    args: ["--no-sandbox", "--disable-gpu"],
  });
  const { state, details } = await signIn(browser, base);
  const budget = Number(opt.budget) * 1024;
  const rows: { page: string; files: number; raw: number; gzip: number }[] = [];
  for (const pathname of [...PAGES, ...details]) {
    const { scripts, landed } = await measure(browser, base, state, pathname);
    const sum = (k: "raw" | "gzip") => scripts.reduce((n, s) => n + s[k], 0);
    const name = pathname.replace(/[0-9a-f-]{36}$/, "[id]");
    rows.push({ page: landed === pathname ? name : `${name} → ${landed}`, files: scripts.length, raw: sum("raw"), gzip: sum("gzip") });
    if (opt.verbose) {
      console.log(`${name}: ${kb(sum("gzip"))} KB`);
      for (const s of scripts.sort((a, b) => b.gzip - a.gzip)) console.log(`  ${kb(s.gzip).padStart(6)} KB  ${s.url}`);
    }
  }
  await browser.close();
  console.log(`\n| page | scripts | raw KB | gzip KB |\n|---|---:|---:|---:|`);
  for (const r of rows) console.log(`| \`${r.page}\` | ${r.files} | ${kb(r.raw)} | ${kb(r.gzip)}${r.gzip > budget ? " ✗" : ""} |`);
  const over = rows.filter((r) => r.gzip > budget);
  console.log(over.length ? `\n${over.length} page(s) over the ${opt.budget} KB gzip budget` : `\nevery page within the ${opt.budget} KB gzip budget (largest ${kb(Math.max(...rows.map((r) => r.gzip)))} KB)`);
  process.exitCode = over.length ? 1 : 0;
} finally {
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
  if (tmpDir) {
    await sleep(500);
    rmSync(tmpDir, { recursive: true, force: true });
  }
}
