import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { describe, expect, it } from "vitest";

/**
 * An install made by the previous release (SQLite migrations 0000–0003, applied from the old
 * db/migrations folder) upgrades in place: the moved folder's migrations apply on top, data kept.
 */
describe("SQLite upgrade in place", () => {
  it("applies the new migrations to a database made by the previous release and keeps its rows", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "iam-upgrade-"));
    const old = path.join(tmp, "migrations");
    fs.cpSync("db/migrations/sqlite", old, { recursive: true });
    const journalFile = path.join(old, "meta/_journal.json");
    const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { idx: number; tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.idx <= 3);
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    for (const f of fs.readdirSync(old)) if (f.endsWith(".sql") && Number(f.slice(0, 4)) > 3) fs.rmSync(path.join(old, f));

    const sqlite = new Database(path.join(tmp, "app.db"));
    migrate(drizzle(sqlite), { migrationsFolder: old });
    sqlite.prepare("insert into tenants (id, name, customer_code, created_at, updated_at) values ('t1', 'Old', 'OLD', 1, 1)").run();
    sqlite.prepare("insert into jobs (id, tenant_id, kind, status, total, done, created_at, updated_at) values ('j1', 't1', 'users.delete', 'done', 3, 3, 1, 1)").run();
    expect(sqlite.prepare("select count(*) as n from pragma_table_info('jobs') where name = 'lease_owner'").get()).toEqual({ n: 0 });
    // Three members, one of them disabled and one with a second factor: the dashboard's counts start from them.
    const member = sqlite.prepare("insert into users (id, email, full_name, active, mfa_enrolled, created_at, updated_at) values (?, ?, 'Old Member', ?, ?, 1, 1)");
    const join = sqlite.prepare("insert into memberships (id, user_id, tenant_id, created_at) values (?, ?, 't1', 1)");
    for (const [i, active, mfa] of [[1, 1, 0], [2, 0, 0], [3, 1, 1]]) {
      member.run(`u${i}`, `old${i}@example.test`, active, mfa);
      join.run(`m${i}`, `u${i}`);
    }

    migrate(drizzle(sqlite), { migrationsFolder: "db/migrations/sqlite" });
    expect(sqlite.prepare("select name from tenants where id = 't1'").get()).toEqual({ name: "Old" });
    expect(sqlite.prepare("select status, done, items, lease_owner from jobs where id = 'j1'").get()).toEqual({ status: "done", done: 3, items: "[]", lease_owner: null });
    expect(sqlite.prepare("select members, disabled, mfa_enrolled from tenant_member_counts where tenant_id = 't1'").get()).toEqual({ members: 3, disabled: 1, mfa_enrolled: 1 });
    // Each membership gets its copy of the searched text and the email (sqlite 0011, 0012).
    expect(sqlite.prepare("select search_text, email from memberships where id = 'm1'").get()).toEqual({ search_text: "old1@example.test old member ", email: "old1@example.test" });
    const all = (JSON.parse(fs.readFileSync("db/migrations/sqlite/meta/_journal.json", "utf8")) as { entries: unknown[] }).entries.length;
    expect(sqlite.prepare("select count(*) as n from __drizzle_migrations").get()).toEqual({ n: all });
    sqlite.close();
  });
});
