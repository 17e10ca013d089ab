/**
 * The SQL that differs between SQLite and PostgreSQL, in one place so lib/ has no dialect branch.
 * Everything here returns a fragment for Drizzle's builder (or runs one raw query).
 */
import { sql, type AnyColumn, type SQL, type SQLWrapper } from "drizzle-orm";
import { rawRows } from "./client";
import { engine } from "./engine";

const onPg = engine === "pg";

/** Escapes LIKE wildcards so a user's "50%" or "a_b" matches literally. */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const like = onPg ? sql.raw("ilike") : sql.raw("like");

/** Case-insensitive substring match. */
export const contains = (column: AnyColumn | SQL, text: string) => sql`${column} ${like} ${`%${literal(text)}%`} escape '\\'`;

/** Case-insensitive prefix match. */
export const startsWith = (column: AnyColumn | SQL, text: string) => sql`${column} ${like} ${`${literal(text)}%`} escape '\\'`;

/**
 * Case-insensitive prefix match on a name, served by the index made with kit.nocase(): SQLite's
 * LIKE uses the NOCASE index; PostgreSQL needs the lower() expression its index is built on.
 */
export const nameStartsWith = (column: AnyColumn, text: string) =>
  onPg ? sql`lower(${column}) like ${`${literal(text.toLowerCase())}%`} escape '\\'` : startsWith(column, text);

/**
 * Case-sensitive prefix match as an index range on SQLite. PostgreSQL gets LIKE instead: under a
 * linguistic collation (en_US.UTF-8…) "x\uffff" is no upper bound for "x…".
 */
export const prefix = (column: AnyColumn, text: string) =>
  onPg ? sql`${column} like ${`${literal(text)}%`} escape '\\'` : sql`(${column} >= ${text} and ${column} <= ${`${text}\uffff`})`;

/** Prefix match on a column stored lower-case (email). */
export const lowerPrefix = (column: AnyColumn, text: string) => prefix(column, text.toLowerCase());

/** A JSON object's string field: `data.key = value`. */
export const jsonField = (column: AnyColumn, key: string): SQL => (onPg ? sql`(${column} ->> ${key})` : sql`json_extract(${column}, ${"$." + JSON.stringify(key)})`);

/**
 * A join whose order the planner must keep (SQLite's CROSS JOIN pins the outer table, letting it
 * walk that table's index and stop after one page); PostgreSQL plans inner joins well on its own.
 */
export const orderedJoin = onPg ? sql`inner join` : sql`cross join`;

/** A raw SELECT as objects (counts are numbers on both engines: see db/pg.ts). */
export const selectRows = rawRows;

/** When the newest applied migration was generated (drizzle's journal `when`), or 0. */
export async function lastAppliedMigration(): Promise<number> {
  const table = onPg ? sql`drizzle.__drizzle_migrations` : sql`__drizzle_migrations`;
  try {
    const [row] = await rawRows<{ last: number | string | null }>(sql`select max(created_at) as last from ${table}`);
    return Number(row?.last ?? 0);
  } catch {
    return 0; // no migrations table yet
  }
}

/**
 * A one-row subquery that picks work to claim (jobs, queued mail). On PostgreSQL it locks the row
 * it picks and skips rows other instances hold, so concurrent claimers never take the same one;
 * SQLite has one writer, so the UPDATE around it is already exclusive.
 */
export const claimable = (query: SQLWrapper): SQL => (onPg ? sql`(${query.getSQL()} for update skip locked)` : sql`(${query.getSQL()})`);
