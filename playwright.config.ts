import { defineConfig, devices } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { installDocumentedResponseChecks } from "./e2e/support/documented-responses";
import { E2E_DATABASE_URL, E2E_DB_ENV } from "./e2e/support/env";

// Loaded by every worker: each API answer the suites receive is checked against the models the
// seed documents give (e2e/support/documented-models), whatever spec or context sent the request.
installDocumentedResponseChecks();

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** E2E_BASE_URL points the suite at an already running server (e.g. a dev server) instead. */
const external = process.env.E2E_BASE_URL;
const baseURL = external ?? `http://localhost:${PORT}`;
/**
 * E2E_DATA_DIR and NEXT_DIST_DIR let several suites run side by side from one checkout.
 * E2E_DATABASE_URL runs the suite on PostgreSQL: it must name an empty database (as data/e2e is
 * removed before a SQLite run), which the server's deploy step migrates first (e2e/support/env.ts).
 */
const server = path.resolve(process.env.NEXT_DIST_DIR || ".next", "standalone/server.js");
// The standalone server, started exactly as the Docker image and scripts/start.sh start it. On
// PostgreSQL instances do not migrate themselves: the explicit step runs first, as in compose.yaml.
const command = `${E2E_DATABASE_URL ? "npm run --silent db:migrate && " : ""}node ${JSON.stringify(server)}`;

/** Debian's Chromium (CHROMIUM_PATH overrides); Playwright's own browser where one is installed. */
const chromium = process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "setup", testMatch: /global\.setup\.ts/ },
    { name: "api", testMatch: /api\/.*\.spec\.ts/, dependencies: ["setup"] },
    { name: "browser", testMatch: /ui\/.*\.spec\.ts/, dependencies: ["setup"], use: { ...devices["Desktop Chrome"], launchOptions: { executablePath: chromium, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] } } },
  ],
  webServer: external ? undefined : {
    command,
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      // Absolute DATA_DIR and DATABASE_PATH (the server changes into its own folder); DATABASE_URL and
      // a test-only APP_SECRET on PostgreSQL.
      ...E2E_DB_ENV,
      APP_URL: baseURL,
      PORT: String(PORT),
      HOSTNAME: "127.0.0.1",
      // Every e2e request comes from 127.0.0.1: keep per-IP throttling out of the way (per-account stays on).
      THROTTLE_IP_FREE_FAILURES: "100000",
    },
  },
});
