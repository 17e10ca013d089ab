import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { SQL } from "drizzle-orm";
import { drizzle, type SqliteRemoteDatabase } from "drizzle-orm/sqlite-proxy";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import { queryCounter } from "./query-count";

/**
 * SQLite behind an async interface. better-sqlite3 is synchronous and Drizzle's better-sqlite3
 * driver cannot run an async transaction body (it commits at the first await and never rolls back,
 * drizzle-orm#1472), so queries go through the sqlite-proxy driver onto ONE connection, and every
 * transaction holds that connection for its whole body: statements from other requests wait in a
 * FIFO queue until it commits or rolls back. A transaction that awaits between statements is thus
 * isolated and atomic, as on PostgreSQL. Statements outside a transaction run at once when nothing
 * holds the connection (each is atomic on its own).
 */
export function openSqlite(file: string) {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  // Reads come straight from the OS page cache instead of a read() per page into SQLite's own 2 MB
  // cache: a search at a million users that walks tens of thousands of rows spends most of its
  // time in those calls (bench/users-list.ts: 'hopper' by email 270-280 -> 175-180 ms). The mapping
  // is address space, not heap; writes still go through the WAL. 2 GiB is this build's maximum.
  sqlite.pragma("mmap_size = 2147418112");

  const statements = new Map<string, Database.Statement>();
  const prepare = (text: string) => {
    let stmt = statements.get(text);
    if (!stmt) {
      stmt = sqlite.prepare(text);
      // Bounded: queries with literal LIMITs or IN lists of varying length are distinct texts.
      if (statements.size >= 1000) statements.delete(statements.keys().next().value!);
      statements.set(text, stmt);
    }
    return stmt;
  };

  const holder = new AsyncLocalStorage<true>();
  let tail: Promise<unknown> = Promise.resolve();
  let held = false;
  /** Runs fn with the connection to itself; later callers queue behind it. */
  const exclusive = <T>(fn: () => Promise<T> | T): Promise<T> => {
    const run = tail.then(async () => {
      held = true;
      try {
        return await fn();
      } finally {
        held = false;
      }
    });
    tail = run.catch(() => undefined);
    return run;
  };
  const whenFree = <T>(fn: () => T): Promise<T> => (holder.getStore() || !held ? Promise.resolve().then(fn) : exclusive(fn));

  const execute = (text: string, params: unknown[], method: "run" | "all" | "values" | "get") => {
    const stmt = prepare(text);
    if (method === "run" || !stmt.reader) return { rows: [], ...stmt.run(...params) };
    stmt.raw(true);
    return { rows: method === "get" ? (stmt.get(...params) as unknown[]) : (stmt.all(...params) as unknown[][]) };
  };

  const db = drizzle(async (text, params, method) => whenFree(() => execute(text, params, method)), { logger: queryCounter });
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn, config) => {
    // A nested db.transaction() would wait for the connection its own caller holds: use tx.transaction().
    if (holder.getStore()) return Promise.reject(new Error("db.transaction() inside a transaction: use the tx it was given"));
    // IMMEDIATE: take the write lock at BEGIN, where busy_timeout waits for it. A deferred transaction
    // that reads and then writes while another process (scripts/create-user.ts beside the app)
    // committed meanwhile fails at once with SQLITE_BUSY, as its snapshot can no longer write.
    return exclusive(() => holder.run(true, () => transaction(fn, { behavior: "immediate", ...config })));
  }) as typeof db.transaction;

  const dialect = new SQLiteAsyncDialect();
  /** A raw SELECT returning objects keyed by column name (the proxy driver returns arrays). */
  const rows = <T>(query: SQL) => {
    const q = dialect.sqlToQuery(query);
    queryCounter.logQuery(q.sql, q.params);
    return whenFree(() => prepare(q.sql).raw(false).all(...q.params) as T[]);
  };
  return { db: db as SqliteRemoteDatabase, rows, close: () => sqlite.close() };
}
