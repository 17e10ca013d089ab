/**
 * Bulk-seeds synthetic users into the current database with one INSERT … SELECT per table (no
 * lib/, no per-row JavaScript), for bench/users-list.ts. Same population as scripts/seed-users.ts:
 * user i is first[i % 16] last[⌊i / 16⌋ % 16] (so "hopper" is every 16th user, "linus tor" every
 * 256th), email first.last.i@seed.example, username user<i> for every 5th, every 10th disabled,
 * every 3rd with MFA, every 4th never signed in, joined one second apart (newest last).
 */
import pg from "pg";
import Database from "better-sqlite3";
import { engine } from "@/db/engine";
import { env } from "@/lib/env";

const FIRST = ["Ada", "Alan", "Grace", "Linus", "Barbara", "Dennis", "Ken", "Margaret", "Edsger", "Donald", "Frances", "John", "Radia", "Tim", "Vint", "Sophie"];
const LAST = ["Lovelace", "Turing", "Hopper", "Torvalds", "Liskov", "Ritchie", "Thompson", "Hamilton", "Dijkstra", "Knuth", "Allen", "Backus", "Perlman", "Berners-Lee", "Cerf", "Wilson"];
const HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2VlZGVkc2VlZGVk$seededseededseededseededseededseededseed00";

export async function seedUsersSql(tenantId: string, count: number, now: number) {
  if (engine === "pg") {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      await client.query("begin");
      await client.query(
        `insert into users (id, email, username, first_name, last_name, full_name, password_hash, active, mfa_enrolled, last_login_at, created_at, updated_at)
         select gen_random_uuid()::text, lower(f) || '.' || lower(l) || '.' || i || '@seed.example', case when i % 5 = 0 then 'user' || i end, f, l, f || ' ' || l, $1,
                i % 10 <> 0, i % 3 = 0, case when i % 4 = 0 then null else t + interval '1 hour' end, t, t
         from (select i, ($2::text[])[i % 16 + 1] as f, ($3::text[])[(i / 16) % 16 + 1] as l, to_timestamp(($4::bigint - ($5::bigint - i) * 1000) / 1000.0) as t
               from generate_series(0, $5::bigint - 1) as i) s`,
        [HASH, FIRST, LAST, now, count],
      );
      await client.query(`insert into memberships (id, user_id, tenant_id, created_at) select gen_random_uuid()::text, id, $1, created_at from users where email like '%@seed.example'`, [tenantId]);
      await client.query("commit");
      await client.query("vacuum analyze users");
      await client.query("vacuum analyze memberships");
    } finally {
      await client.end();
    }
    return;
  }
  const sqlite = new Database(env.DATABASE_PATH);
  try {
    sqlite.pragma("journal_mode = WAL");
    const uuid = "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))";
    sqlite.transaction(() => {
      sqlite
        .prepare(
          `insert into users (id, email, username, first_name, last_name, full_name, password_hash, active, mfa_enrolled, last_login_at, created_at, updated_at)
           with recursive n(i) as (select 0 union all select i + 1 from n where i < ? - 1),
             s as (select i, json_extract(?, '$[' || (i % 16) || ']') as f, json_extract(?, '$[' || ((i / 16) % 16) || ']') as l, ? - (? - i) * 1000 as t from n)
           select ${uuid}, lower(f) || '.' || lower(l) || '.' || i || '@seed.example', case when i % 5 = 0 then 'user' || i end, f, l, f || ' ' || l, ?,
                  i % 10 <> 0, i % 3 = 0, case when i % 4 = 0 then null else t + 3600000 end, t, t from s`,
        )
        .run(count, JSON.stringify(FIRST), JSON.stringify(LAST), now, count, HASH);
      sqlite.prepare(`insert into memberships (id, user_id, tenant_id, created_at) select ${uuid}, id, ?, created_at from users where email like '%@seed.example'`).run(tenantId);
    })();
    sqlite.exec("analyze");
  } finally {
    sqlite.close();
  }
}
