import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle as liteDrizzle } from "drizzle-orm/better-sqlite3";
import { migrate as liteMigrate } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as pgDrizzle } from "drizzle-orm/node-postgres";
import { migrate as pgMigrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { describe, expect, it } from "vitest";

/**
 * Both engines' committed migrations, applied to empty databases, must give the same tables,
 * columns (and nullability), indexes (name, uniqueness, columns) and foreign keys. Column types
 * differ by design (integer ms vs timestamptz, 0/1 vs boolean, text vs jsonb: db/schema/kit.ts).
 * Text search differs by design too: an FTS5 trigram table on SQLite (with its shadow tables), a
 * pg_trgm GIN index on PostgreSQL, both named <table>_search; each must cover the same columns. On
 * PostgreSQL the index is on a generated column (the searched columns joined, lower-cased): that
 * column is part of the search, not of the table's shape, and stands for the columns it reads
 * (in an index too).
 */
type Shape = { columns: string[]; indexes: string[]; foreignKeys: string[]; search: string[] };

function sqliteShape(): Record<string, Shape> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "iam-parity-")), "parity.db");
  const sqlite = new Database(file);
  liteMigrate(liteDrizzle(sqlite), { migrationsFolder: "db/migrations/sqlite" });
  const shape: Record<string, Shape> = {};
  const fts = sqlite.prepare("select name, sql from sqlite_master where type = 'table' and sql like 'CREATE VIRTUAL TABLE%'").all() as { name: string; sql: string }[];
  const ftsTables = new Set(fts.map((f) => f.name));
  // FTS5 keeps its index in shadow tables <name>_data, _idx, _docsize, _config (and _content).
  const isFtsPart = (table: string) => ftsTables.has(table) || fts.some((f) => /^_(data|idx|docsize|config|content)$/.test(table.slice(f.name.length)) && table.startsWith(f.name));
  const tables = (sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'").all() as { name: string }[]).filter((t) => !isFtsPart(t.name));
  const searchOf = (table: string) =>
    fts
      .filter((f) => new RegExp(`content='${table}'`).test(f.sql))
      .map((f) => `${f.name}(${(sqlite.prepare(`pragma table_info("${f.name}")`).all() as { name: string }[]).map((c) => c.name).join(",")})`);
  for (const { name } of tables) {
    const columns = (sqlite.prepare(`pragma table_info("${name}")`).all() as { name: string; notnull: number; pk: number }[]).map((c) => `${c.name} ${c.notnull || c.pk ? "not null" : "null"}`);
    const indexes = (sqlite.prepare(`pragma index_list("${name}")`).all() as { name: string; unique: number; origin: string }[])
      .filter((i) => i.origin !== "pk")
      .map((i) => {
        const cols = (sqlite.prepare(`pragma index_info("${i.name}")`).all() as { name: string | null }[]).map((c) => c.name ?? "<expression>");
        // Unnamed UNIQUE constraints get sqlite_autoindex_* names; PostgreSQL names them <table>_<column>_unique.
        const label = i.origin === "u" ? `${name}_${cols.join("_")}_unique` : i.name;
        return `${label} ${i.unique ? "unique" : ""}(${cols.join(",")})`;
      });
    const foreignKeys = (sqlite.prepare(`pragma foreign_key_list("${name}")`).all() as { from: string; table: string; to: string; on_delete: string }[]).map((f) => `${f.from} -> ${f.table}.${f.to} on delete ${f.on_delete.toLowerCase()}`);
    shape[name] = { columns: columns.sort(), indexes: indexes.sort(), foreignKeys: foreignKeys.sort(), search: searchOf(name) };
  }
  sqlite.close();
  return shape;
}

/** A case-insensitive index is `col collate nocase` on SQLite and `lower(col)` on PostgreSQL (kit.nocase). */
const caseFolded = (column: string) => column.replace(/^lower\((\w+)\)$/, "$1");

async function pgShape(url: string): Promise<Record<string, Shape>> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = `iam_parity_${Date.now().toString(36)}`;
  await admin.query(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    await pgMigrate(pgDrizzle(client), { migrationsFolder: "db/migrations/pg" });
    const q = async <T>(text: string) => (await client.query(text)).rows as T[];
    const shape: Record<string, Shape> = {};
    for (const { table_name } of await q<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'")) {
      const allColumns = await q<{ column_name: string; is_nullable: string; generation_expression: string | null }>(
        `select column_name, is_nullable, generation_expression from information_schema.columns where table_schema = 'public' and table_name = '${table_name}'`,
      );
      const generated = new Map(allColumns.filter((c) => c.generation_expression).map((c) => [c.column_name, c.generation_expression!]));
      const columns = allColumns.filter((c) => !generated.has(c.column_name)).map((c) => `${c.column_name} ${c.is_nullable === "YES" ? "null" : "not null"}`);
      const all = await q<{ name: string; unique: boolean; cols: string[]; def: string }>(
        `select i.relname as name, x.indisunique as unique, pg_get_indexdef(x.indexrelid) as def,
           array(select coalesce(a.attname::text, pg_get_indexdef(x.indexrelid, k.n::int, true)) from unnest(x.indkey) with ordinality k(attnum, n) left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum order by k.n) as cols
         from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
         where t.relname = '${table_name}' and not x.indisprimary`,
      );
      const trigram = (i: { def: string }) => i.def.includes("gin_trgm_ops");
      // The columns an expression reads, in order (as the FTS5 table lists them).
      const columnNames = new Set(columns.map((c) => c.split(" ")[0]!));
      const read = (expression: string): string[] => expression.match(/[a-z_]+/g)!.flatMap((w) => (generated.has(w) ? read(generated.get(w)!) : columnNames.has(w) ? [w] : []));
      // An index carrying the generated column (users_email_walk_idx) stands for the columns it
      // reads, each once, as SQLite's index of the same name lists them.
      const indexColumns = (cols: string[]) => [...new Set(cols.flatMap((c) => (generated.has(c) ? read(generated.get(c)!) : [caseFolded(c)])))];
      const indexes = all.filter((i) => !trigram(i)).map((i) => `${i.name} ${i.unique ? "unique" : ""}(${indexColumns(i.cols).join(",")})`);
      const search = all.filter(trigram).map((i) => `${i.name}(${[...new Set(read(i.def.replace(/^.*USING gin/, "")))].join(",")})`);
      const foreignKeys = (
        await q<{ from: string; table: string; to: string; on_delete: string }>(
          `select kcu.column_name as from, ccu.table_name as table, ccu.column_name as to, rc.delete_rule as on_delete
           from information_schema.referential_constraints rc
           join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name
           join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.constraint_name
           where kcu.table_name = '${table_name}'`,
        )
      ).map((f) => `${f.from} -> ${f.table}.${f.to} on delete ${f.on_delete.toLowerCase()}`);
      shape[table_name] = { columns: columns.sort(), indexes: indexes.sort(), foreignKeys: foreignKeys.sort(), search };
    }
    return shape;
  } finally {
    await client.end();
    await admin.query(`drop database if exists ${name}`).catch(() => undefined);
    await admin.end();
  }
}

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)("schema parity between SQLite and PostgreSQL", () => {
  it("has the same tables, columns, indexes and foreign keys on both engines", async () => {
    const [lite, postgres] = [sqliteShape(), await pgShape(url!)];
    expect(Object.keys(postgres).sort()).toEqual(Object.keys(lite).sort());
    for (const table of Object.keys(lite)) expect({ table, ...postgres[table] }).toEqual({ table, ...lite[table] });
  });
});
