/**
 * The SQL that differs between SQLite and PostgreSQL, in one place so lib/ has no dialect branch.
 * Everything here returns a fragment for Drizzle's builder (or runs one raw query).
 */
import { and, getTableName, or, sql, type AnyColumn, type SQL, type SQLWrapper, type Table } from "drizzle-orm";
import { rawRows } from "./client";
import { engine } from "./engine";

const onPg = engine === "pg";

/**
 * Time cut into `seconds`-long slices since the epoch, for sums per slice in one pass over an index
 * range: GROUP BY `key`, select `start` (the slice's first instant, in ms). PostgreSQL bins with
 * date_bin, which is several times cheaper per row than epoch arithmetic on numerics, and converts
 * once per group (`start` is an expression of `key`). Literals, not parameters, so the grouped
 * expression is the selected one.
 */
export function timeSlices(column: AnyColumn, seconds: number): { key: SQL; start: SQL<number> } {
  const width = sql.raw(String(seconds));
  const key = onPg ? sql`date_bin(${sql.raw(`'${seconds} seconds'`)}, ${column}, timestamptz 'epoch')` : sql`(${column} / (${width} * 1000))`;
  const start = (onPg ? sql`(extract(epoch from ${key}) * 1000)::bigint` : sql`(${key} * ${width} * 1000)`).mapWith(Number) as SQL<number>;
  return { key, start };
}

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
export const keyPlaceholder = (name: string): SQL => (onPg ? sql`${sql.placeholder(name)}` : sql`+${sql.placeholder(name)}`);

/**
 * `column = :name` for a column whose values match very different numbers of rows (a tenant id),
 * planned once on SQLite. A bare parameter there is re-planned at every bind (STAT4, as for
 * keyPlaceholder), and `+?` leaves the planner only the column's average: with statistics taken
 * while there was one tenant, it scanned every membership instead of using the tenant's index.
 * `unlikely()` (no effect on the result) gives the term a fixed, selective estimate in place of
 * the samples, so the plan is made once and goes through the index: the Quatrix list's statement
 * on the bench's database, 101 µs a run → 38 µs.
 */
export const selectiveEq = (column: AnyColumn, name: string): SQL =>
  onPg ? sql`${column} = ${sql.placeholder(name)}` : sql`unlikely(${column} = ${sql.placeholder(name)})`;

/**
 * `column IN (list)` with the whole list bound as one parameter (named `name`), so a query over a
 * list of any length is prepared once (db/prepared.ts) and no list meets a bound-parameter cap:
 * SQLite reads a JSON array through json_each, PostgreSQL a text[]. Bind with `boundList`.
 */
export const inBoundList = (column: AnyColumn, name: string): SQL =>
  onPg ? sql`${column} = any(${sql.placeholder(name)}::text[])` : sql`${column} in (select value from json_each(${sql.placeholder(name)}))`;
export const boundList = (values: string[]): unknown => (onPg ? values : JSON.stringify(values));

/**
 * A list's related rows read in the list's own statement (a correlated subquery per kind) instead
 * of one more round trip each: `jsonArray` aggregates a subquery's values, in `orderBy` order, to
 * JSON text ("[]" when none). SQLite builds it with json_group_array (ORDER BY inside an aggregate:
 * SQLite 3.44+), PostgreSQL with json_agg, cast to text so both engines hand over the same string.
 */
export const jsonArray = (value: SQL | AnyColumn, orderBy?: AnyColumn): SQL => {
  const order = orderBy ? sql` order by ${orderBy}` : sql``;
  return onPg ? sql`coalesce(json_agg(${value}${order}), '[]')::text` : sql`json_group_array(${value}${order})`;
};

/** Named columns, as a select lists them: `{ id: groups.id, name: groups.name }`. */
export type Columns = Record<string, AnyColumn>;
/** The row a select of these columns returns: each column's own JS type, null where nullable. */
export type RowOf<C extends Columns> = { [K in keyof C]: C[K]["_"]["notNull"] extends true ? C[K]["_"]["data"] : C[K]["_"]["data"] | null };

/** A row of these columns as a JSON object keyed by their names (json_object / json_build_object), for `jsonArray`; read back with `rowsFromJson`. */
export const jsonRow = (columns: Columns): SQL => {
  const pairs = Object.entries(columns).map(([key, column]) => sql`${sql.raw(`'${key}'`)}, ${column}`);
  return sql`${sql.raw(onPg ? "json_build_object" : "json_object")}(${sql.join(pairs, sql`, `)})`;
};

/**
 * The rows of a `jsonArray` of `jsonRow(columns)` as Drizzle would map them if selected: JSON
 * holds the engine's raw values (SQLite's 0/1 and epoch milliseconds and JSON columns as text,
 * PostgreSQL's timestamptz as ISO text), which each column's own decoder turns into booleans,
 * Dates and objects. NULL stays null, as Drizzle leaves it.
 */
export function rowsFromJson<C extends Columns>(columns: C): (text: unknown) => RowOf<C>[] {
  const entries = Object.entries(columns);
  return (text) =>
    (JSON.parse(text as string) as Record<string, unknown>[]).map((raw) => {
      for (const [key, column] of entries) if (raw[key] !== null) raw[key] = column.mapFromDriverValue(raw[key]);
      return raw as RowOf<C>;
    });
}

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

/**
 * A table searched on any part of some columns: an FTS5 trigram table on SQLite, a pg_trgm GIN
 * index on PostgreSQL, both named `name` (migrations *_search_trigram, pg *_search_text). Words
 * must be at least TRIGRAM characters long: shorter ones hold no trigram.
 */
export interface SearchTarget {
  table: Table;
  name: string;
  columns: AnyColumn[];
}

export const TRIGRAM = 3;

/**
 * PostgreSQL's indexed text: the columns joined by spaces, stored lower-cased in `search_text`
 * (migration pg *_search_text, outside the Drizzle schema), so a row's test is a byte LIKE
 * instead of ILIKE lower-casing the joined text of every row it tests.
 */
const searchText = (t: SearchTarget) => sql`${t.table}.${sql.identifier("search_text")}`;

/** FTS5 query: every word as a quoted phrase (a trigram phrase is a substring), all required. */
const ftsQuery = (words: string[]) => words.map((w) => `"${w.replace(/"/g, '""')}"`).join(" AND ");

/**
 * Rows whose searched columns contain every word (any case, any position), found through the
 * trigram index. On PostgreSQL the pattern is lower-cased by lower() itself, as ILIKE would, so
 * the match is exactly ILIKE's.
 */
export const searchIndex = (t: SearchTarget, words: string[]): SQL =>
  onPg
    ? and(...words.map((w) => sql`${searchText(t)} like lower(${`%${literal(w)}%`}) escape '\\'`))!
    : sql`${t.table}.rowid in (select rowid from ${sql.identifier(t.name)} where ${sql.identifier(t.name)} match ${ftsQuery(words)})`;

/**
 * A select list of `columns` and every column a row test of this search reads, each once, for a
 * walk that selects only what it tests (PostgreSQL's test reads its stored search_text).
 */
export const withSearchedColumns = (t: SearchTarget, columns: AnyColumn[]): SQL =>
  sql.join([...new Set([...columns, ...t.columns])].map((c) => sql`${c}`).concat(onPg ? [searchText(t)] : []), sql`, `);

/**
 * The same test made on each row (no index), for a query that walks another index in sort order
 * and stops after one page. On SQLite LIKE folds ASCII case only, so lib/ uses this for ASCII
 * words only; on PostgreSQL it is the indexed test itself and the planner picks the index.
 */
export const searchRow = (t: SearchTarget, words: string[]): SQL => (onPg ? searchIndex(t, words) : and(...words.map((w) => or(...t.columns.map((c) => contains(c, w)))!))!);

/**
 * Whether a LIKE on each row matches these words as the search index does. SQLite's LIKE folds
 * ASCII case only, so a word with other letters (É, ß) is always matched by FTS5.
 */
export const rowTestable = (words: string[]) => onPg || words.every((w) => !/[^\x00-\x7f]/.test(w));

/**
 * Every word in a column that holds searched text lower-cased (memberships.search_text): the row
 * test of a walk that reads that copy instead of the searched table.
 */
export const holdsWords = (column: AnyColumn | SQL, words: string[]): SQL =>
  and(...words.map((w) => (onPg ? sql`${column} like lower(${`%${literal(w)}%`}) escape '\\'` : contains(column, w))))!;

/**
 * The rows matching every word, read from the trigram index in its own order so a LIMIT stops it
 * early: on SQLite `from` is the FTS5 table joined to the table by rowid and `where` its MATCH (a
 * capped count over "hopper" then reads 1,001 index entries, not 62,000 or a walk of every row).
 * PostgreSQL has no such source (a GIN index yields a bitmap): undefined, the caller filters.
 */
export const searchSource = (t: SearchTarget, words: string[]): { from: SQL; where: SQL } | undefined =>
  onPg
    ? undefined
    : { from: sql`${sql.identifier(t.name)} cross join ${t.table} on ${t.table}.rowid = ${sql.identifier(t.name)}.rowid`, where: sql`${sql.identifier(t.name)} match ${ftsQuery(words)}` };

/**
 * Whether a prefix search ("jo") should walk the page's sort index testing each row: SQLite would
 * collect every row of the prefix's index ranges (62,000 of a million for "jo") and sort them for
 * one page; PostgreSQL's planner weighs the two with its statistics.
 */
export const walkPrefixes = !onPg;

/**
 * Whether a capped count tells pending invitations from members by probing their partial index
 * (lib/users/search.ts forCount) instead of reading each membership's invited_at. PostgreSQL then
 * joins memberships by an index-only scan, no heap read per match; SQLite runs the probe as a
 * subquery per row, which made "filter disabled" and "hopper" 2–4× slower at a million users.
 */
export const countProbesInvitations = onPg;

/**
 * Gathers the query planner's statistics where they are missing or stale. SQLite plans from what
 * ANALYZE last stored and reads it when a connection opens or runs ANALYZE itself, so this runs on
 * the app's own connection: without it an install that grew from the first-run migrations' empty
 * tables planned its users page as if they were still empty (at a million users a sort by email
 * took 2.9 s instead of 3 ms). `PRAGMA optimize` analyzes only the tables never analyzed or about
 * 10 times larger or smaller since, under a temporary analysis limit (2.5 s for a million users
 * the first time, under a millisecond when nothing changed); 0x10000 checks every table, not only
 * those this connection has used. PostgreSQL's autovacuum analyzes by itself.
 */
export async function refreshPlannerStats() {
  if (!onPg) await rawRows(sql`pragma optimize=0x10002`);
}

/**
 * About how many rows a table holds, without counting: SQLite's largest rowid (rows are never
 * renumbered, so deletions only make it high), PostgreSQL's planner estimate.
 */
export async function roughRowCount(table: Table): Promise<number> {
  const [row] = await rawRows<{ n: number | string | null }>(
    onPg ? sql`select greatest(reltuples, 0)::bigint as n from pg_class where oid = to_regclass(${getTableName(table)})` : sql`select max(rowid) as n from ${table}`,
  );
  return Number(row?.n ?? 0);
}

/**
 * Whether to find matches through the trigram index ("index") or by walking the sort order and
 * testing rows ("scan"). A page through the index costs one read per match, a walk costs
 * pageSize × rows/matches: for a common word ("hopper" in every 16th user) the walk finds a page
 * after a few hundred rows where the index would hand over tens of thousands. SQLite cannot tell
 * the two apart, so it counts the word's matches in its FTS table, stopping after `dense`;
 * PostgreSQL's planner estimates the same from its statistics and chooses by itself.
 */
export async function searchPlan(t: SearchTarget, words: string[], dense: number): Promise<"index" | "scan"> {
  if (onPg || !rowTestable(words)) return "index";
  const [row] = await rawRows<{ n: number }>(sql`select count(*) as n from (select rowid from ${sql.identifier(t.name)} where ${sql.identifier(t.name)} match ${ftsQuery(words)} limit ${sql.raw(String(dense + 1))})`);
  return Number(row!.n) > dense ? "scan" : "index";
}

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
