import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { readiness } from "./health";

describe("readiness", () => {
  it("is ready when every shipped migration is applied, and names the pending count otherwise", () => {
    const now = readiness();
    expect(now).toMatchObject({ ready: true, database: "ok" });
    expect(now.migrations!.applied).toBe(now.migrations!.expected);

    // Forget the newest applied migration: the instance must report itself not ready.
    const last = db.get<{ hash: string; created_at: number }>(sql`SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at DESC LIMIT 1`);
    db.run(sql`DELETE FROM __drizzle_migrations WHERE created_at = ${last.created_at}`);
    try {
      expect(readiness()).toMatchObject({ ready: false, database: "ok", message: "1 migration(s) pending: run npm run db:migrate" });
    } finally {
      db.run(sql`INSERT INTO __drizzle_migrations (hash, created_at) VALUES (${last.hash}, ${last.created_at})`);
    }
    expect(readiness().ready).toBe(true);
  });
});
