import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { engine } from "@/db/engine";
import { countQueries } from "@/db/query-count";
import { memberships, users } from "@/db/schema";
import { createGroup, listGroups } from "@/lib/groups/groups";
import { assignRoles, createRole, listHolders } from "@/lib/roles/roles";
import { addEntry, addVaultGroup, pageEntries } from "@/lib/vault/vault";
import { callerOf, makeTenant, makeUser } from "@/test/factories";
import { listUsers, pickUsers, userQuerySchema } from "./list";

const q = (p: Record<string, string | undefined>) => userQuerySchema.parse(p);
const tag = () => Math.random().toString(36).slice(2, 8);

/** A tenant of its own (so "hopper" means these users only) with an admin and a few famous names. */
async function famousTenant() {
  const t = await makeTenant();
  const caller = callerOf(await makeUser({ tenantId: t.id, roles: ["admin"] }), t.id);
  const k = tag();
  const person = async (first: string, last: string, email: string, username: string | null = null) => {
    const u = await makeUser({ tenantId: t.id, email });
    await db.update(users).set({ firstName: first, lastName: last, fullName: `${first} ${last}`, username }).where(eq(users.id, u.id));
    return u;
  };
  const grace = await person("Grace", "Hopper", `g.h-${k}@navy.example`, `wizard${k}`);
  const don = await person("Donald", "Knuth", `don-${k}@tex.example`);
  const ada = await person("Ada", "Lovelace", `countess-${k}@engine.example`);
  const linus = await person("Linus", "Torvalds", `lt-${k}@kernel.example`);
  const emile = await person("Émile", "Zola", `ez-${k}@roman.example`);
  return { t, caller, k, grace, don, ada, linus, emile };
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe("search on any part", () => {
  it("finds users by a last name in the middle, any case, an email part or a username part", async () => {
    const { caller, k, grace, don, ada, linus, emile } = await famousTenant();
    const found = async (text: string) => ids((await listUsers(caller, q({ q: text }))).rows);
    expect(await found("ÉMILE")).toEqual([emile.id]); // a non-ASCII letter: the text and the pattern are lower-cased alike
    expect(await found("hopper")).toEqual([grace.id]);
    expect(await found("KNUTH")).toEqual([don.id]);
    expect(await found("LOVE")).toEqual([ada.id]);
    expect(await found("linus tor")).toEqual([linus.id]);
    expect(await found("torvalds LINUS")).toEqual([linus.id]); // every word, in any order
    expect(await found("tex.exa")).toEqual([don.id]); // the middle of an address
    expect(await found(`izard${k}`)).toEqual([grace.id]); // the middle of a username
    expect(await found("hopper knuth")).toEqual([]);
    // The capped count (read from the trigram index on SQLite) agrees with the rows.
    expect(await listUsers(caller, q({ q: "linus tor" }))).toMatchObject({ total: 1, capped: false });
    expect(await listUsers(caller, q({ q: "tor" }))).toMatchObject({ total: 1, capped: false });
  });

  it("a search walking the tenant's members finds no one of another tenant, and takes % and _ literally", async () => {
    const { t, caller, k, grace } = await famousTenant();
    const other = await famousTenant();
    const found = async (text: string) => ids((await listUsers(caller, q({ q: text }))).rows);
    // Same name in the other tenant: only this tenant's Grace, in the default order and by email.
    expect(await found("hopper")).toEqual([grace.id]);
    expect(ids((await listUsers(caller, q({ q: "hopper", sort: "email", dir: "asc" }))).rows)).toEqual([grace.id]);
    expect(await found(`wizard${other.k}`)).toEqual([]);
    // LIKE wildcards in the box match themselves, not any character.
    const odd = await makeUser({ tenantId: t.id, email: `fifty%_off-${k}@sale.example` });
    expect(await found("fifty%_off")).toEqual([odd.id]);
    expect(await found("fty%_o")).toEqual([odd.id]);
    expect(await found("f_fty")).toEqual([]);
    expect(await found("hop%er")).toEqual([]);
  });

  it("counts a pending invitation as its row shows it (the address only, an active account without MFA) under every filter", async () => {
    const { t, caller, grace, don } = await famousTenant();
    // The count tells invitations apart another way than the page on PostgreSQL (see forCount).
    await db.update(users).set({ active: false, mfaEnrolled: true }).where(inArray(users.id, [grace.id, don.id]));
    await db.update(memberships).set({ invitedAt: new Date() }).where(and(eq(memberships.userId, don.id), eq(memberships.tenantId, t.id)));
    const filters = [{ status: "active" }, { status: "disabled" }, { mfa: "yes" }, { mfa: "no" }, { q: "knuth" }, { q: "donald" }, { q: "tex.exa" }, { q: "don" }, { q: "do" }, { q: "tex.exa", status: "active", mfa: "no" }];
    const found: Record<string, string[]> = {};
    for (const filter of filters) {
      const page = await listUsers(caller, q(filter));
      expect({ filter, total: page.total, capped: page.capped }).toEqual({ filter, total: page.rows.length, capped: false });
      found[JSON.stringify(filter)] = ids(page.rows);
    }
    expect(found['{"status":"disabled"}']).toEqual([grace.id]);
    expect(found['{"mfa":"yes"}']).toEqual([grace.id]);
    expect(found['{"status":"active"}']).toContain(don.id);
    expect(found['{"q":"donald"}']).toEqual([]); // his name is not shown yet
    expect(found['{"q":"don"}']).toEqual([don.id]); // in his address
    expect(found['{"q":"tex.exa","status":"active","mfa":"no"}']).toEqual([don.id]);
  });

  it("treats words under 3 characters as a prefix of the email, name or username, or as a narrowing word", async () => {
    const { caller, grace, ada } = await famousTenant();
    const found = async (text: string) => ids((await listUsers(caller, q({ q: text }))).rows);
    expect(await found("gr")).toEqual([grace.id]); // "Grace Hopper" starts with it
    expect(await found("ad")).toEqual([ada.id]);
    expect(await found("op")).toEqual([]); // not a prefix: no trigram index can find a middle of 2 letters
    expect(await found("hopper gr")).toEqual([grace.id]); // a long word finds, the short one narrows
    expect(await found("hopper zz")).toEqual([]);
  });

  it("gives the same answer when a common word walks the sort order instead of the index", async () => {
    const { t, caller, k } = await famousTenant();
    // More than the 2,000 matches at which the search stops collecting from the index (users/search.ts).
    const word = `common${k}`;
    const people = Array.from({ length: 4_200 }, (_, i) => ({ id: randomUUID(), email: `p${String(i).padStart(4, "0")}-${k}@example.test`, fullName: i % 2 ? `Ann ${word}son` : "Bob Other", lastName: i % 2 ? `${word}son` : "Other" }));
    await db.transaction(async (tx) => {
      for (let i = 0; i < people.length; i += 500) {
        const part = people.slice(i, i + 500);
        await tx.insert(users).values(part);
        await tx.insert(memberships).values(part.map((p, j) => ({ userId: p.id, tenantId: t.id, createdAt: new Date(Date.UTC(2020, 0, 1) + (i + j) * 1000) })));
      }
    });
    // Every other one carries the word: 2,100 matches.
    const matching = people.filter((p) => p.fullName.includes(word));
    const page = await listUsers(caller, q({ q: word.toUpperCase(), size: "100" }));
    expect(page).toMatchObject({ total: 1000, capped: true });
    // Newest first: the last inserted matching rows.
    expect(page.rows.map((r) => r.id)).toEqual(matching.slice(-100).reverse().map((p) => p.id));
    expect((await listUsers(caller, q({ q: `${word} ann`, size: "10" }))).rows).toHaveLength(10);
    expect((await listUsers(caller, q({ q: `${word} bob` }))).rows).toEqual([]);
    // By email the walk reads only its covering index (users_email_walk_idx): the search and the
    // status and MFA filters must all find their columns there.
    const byEmail = matching.map((p) => p.email).sort();
    expect((await listUsers(caller, q({ q: word, sort: "email", dir: "asc", status: "active", mfa: "no", size: "10" }))).rows.map((r) => r.email)).toEqual(byEmail.slice(0, 10));
    expect((await listUsers(caller, q({ q: word, sort: "email", dir: "desc", status: "disabled" }))).rows).toEqual([]);
    // On SQLite a common word by email walks the tenant's members in their own email order
    // (memberships_tenant_email_idx); PostgreSQL's planner chooses by itself. Both page the same.
    const byMail = (extra: Record<string, string>) => countQueries(() => listUsers(caller, q({ q: word, sort: "email", size: "10", ...extra })));
    const first = await byMail({ dir: "asc" });
    // The walk filled the page: no page read through the indexes after it (which would hide a walk gone wrong).
    const walked = (queries: string[]) => ({ walk: queries.some((text) => text.includes('"walked"."email"')), fallback: queries.some((text) => text.includes('inner join "users"') && text.includes('order by "users"."email"')) });
    expect(walked(first.queries)).toEqual({ walk: engine === "sqlite", fallback: engine !== "sqlite" });
    expect(first.result.rows.map((r) => r.email)).toEqual(byEmail.slice(0, 10));
    const secondRead = await byMail({ dir: "asc", after: first.result.next! });
    expect(walked(secondRead.queries)).toEqual(walked(first.queries));
    const second = secondRead.result;
    expect(second.rows.map((r) => r.email)).toEqual(byEmail.slice(10, 20));
    expect((await byMail({ dir: "asc", before: second.previous! })).result.rows.map((r) => r.email)).toEqual(byEmail.slice(0, 10));
    const last = (await byMail({ dir: "desc" })).result;
    expect(last.rows.map((r) => r.email)).toEqual(byEmail.slice(-10).reverse());
    expect((await byMail({ dir: "desc", after: last.next! })).result.rows.map((r) => r.email)).toEqual(byEmail.slice(-20, -10).reverse());
    await db.delete(users).where(inArray(users.id, people.map((p) => p.id)));
    // Thousands of rows through the trigram indexes: slow on a shared 2-core machine.
  }, 120_000);

  it("a word common elsewhere but rare in this tenant is still found in every sort, past a walk that finds nothing", async () => {
    const k = tag();
    const word = `spread${k}`;
    // 10,500 matches in another tenant, all before this tenant's match by name: a page walking the
    // name order gives up after its window (10,000 rows) and reads the matches through the index
    // (the email order's covering walk goes five times as far, here past every row).
    const elsewhere = await makeTenant();
    const crowd = Array.from({ length: 10_500 }, (_, i) => ({ id: randomUUID(), email: `a${String(i).padStart(5, "0")}-${k}@example.test`, fullName: `Ann ${word}son` }));
    await db.transaction(async (tx) => {
      for (let i = 0; i < crowd.length; i += 500) {
        const part = crowd.slice(i, i + 500);
        await tx.insert(users).values(part);
        await tx.insert(memberships).values(part.map((p) => ({ userId: p.id, tenantId: elsewhere.id })));
      }
    });
    const t = await makeTenant();
    const caller = callerOf(await makeUser({ tenantId: t.id, roles: ["admin"] }), t.id);
    const mine = await makeUser({ tenantId: t.id, email: `zz-${k}@example.test` });
    await db.update(users).set({ fullName: `Zoe ${word}son` }).where(eq(users.id, mine.id));
    for (const sort of ["email", "name", "created", "lastLogin", "status"])
      for (const dir of ["asc", "desc"]) expect({ sort, dir, ...(await listUsers(caller, q({ q: word, sort, dir }))) }).toMatchObject({ sort, dir, rows: [{ id: mine.id }], total: 1, capped: false });
    // A prefix walks the same way ("zz" is in no other member's email here).
    expect((await listUsers(caller, q({ q: "zz", sort: "email", dir: "asc" }))).rows.map((r) => r.id)).toEqual([mine.id]);
    await db.delete(users).where(inArray(users.id, crowd.map((p) => p.id)));
  }, 180_000);

  it("searches role holders, the member picker, groups and vault entries on any part", async () => {
    const { t, caller, k, grace, don } = await famousTenant();
    const role = await createRole(caller, { name: `Auditor ${k}`, permissions: [] });
    await assignRoles(caller, grace.id, t.id, [role.name]);
    await assignRoles(caller, don.id, t.id, [role.name]);
    expect(ids((await listHolders(caller, role.id, { q: "HOPPER" })).rows)).toEqual([grace.id]);
    expect((await listHolders(caller, role.id, { q: "knu" })).total).toBe(1);
    expect((await pickUsers(caller, "opper")).map((u) => u.id)).toEqual([grace.id]);

    const ops = await createGroup(caller, { name: `Platform OPS ${k}` });
    await createGroup(caller, { name: `Finance ${k}` });
    expect((await listGroups(caller, { q: "ops" })).rows.map((g) => g.id)).toEqual([ops.id]);
    expect((await listGroups(caller, { q: `form ${k}` })).rows.map((g) => g.id)).toEqual([ops.id]);

    const work = await addVaultGroup(grace.id, { name: "Work" });
    const home = await addVaultGroup(grace.id, { name: "Home" });
    const entry = { complexity: 1, length: 16, lowercase: true, uppercase: true, digits: true, symbols: false };
    await addEntry(grace.id, { ...entry, groupId: work.id, host: "mail.Corp-intra.example", account: "grace" });
    await addEntry(grace.id, { ...entry, groupId: home.id, host: "bank.example", account: "g.hopper-CORP" });
    expect((await pageEntries(grace.id, { q: "corp", page: 1, size: 10 })).total).toBe(2);
    expect((await pageEntries(grace.id, { groupId: work.id, q: "CORP", page: 1, size: 10 })).rows.map((e) => e.host)).toEqual(["mail.Corp-intra.example"]);
    expect((await pageEntries(grace.id, { groupId: home.id, q: "hopper-c", page: 1, size: 10 })).rows.map((e) => e.account)).toEqual(["g.hopper-CORP"]);
    // The index follows edits: a renamed user is found by the new name only.
    await db.update(users).set({ fullName: "Grace Brewster" }).where(eq(users.id, grace.id));
    expect(ids((await listUsers(caller, q({ q: "brewster" }))).rows)).toEqual([grace.id]);
    expect(ids((await listUsers(caller, q({ q: "hopper" }))).rows)).toEqual([]);
  });
});

describe("keyset paging", () => {
  it("walks every sort forwards and back with ties on the sort key, never skipping or repeating a row", async () => {
    const t = await makeTenant();
    const caller = callerOf(await makeUser({ tenantId: t.id, roles: ["admin"] }), t.id);
    const k = tag();
    const people = Array.from({ length: 23 }, (_, i) => ({ id: randomUUID(), email: `tie${String(i).padStart(2, "0")}-${k}@example.test`, fullName: i % 3 ? "Same Name" : "Other Name", active: i % 4 !== 0, lastLoginAt: i % 5 === 0 ? null : new Date(Date.UTC(2026, 0, 1 + (i % 2))) }));
    await db.insert(users).values(people);
    // Every membership joined at the same millisecond: the id alone orders them.
    await db.insert(memberships).values(people.map((p) => ({ userId: p.id, tenantId: t.id, createdAt: new Date(Date.UTC(2026, 5, 1)) })));
    const mine = new Set(people.map((p) => p.id));
    for (const sort of ["created", "name", "email", "lastLogin", "status"])
      for (const dir of ["asc", "desc"]) {
        const base = { sort, dir, size: "10", q: k };
        const all = (await listUsers(caller, q({ ...base, size: "100" }))).rows.map((r) => r.id);
        expect(new Set(all)).toEqual(mine);
        const pages: string[][] = [];
        let page = await listUsers(caller, q(base));
        expect(page.previous).toBeUndefined();
        pages.push(page.rows.map((r) => r.id));
        // Bounded: a cursor that fails to move on would otherwise loop for ever.
        while (page.next && pages.length < 5) {
          page = await listUsers(caller, q({ ...base, after: page.next }));
          pages.push(page.rows.map((r) => r.id));
        }
        expect({ sort, dir, rows: pages.flat() }).toEqual({ sort, dir, rows: all });
        expect(pages.map((p) => p.length)).toEqual([10, 10, 3]);
        // Back from the last page: the same pages in reverse, down to a first page with no previous.
        const back = await listUsers(caller, q({ ...base, before: page.previous }));
        expect(back.rows.map((r) => r.id)).toEqual(pages[1]);
        const first = await listUsers(caller, q({ ...base, before: back.previous }));
        expect(first.rows.map((r) => r.id)).toEqual(pages[0]);
        expect(first.previous).toBeUndefined();
        expect(first.next).toBeDefined();
      }
    // A cursor that does not parse starts from the first page.
    expect((await listUsers(caller, q({ q: k, size: "10", after: "not-a-cursor" }))).rows).toHaveLength(10);
  });
});
