import { sql } from "drizzle-orm";
import fs from "node:fs";
import path from "node:path";
import { db } from "@/db/client";

export interface Readiness {
  ready: boolean;
  database: "ok" | "unreachable";
  migrations: { applied: number; expected: number } | null;
  message?: string;
}

/** Migrations shipped with this build: the drizzle-kit journal next to the SQL files. */
function shippedMigrations() {
  const journal = path.resolve(process.cwd(), "db/migrations/meta/_journal.json");
  return (JSON.parse(fs.readFileSync(journal, "utf8")) as { entries: { when: number }[] }).entries;
}

/**
 * Ready means this instance can serve: the database answers and every migration this build
 * ships has been applied (an instance facing pending migrations must not take traffic).
 */
export function readiness(): Readiness {
  let last: number;
  try {
    last = Number(db.get<{ last: number | null }>(sql`SELECT max(created_at) AS last FROM __drizzle_migrations`).last ?? 0);
  } catch {
    return { ready: false, database: "unreachable", migrations: null, message: "The database cannot be queried" };
  }
  // The migrator applies every journal entry newer than the last one it recorded; so do we count.
  const shipped = shippedMigrations();
  const expected = shipped.length;
  const applied = shipped.filter((m) => m.when <= last).length;
  if (applied < expected) return { ready: false, database: "ok", migrations: { applied, expected }, message: `${expected - applied} migration(s) pending: run npm run db:migrate` };
  return { ready: true, database: "ok", migrations: { applied, expected } };
}
