/**
 * The schema is written once, against these builders: on PostgreSQL they are pg-core's, on SQLite
 * sqlite-core's. TypeScript sees the SQLite types everywhere (one query API for lib/), and the few
 * columns whose storage differs (timestamps, booleans, JSON, a case-insensitive index) are mapped
 * here so both engines hand lib/ the same JavaScript values (Date, boolean, objects).
 */
import { sql, type SQL } from "drizzle-orm";
import * as pg from "drizzle-orm/pg-core";
import * as lite from "drizzle-orm/sqlite-core";
import type { AnyColumn } from "drizzle-orm";
import { engine } from "../engine";

const onPg = engine === "pg";

export const table = (onPg ? pg.pgTable : lite.sqliteTable) as typeof lite.sqliteTable;
export const text = (onPg ? pg.text : lite.text) as typeof lite.text;
export const integer = (onPg ? pg.integer : lite.integer) as typeof lite.integer;
export const index = (onPg ? pg.index : lite.index) as typeof lite.index;
export const uniqueIndex = (onPg ? pg.uniqueIndex : lite.uniqueIndex) as typeof lite.uniqueIndex;
export const primaryKey = (onPg ? pg.primaryKey : lite.primaryKey) as typeof lite.primaryKey;

const liteTs = (name: string) => lite.integer(name, { mode: "timestamp_ms" });
const liteBool = (name: string) => lite.integer(name, { mode: "boolean" });

/** Millisecond timestamps: integers on SQLite, timestamptz(3) on PostgreSQL; Date in JavaScript. */
export const ts = (name: string) => (onPg ? pg.timestamp(name, { mode: "date", precision: 3, withTimezone: true }) : liteTs(name)) as unknown as ReturnType<typeof liteTs>;
export const bool = (name: string) => (onPg ? pg.boolean(name) : liteBool(name)) as unknown as ReturnType<typeof liteBool>;
const liteJson = <T>(name: string) => lite.text(name, { mode: "json" }).$type<T>();
export const json = <T>(name: string) => (onPg ? (pg.jsonb(name).$type<T>() as unknown as ReturnType<typeof liteJson<T>>) : liteJson<T>(name));

/** UUID primary key generated in the app (every API surface speaks UUIDs). */
export const id = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());

export const createdAt = () =>
  ts("created_at")
    .notNull()
    .$defaultFn(() => new Date());

export const updatedAt = () =>
  ts("updated_at")
    .notNull()
    .$defaultFn(() => new Date())
    .$onUpdateFn(() => new Date());

/**
 * An index column ordered as SQLite orders NULLs (before every value), so both engines can walk it
 * for `order by … nulls first / desc nulls last` (PostgreSQL puts NULLs last by default).
 */
export const nullsFirst = <C extends AnyColumn>(column: C): C => (onPg ? ((column as unknown as pg.ExtraConfigColumn).asc().nullsFirst() as unknown as C) : column);

/** Index expression for case-insensitive prefix search on a name (see db/dialect.ts nameStartsWith). */
export const nocase = (column: AnyColumn): SQL => (onPg ? sql`lower(${column}) text_pattern_ops` : sql`${column} collate nocase`);
