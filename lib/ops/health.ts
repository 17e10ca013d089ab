import { sql } from "drizzle-orm";
import fs from "node:fs";
import path from "node:path";
import { lastAppliedMigration, selectRows } from "@/db/dialect";
import { migrationsFolder } from "@/db/migrate";

export interface Readiness {
  ready: boolean;
  database: "ok" | "unreachable";
  migrations: { applied: number; expected: number } | null;
  message?: string;
}

/** Migrations shipped with this build for the engine in use: the drizzle-kit journal next to the SQL files. */
function shippedMigrations() {
  const journal = path.join(migrationsFolder, "meta/_journal.json");
  return (JSON.parse(fs.readFileSync(journal, "utf8")) as { entries: { when: number }[] }).entries;
}

/**
 * Ready means this instance can serve: the database answers and every migration this build
 * ships has been applied (an instance facing pending migrations must not take traffic).
 */
/** One round trip; throws the driver's error (the start-up check prints it). */
export async function pingDatabase() {
  await selectRows(sql`select 1 as ok`);
}

export async function readiness(): Promise<Readiness> {
  try {
    await pingDatabase();
  } catch {
    return { ready: false, database: "unreachable", migrations: null, message: "The database cannot be queried" };
  }
  const last = await lastAppliedMigration();
  // The migrator applies every journal entry newer than the last one it recorded; so do we count.
  const shipped = shippedMigrations();
  const expected = shipped.length;
  const applied = shipped.filter((m) => m.when <= last).length;
  if (applied < expected) return { ready: false, database: "ok", migrations: { applied, expected }, message: `${expected - applied} migration(s) pending: run npm run db:migrate` };
  return { ready: true, database: "ok", migrations: { applied, expected } };
}
