import type { SQL } from "drizzle-orm";
import type { SqliteRemoteDatabase } from "drizzle-orm/sqlite-proxy";
import { env } from "@/lib/env";
import { engine } from "./engine";
import { openPg } from "./pg";
import { openSqlite } from "./sqlite";

/**
 * The one database handle of the process. lib/ is written once against this type (the SQLite
 * flavour of Drizzle's query builder, async); on PostgreSQL the same calls run on node-postgres.
 * Only the builder API both share is used: await a query for its rows, `.returning()` for what a
 * write changed, never `.get()`, `.all()` or `.run()` (ESLint refuses them).
 */
export type DB = SqliteRemoteDatabase;
export type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0];

type Handle = { db: DB; rows: <T>(query: SQL) => Promise<T[]>; close: () => Promise<void> | void };

function open(): Handle {
  if (engine === "pg") {
    const h = openPg(env.DATABASE_URL!);
    return { ...h, db: h.db as unknown as DB };
  }
  const h = openSqlite(env.DATABASE_PATH);
  return { ...h, close: () => void h.close() };
}

// One handle per process; kept on globalThis so dev hot reloads reuse it.
const g = globalThis as unknown as { __db?: Handle };
const handle: Handle = (g.__db ??= open());

export const db: DB = handle.db;
/** A raw SELECT as objects, for the few queries the builder cannot express (see db/dialect.ts). */
export const rawRows = handle.rows;
export const closeDb = () => handle.close();
