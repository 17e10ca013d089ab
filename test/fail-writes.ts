import Database from "better-sqlite3";
import pg from "pg";
import { engine } from "@/db/engine";

let n = 0;

/**
 * Makes the database refuse some writes (a trigger raising an error), to show that a multi-row
 * operation leaves nothing behind when a later statement of it fails. `when` is a condition on NEW,
 * written alike for both engines. Returns the undo; each test file has its own database.
 */
export async function failWrites(table: string, op: "INSERT" | "UPDATE", when: string): Promise<() => Promise<void>> {
  const name = `test_fail_${++n}`;
  if (engine === "pg") {
    const run = async (statement: string) => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      try {
        await client.query(statement);
      } finally {
        await client.end();
      }
    };
    await run(`create function ${name}() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$`);
    await run(`create trigger ${name} before ${op} on ${table} for each row when (${when}) execute function ${name}()`);
    return async () => {
      await run(`drop trigger ${name} on ${table}`);
      await run(`drop function ${name}()`);
    };
  }
  const run = (statement: string) => {
    const file = new Database(process.env.DATABASE_PATH!);
    try {
      file.exec(statement);
    } finally {
      file.close();
    }
  };
  run(`create trigger ${name} before ${op} on ${table} when ${when} begin select raise(abort, 'injected failure'); end`);
  return async () => run(`drop trigger ${name}`);
}
