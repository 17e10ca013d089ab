import type { SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { queryCounter } from "./query-count";

// count(*) and other bigint results arrive as strings by default; every count we take fits a double.
pg.types.setTypeParser(pg.types.builtins.INT8, Number);

/** PostgreSQL through a node-postgres pool: each query is one round trip, transactions hold one client. */
export function openPg(url: string, max = Number(process.env.DATABASE_POOL_SIZE ?? 10)) {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000 });
  // An idle client losing its server (restart, failover) must not crash the process; the next query reconnects.
  pool.on("error", (e) => console.error(`postgres: idle connection lost: ${e.message}`));
  const db = drizzle(pool, { logger: queryCounter });
  const rows = async <T>(query: SQL) => (await db.execute(query)).rows as T[];
  return { db, pool, rows, close: () => pool.end() };
}
