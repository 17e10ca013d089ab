import type { SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { queryCounter } from "./query-count";

// count(*) and other bigint results arrive as strings by default; every count we take fits a double.
pg.types.setTypeParser(pg.types.builtins.INT8, Number);

/**
 * SQLSTATEs after which PostgreSQL has rolled the whole transaction back and running it again may
 * succeed: a deadlock (two transactions taking row locks in opposite orders, e.g. the member-count
 * rows of two tenants, migration pg 0007) and a serialization failure.
 */
const RETRYABLE = new Set(["40P01", "40001"]);
const ATTEMPTS = 3;

/** The SQLSTATE of a failed statement: pg's error, or the one Drizzle wraps it in (DrizzleQueryError). */
const sqlState = (e: unknown): string | undefined => {
  for (let err = e; err instanceof Error; err = err.cause) {
    const { code } = err as { code?: unknown };
    if (typeof code === "string") return code;
  }
  return undefined;
};

export const retryableTransactionError = (e: unknown) => RETRYABLE.has(sqlState(e) ?? "");

/** PostgreSQL through a node-postgres pool: each query is one round trip, transactions hold one client. */
export function openPg(url: string, max = Number(process.env.DATABASE_POOL_SIZE ?? 10)) {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000 });
  // An idle client losing its server (restart, failover) must not crash the process; the next query reconnects.
  pool.on("error", (e) => console.error(`postgres: idle connection lost: ${e.message}`));
  const db = drizzle(pool, { logger: queryCounter });
  // A transaction body awaits nothing but the database (lib/ keeps hashing, mail and HTTP outside),
  // so one that PostgreSQL aborted for a deadlock can simply run again, after a short random pause
  // that lets the other transaction finish. A caller sees the error only if that keeps happening.
  const once = db.transaction.bind(db);
  db.transaction = (async (body, config) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once(body, config);
      } catch (e) {
        if (attempt >= ATTEMPTS || !retryableTransactionError(e)) throw e;
        await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
      }
    }
  }) as typeof db.transaction;
  const rows = async <T>(query: SQL) => (await db.execute(query)).rows as T[];
  return { db, pool, rows, close: () => pool.end() };
}
