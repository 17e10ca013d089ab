import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// Each test file gets its own throwaway database and data directory, never data/app.db.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iam-unit-"));
process.env.DATA_DIR = dir;
process.env.DATABASE_PATH = path.join(dir, "test.db");

const { runMigrations } = await import("@/db/migrate");
const { bootstrap } = await import("@/lib/bootstrap");
runMigrations();
await bootstrap();
