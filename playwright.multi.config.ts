import { defineConfig } from "@playwright/test";

/**
 * Two instances of the standalone server on one PostgreSQL (TEST_DATABASE_URL names a server the
 * suite may create a database on). The spec starts and kills the instances itself.
 */
export default defineConfig({
  testDir: "e2e/multi",
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [["list"]],
});
