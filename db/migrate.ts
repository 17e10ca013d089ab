import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle as liteDrizzle } from "drizzle-orm/better-sqlite3";
import { migrate as liteMigrate } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as pgDrizzle } from "drizzle-orm/node-postgres";
import { migrate as pgMigrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { env } from "@/lib/env";
import { engine } from "./engine";

/** The drizzle-kit migrations this build ships for the engine in use. */
export const migrationsFolder = path.resolve(process.cwd(), "db/migrations", engine);

// Any constant shared by every instance: pg_advisory_lock serialises concurrent `db:migrate` runs.
const MIGRATION_LOCK = 7_254_110_001;

/**
 * Applies pending migrations. SQLite: on its own short-lived connection (the app's handle is not
 * used, so nothing queues behind it). PostgreSQL: under an advisory lock, so two instances or two
 * deploy jobs migrating at once apply each migration once, the second waiting for the first.
 */
export async function runMigrations() {
  if (engine === "sqlite") {
    fs.mkdirSync(path.dirname(path.resolve(env.DATABASE_PATH)), { recursive: true });
    const sqlite = new Database(env.DATABASE_PATH);
    try {
      sqlite.pragma("journal_mode = WAL");
      sqlite.pragma("foreign_keys = ON");
      sqlite.pragma("busy_timeout = 5000");
      liteMigrate(liteDrizzle(sqlite), { migrationsFolder });
    } finally {
      sqlite.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: env.DATABASE_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await pgMigrate(pgDrizzle(client), { migrationsFolder });
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  }
}
