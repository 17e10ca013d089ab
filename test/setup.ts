import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

// Each test file gets its own throwaway database and data directory, never data/app.db.
// TEST_ENGINE=pg (with TEST_DATABASE_URL, a server we may create databases on) runs the same
// files on PostgreSQL: one fresh database per file.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iam-unit-"));
process.env.DATA_DIR = dir;
if (process.env.TEST_ENGINE === "pg") {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error("TEST_ENGINE=pg needs TEST_DATABASE_URL");
  const name = `iam_unit_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  process.env.APP_SECRET ??= "unit-test-app-secret-0123456789abcdef0123";
} else {
  process.env.DATABASE_PATH = path.join(dir, "test.db");
}

const { runMigrations } = await import("@/db/migrate");
const { bootstrap } = await import("@/lib/bootstrap");
await runMigrations();
await bootstrap();
