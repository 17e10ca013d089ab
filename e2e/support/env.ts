import { execFileSync } from "node:child_process";
import { buildSync } from "esbuild";
import path from "node:path";
import type { Browser, Locator, Page } from "@playwright/test";
import { expect } from "@playwright/test";

export const ADMIN = { email: "admin@example.test", password: "orchid-lantern-passphrase-77" };
export const ADMIN_STATE = `e2e/.auth/admin${process.env.E2E_PORT ?? ""}.json`;
/**
 * The database the suite runs on. E2E_DATA_DIR (default data/e2e) holds the SQLite file; with
 * E2E_DATABASE_URL (an empty PostgreSQL database) the server and every helper use PostgreSQL instead.
 * Paths are absolute: the standalone server changes into its own folder before opening them.
 */
const dataDir = path.resolve(process.env.E2E_DATA_DIR ?? "data/e2e");
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL || undefined;
/** Instances on PostgreSQL need a configured key (lib/env.ts): a fixed one, for tests only. */
export const E2E_APP_SECRET = "e2e-only-app-secret-never-use-in-production-0123456789";
/** The database part of the environment: for the server (playwright.config.ts) and the admin CLI. */
export const E2E_DB_ENV: { DATA_DIR: string; DATABASE_PATH: string; DATABASE_URL: string; APP_SECRET?: string } = {
  DATA_DIR: dataDir,
  DATABASE_PATH: path.join(dataDir, "app.db"),
  // Empty = unset (lib/env.ts): a DATABASE_URL in the caller's shell must not turn a SQLite run into PostgreSQL.
  DATABASE_URL: E2E_DATABASE_URL ?? "",
  ...(E2E_DATABASE_URL ? { APP_SECRET: E2E_APP_SECRET } : {}),
};
export const E2E_ENV = { ...process.env, ...E2E_DB_ENV };
/** Against a reused server the database is not fresh: first-run checks are skipped. */
export const FRESH_DB = !process.env.E2E_BASE_URL;

let n = 0;
export const uniqueEmail = (prefix = "user") => `${prefix}-${Date.now().toString(36)}-${++n}@example.test`;
export const PASSWORD = "correct-horse-battery-staple";

/** Creates a user straight in the e2e database through the admin CLI. */
/**
 * The admin CLI bundled once per test process: `npx tsx` compiles it on every call (~4 s on two
 * busy cores), the bundle starts in under one.
 */
let cliBundle: string | undefined;
function createUserCli() {
  if (cliBundle) return cliBundle;
  const out = path.resolve(`node_modules/.cache/iam-e2e/create-user-${process.pid}.mjs`);
  buildSync({
    entryPoints: ["scripts/create-user.ts"],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: out,
    alias: { "@": path.resolve(".") },
    external: ["better-sqlite3", "@node-rs/argon2", "pg", "nodemailer"],
    // The bundle is ESM; the packages it bundles may still call require.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: "warning",
  });
  return (cliBundle = out);
}

export function createUser(opts: { email?: string; password?: string; roles?: string[]; tenant?: string; superAdmin?: boolean; createTenant?: boolean } = {}) {
  const email = opts.email ?? uniqueEmail();
  const args = [createUserCli(), "--email", email, "--password", opts.password ?? PASSWORD];
  for (const r of opts.roles ?? []) args.push("--role", r);
  if (opts.tenant) args.push("--tenant", opts.tenant);
  if (opts.superAdmin) args.push("--super-admin");
  if (opts.createTenant) args.push("--create-tenant");
  const out = execFileSync("node", args, { env: E2E_ENV, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return { ...(JSON.parse(out.trim().split("\n").pop()!) as { id: string; email: string; tenantId: string }), password: opts.password ?? PASSWORD };
}

/** A TOTP code computed independently of our code, by oathtool. */
export function totp(secret: string, offsetSteps = 0) {
  const args = ["--totp", "-b", secret.replace(/\s/g, "")];
  if (offsetSteps) args.push("-N", `now ${offsetSteps > 0 ? "+" : "-"} ${Math.abs(offsetSteps) * 30} seconds`);
  return execFileSync("oathtool", args, { encoding: "utf8" }).trim();
}

/** Waits until a fresh TOTP step starts when the current one is nearly over, so a code is not stale on arrival. */
export async function freshStep() {
  const left = 30 - (Math.floor(Date.now() / 1000) % 30);
  if (left < 4) await new Promise((r) => setTimeout(r, left * 1000 + 200));
}

/**
 * Codes of one secret for up to three successive uses, without waiting for the clock. The server
 * accepts the current step ±1 and never a step at or below one already used, so the uses take the
 * previous, the current and the next step. Each is computed when it is needed, so they increase
 * whatever the clock does meanwhile; the first waits out a step about to end so it is not stale
 * on arrival.
 */
export function totpUses(secret: string) {
  let used = 0;
  return async () => {
    if (used > 2) throw new Error("at most three uses without waiting: the server accepts the current step ±1");
    if (used === 0) await freshStep();
    return totp(secret, used++ - 1);
  };
}

export async function signIn(page: Page, email: string, password: string, tenant = "Default") {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Accounts in several tenants (super admins once other tenants exist) pick one first.
  const chooser = page.getByText("Choose a tenant");
  const moved = page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 8_000 }).then(() => "moved" as const, () => "stayed" as const);
  const choose = chooser.waitFor({ timeout: 8_000 }).then(() => "choose" as const, () => "stayed" as const);
  if ((await Promise.race([moved, choose])) === "choose") await page.getByRole("listitem").filter({ hasText: tenant }).first().click();
}

export async function expectSignedIn(page: Page) {
  // The shell's account menu, in any of our languages.
  await expect(page.getByRole("button", { name: /account menu|menu du compte|Kontomenü/i })).toBeVisible();
}

/**
 * Waits until React has hydrated the element: typing into a server-rendered field before that
 * reaches the DOM but no React handler, so a test of client behaviour (dirty tracking, a
 * client-side check) would pass or fail by timing.
 */
export async function hydrated(locator: Locator) {
  await expect.poll(() => locator.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps$")))).toBe(true);
}

/** Our own alerts (Next's route announcer also has role=alert, always present and empty). */
export const formAlert = (page: Page) => page.locator("[role=alert]:not(#__next-route-announcer__)");

/**
 * The href of the first Outbox message to `to` with a link named `label`, read as the super admin.
 * Mail is written after the answer (forgot-password does not wait for it), so the page is reloaded
 * until the message is there.
 */
export async function outboxLink(browser: Browser, to: string, label: string) {
  const ctx = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await ctx.newPage();
  const link = page.getByTestId("outbox-message").filter({ hasText: label }).first().getByRole("link", { name: label });
  await expect(async () => {
    await page.goto(`/admin/outbox?q=${encodeURIComponent(to)}`);
    await expect(link).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const href = await link.getAttribute("href");
  await ctx.close();
  return href!;
}
