import { sql, type Placeholder, type SQL } from "drizzle-orm";
import { engine } from "./engine";

/**
 * Queries on hot paths, built once and run with placeholders (`sql.placeholder`): Drizzle otherwise
 * rebuilds a query's SQL on every call, which costs more than running it on SQLite; on PostgreSQL
 * the statement is also named, so each connection parses and plans it once.
 */
interface Statement<R> {
  execute(values: Record<string, unknown>): Promise<R>;
}

export function preparedOnce<R>(name: string, build: () => { prepare(name: string): Statement<R> }) {
  let statement: Statement<R> | undefined;
  return (values: Record<string, unknown>) => (statement ??= build().prepare(name)).execute(values);
}

/**
 * A LIMIT written into a prepared statement's text, for `.limit()`: SQLite's planner reads a LIMIT
 * that is a bare bound parameter and so expires the statement whenever that parameter is bound,
 * preparing it again on every run (the Quatrix list: 190 µs a run, 71 with the LIMIT written in).
 * Drizzle inlines SQL given as a limit; its type only admits numbers and placeholders.
 */
export const writtenLimit = (n: number) => sql.raw(String(Math.trunc(n))) as unknown as Placeholder;

/**
 * The placeholder of a lookup by key (an id, a token hash, an address), which SQLite plans once.
 * better-sqlite3 is built with STAT4: when the planner has compared a bare parameter with an
 * index's samples, binding that parameter again, to any value, expires the statement, so SQLite
 * parsed and planned it anew on every run (the token caller query: 105 µs a run instead of 8, on
 * the bench's database once ANALYZE had sampled `sessions`). `+?` (unary plus changes no value) is
 * not a bare parameter, so its plan is made once. Only for columns where no value could want
 * another plan (unique, or a few rows per value): a tenant id keeps a bare parameter, as the
 * samples tell a tenant of 8 members from one of a million. PostgreSQL gets the bare parameter (it
 * has no unary plus for text, and re-plans a named statement only while it tries custom plans).
 */
export const keyPlaceholder = (name: string): SQL => (engine === "pg" ? sql`${sql.placeholder(name)}` : sql`+${sql.placeholder(name)}`);
