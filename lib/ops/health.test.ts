import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { selectRows } from "@/db/dialect";
import { engine } from "@/db/engine";
import { readiness } from "./health";

// Where drizzle's migrator records what it applied: its own schema on PostgreSQL.
const migrationsTable = engine === "pg" ? sql`drizzle.__drizzle_migrations` : sql`__drizzle_migrations`;

describe("readiness", () => {
  it("is ready when every shipped migration is applied, and names the pending count otherwise", async () => {
    const now = await readiness();
    expect(now).toMatchObject({ ready: true, database: "ok" });
    expect(now.migrations!.applied).toBe(now.migrations!.expected);

    // Forget the newest applied migration: the instance must report itself not ready.
    // Writes go through selectRows with `returning`, which runs on both engines.
    const [last] = await selectRows<{ hash: string; created_at: number | string }>(sql`select hash, created_at from ${migrationsTable} order by created_at desc limit 1`);
    await selectRows(sql`delete from ${migrationsTable} where created_at = ${last!.created_at} returning 1 as ok`);
    try {
      expect(await readiness()).toMatchObject({ ready: false, database: "ok", message: "1 migration(s) pending: run npm run db:migrate" });
    } finally {
      await selectRows(sql`insert into ${migrationsTable} (hash, created_at) values (${last!.hash}, ${last!.created_at}) returning 1 as ok`);
    }
    expect((await readiness()).ready).toBe(true);
  });
});
