/**
 * Direct access to the e2e database, on either engine: the SQLite file E2E_ENV.DATABASE_PATH, or
 * PostgreSQL at E2E_DATABASE_URL. Queries are written once with PostgreSQL's `$1, $2…`
 * placeholders (rewritten to `?` for better-sqlite3) in SQL both engines accept. Mind what differs:
 * - booleans and timestamps: pass JS values as parameters (true, new Date()); on SQLite they become
 *   1/0 and integer milliseconds, as the app stores them (sqlBool / sqlTime make that explicit);
 * - JSON columns come back as text on SQLite and parsed on PostgreSQL: read them with sqlJson;
 * - there is no rowid on PostgreSQL: order by created_at, id;
 * - counts are numbers on both (bigint parsed as below), but wrap them in Number() anyway.
 */
import { execFileSync } from "node:child_process";
import Database from "better-sqlite3";
import pg from "pg";
import { E2E_DATABASE_URL, E2E_ENV } from "./env";

export const e2eEngine: "sqlite" | "pg" = E2E_DATABASE_URL ? "pg" : "sqlite";

// count(*) is a bigint: a number, as in the app (db/pg.ts).
pg.types.setTypeParser(pg.types.builtins.INT8, Number);

/** A boolean as the engine stores it, for a parameter. */
export const sqlBool = (b: boolean) => (e2eEngine === "pg" ? b : b ? 1 : 0);
/** A point in time as the engine stores it, for a parameter. */
export const sqlTime = (d: Date) => (e2eEngine === "pg" ? d : d.getTime());
/** A JSON column's value: text on SQLite, already parsed on PostgreSQL. */
export const sqlJson = <T>(v: unknown): T => (typeof v === "string" ? (JSON.parse(v) as T) : (v as T));

/** `$n` placeholders to better-sqlite3's `?`, with the parameters in the order they appear (a `$n` may repeat). */
function forSqlite(text: string, params: unknown[]) {
  const ordered: unknown[] = [];
  // Quoted strings and identifiers are copied as they are: a `$1` inside one is not a placeholder.
  const rewritten = text.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\$(\d+)/g, (match, n: string | undefined) => {
    if (n === undefined) return match;
    const i = Number(n) - 1;
    if (i < 0 || i >= params.length) throw new Error(`sql: $${n} has no parameter`);
    ordered.push(params[i]);
    return "?";
  });
  return { text: rewritten, params: ordered.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v instanceof Date ? v.getTime() : v)) };
}

function withSqlite<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(E2E_ENV.DATABASE_PATH, { fileMustExist: true });
  try {
    // The server holds the same file open: wait for its writes rather than fail.
    db.pragma("busy_timeout = 5000");
    return fn(db);
  } finally {
    db.close();
  }
}

let pool: pg.Pool | undefined;
/** One small pool per worker; idle, it does not keep the worker alive. */
const pgPool = () => (pool ??= new pg.Pool({ connectionString: E2E_DATABASE_URL, max: 2, allowExitOnIdle: true }));

/** Every row of a query. */
export async function sqlAll<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  if (e2eEngine === "pg") return (await pgPool().query(text, params)).rows as T[];
  const q = forSqlite(text, params);
  return withSqlite((db) => {
    const stmt = db.prepare(q.text);
    return (stmt.reader ? stmt.all(...q.params) : (stmt.run(...q.params), [])) as T[];
  });
}

/** The first row of a query, or undefined. */
export async function sqlGet<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T | undefined> {
  return (await sqlAll<T>(text, params))[0];
}

/** A statement's count of changed rows. */
export async function sqlRun(text: string, params: unknown[] = []): Promise<number> {
  if (e2eEngine === "pg") return (await pgPool().query(text, params)).rowCount ?? 0;
  const q = forSqlite(text, params);
  return withSqlite((db) => db.prepare(q.text).run(...q.params).changes);
}

/** The app's tables (not the engine's own, nor drizzle's migration journal), by name. */
export async function sqlTables(): Promise<string[]> {
  const rows =
    e2eEngine === "pg"
      ? await sqlAll<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1")
      : await sqlAll<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY 1");
  return rows.map((r) => r.name);
}

// Runs queries on PostgreSQL in a child process: their rows as JSON on stdout (dates become ISO strings).
const PG_CHILD = `
const pg = require("pg");
pg.types.setTypeParser(pg.types.builtins.INT8, Number);
let input = "";
process.stdin.on("data", (d) => (input += d)).on("end", async () => {
  const { url, queries } = JSON.parse(input);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const results = [];
    for (const [text, params] of queries) results.push((await client.query(text, params)).rows);
    process.stdout.write(JSON.stringify(results));
  } finally {
    await client.end();
  }
});`;

type JsonParam = string | number | boolean | null;

/**
 * Several reads, for callers that cannot await (helpers whose callers use the result at once). On
 * PostgreSQL they run in one short child process: parameters are plain JSON values (no Date), and
 * timestamps come back as ISO strings.
 */
export function sqlBatchSync(queries: [text: string, params?: JsonParam[]][]): unknown[][] {
  if (e2eEngine === "pg") {
    const input = JSON.stringify({ url: E2E_DATABASE_URL, queries: queries.map(([text, params = []]) => [text, params]) });
    return JSON.parse(execFileSync(process.execPath, ["-e", PG_CHILD], { input, encoding: "utf8", stdio: ["pipe", "pipe", "inherit"], maxBuffer: 1 << 30 })) as unknown[][];
  }
  return withSqlite((db) =>
    queries.map(([text, params = []]) => {
      const q = forSqlite(text, params);
      return db.prepare(q.text).all(...q.params);
    }),
  );
}

/** One read, synchronously (see sqlBatchSync). */
export const sqlAllSync = <T = Record<string, unknown>>(text: string, params: JsonParam[] = []) => sqlBatchSync([[text, params]])[0] as T[];
