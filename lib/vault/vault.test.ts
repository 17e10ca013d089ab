import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { setSettings, getAllSettings } from "@/lib/settings/settings";
import { makeUser } from "@/test/factories";
import { exportBackup, importBackup, MAX_BACKUP_JSON_BYTES, parseBackup } from "./backup";
import { addEntry, addVaultGroup, entriesByGroup, generateForEntry, hostsLike, listVaultGroups, pageEntries, removeVaultGroup, searchEntries } from "./vault";

const entry = (groupId: string, host: string, account = "me") => ({ groupId, host, account, complexity: 1, length: 16, lowercase: true, uppercase: true, digits: true, symbols: false });
const counts = async (userId: string) => ({ groups: (await listVaultGroups(userId)).length, entries: (await entriesByGroup(userId, undefined, 0, 1000)).total });
const groupNames = async (userId: string) => (await listVaultGroups(userId)).map((g) => g.name);
const firstGroupId = async (userId: string) => (await listVaultGroups(userId))[0]!.id;

describe("vault groups and entries", () => {
  it("always keeps one group, removes a group with its subgroups and entries", async () => {
    const u = await makeUser();
    const [root] = await listVaultGroups(u.id);
    expect(root!.name).toBe("Accounts");
    const child = await addVaultGroup(u.id, { name: "Work", parentId: root!.id });
    await addVaultGroup(u.id, { name: "Deep", parentId: child.id });
    await addEntry(u.id, entry(child.id, "work.example"));
    expect(await groupNames(u.id)).toEqual(["Accounts", "Work", "Deep"]);
    expect(await removeVaultGroup(u.id, root!.id)).toBe(1);
    expect(await groupNames(u.id)).toEqual(["Accounts"]);
    expect((await counts(u.id)).entries).toBe(0);
  });

  it("refuses invalid entries and other users' groups", async () => {
    const u = await makeUser();
    const other = await makeUser();
    const g = await firstGroupId(u.id);
    await expect(addEntry(u.id, { ...entry(g, "x"), lowercase: false, uppercase: false, digits: false })).rejects.toThrow("Invalid metadata");
    await expect(addEntry(u.id, { ...entry(g, "x"), length: 33 })).rejects.toThrow("Invalid metadata");
    await expect(addEntry(u.id, { ...entry(g, " ", " ") })).rejects.toThrow("Invalid metadata");
    await expect(addEntry(other.id, entry(g, "x"))).rejects.toThrow("Invalid group");
  });

  it("searches host or account as literal text", async () => {
    const u = await makeUser();
    const g = await firstGroupId(u.id);
    await addEntry(u.id, entry(g, "shop50%.example"));
    await addEntry(u.id, entry(g, "shop500.example"));
    await addEntry(u.id, entry(g, "mail.example", "Pat_Smith"));
    expect((await searchEntries(u.id, "50%")).map((e) => e.host)).toEqual(["shop50%.example"]);
    expect((await searchEntries(u.id, "pat_")).map((e) => e.account)).toEqual(["Pat_Smith"]);
    expect(await searchEntries(u.id, "SHOP")).toHaveLength(2);
    expect(await hostsLike(u.id, "shop5")).toEqual(["shop50%.example", "shop500.example"]);
  });

  it("pages a group or a search with a total, clamping past the end", async () => {
    const u = await makeUser();
    const g = await firstGroupId(u.id);
    const other = (await addVaultGroup(u.id, { name: "Other" })).id;
    for (let i = 0; i < 7; i++) await addEntry(u.id, entry(g, `h${i}.example`));
    await addEntry(u.id, entry(other, "h9.example"));
    const all = (await pageEntries(u.id, { groupId: g, page: 1, size: 100 })).rows.map((e) => e.host);
    expect(all.toSorted()).toEqual(Array.from({ length: 7 }, (_, i) => `h${i}.example`));
    const p2 = await pageEntries(u.id, { groupId: g, page: 2, size: 3 });
    expect(p2).toMatchObject({ total: 7, page: 2, size: 3 });
    expect(p2.rows.map((e) => e.host)).toEqual(all.slice(3, 6));
    expect(await pageEntries(u.id, { groupId: g, page: 99, size: 3 })).toMatchObject({ page: 3, rows: [{ host: all[6] }] });
    const found = await pageEntries(u.id, { q: "H", page: 3, size: 3 });
    expect(found.total).toBe(8);
    expect(found.rows.map((e) => e.host)).toEqual(["h6.example", "h9.example"]);
    // A search keeps the group it was typed in: only that group's matches.
    expect(await pageEntries(u.id, { groupId: g, q: "H9", page: 1, size: 3 })).toMatchObject({ total: 0 });
    expect((await pageEntries(u.id, { groupId: other, q: "h9.EXAM", page: 1, size: 3 })).rows.map((e) => e.host)).toEqual(["h9.example"]);
    expect(await pageEntries(u.id, { groupId: other, q: "nothing", page: 1, size: 3 })).toMatchObject({ total: 0, page: 1, rows: [] });
  });

  it("stores the renewal date of a generation and reproduces it later", async () => {
    const u = await makeUser();
    const e = await addEntry(u.id, entry(await firstGroupId(u.id), "bank.example"));
    const first = await generateForEntry(u.id, { entryId: e.id, masterKey: "m", animal: "Panda", renewalDate: "2026-01-01" });
    expect(await generateForEntry(u.id, { entryId: e.id, masterKey: "m", animal: "Panda" })).toBe(first);
    expect(await generateForEntry(u.id, { entryId: e.id, masterKey: "m", animal: "Panda", renewalDate: "2026-06-01" })).not.toBe(first);
    await expect(generateForEntry(u.id, { entryId: e.id, animal: "Panda" })).rejects.toThrow("Invalid data");
  });
});

describe("vault backup", () => {
  it("round-trips one group with its subgroups into another user", async () => {
    const a = await makeUser();
    const b = await makeUser();
    const root = (await listVaultGroups(a.id))[0]!;
    const work = await addVaultGroup(a.id, { name: "Work" });
    const sub = await addVaultGroup(a.id, { name: "Servers", parentId: work.id });
    await addEntry(a.id, entry(root.id, "personal.example"));
    await addEntry(a.id, entry(sub.id, "db.example", "root"));

    expect(await listVaultGroups(b.id)).toHaveLength(1);
    const file = await exportBackup(a.id, work.id);
    expect((await parseBackup(file)).groups.map((g) => g.name)).toEqual(["Work", "Servers"]);
    const r = await importBackup(b.id, file);
    expect(r).toMatchObject({ groups: 2 });
    expect(r.metadataIds).toHaveLength(1);
    const groups = await listVaultGroups(b.id);
    expect(groups.map((g) => g.name)).toEqual(["Accounts", "Work", "Servers"]);
    expect(groups[2]!.parentId).toBe(groups[1]!.id);
    expect((await searchEntries(b.id, "db.example"))[0]).toMatchObject({ account: "root", groupId: groups[2]!.id, length: 16 });
    await expect(exportBackup(b.id, work.id)).rejects.toThrow("Invalid group");
  });

  it("refuses corrupt, foreign and inconsistent files without changing anything", async () => {
    const u = await makeUser();
    const before = await counts(u.id);
    const b64 = (o: unknown) => gzipSync(Buffer.from(JSON.stringify(o))).toString("base64");
    await expect(importBackup(u.id, "")).rejects.toThrow("empty");
    await expect(importBackup(u.id, Buffer.from("{ nope").toString("base64"))).rejects.toThrow("not a vault backup");
    await expect(importBackup(u.id, Buffer.from([0x1f, 0x8b, 1, 2, 3]).toString("base64"))).rejects.toThrow("does not decompress");
    await expect(importBackup(u.id, b64({ version: 2, groups: [], metadatas: [] }))).rejects.toThrow("not a vault backup of this app");
    const g = { ref: "g", parentRef: null, name: "G", description: "" };
    const m = { groupRef: "g", host: "h", account: "a", complexity: 1, length: 10, lowercase: true, uppercase: false, digits: false, symbols: false };
    await expect(importBackup(u.id, b64({ version: 1, groups: [g], metadatas: [m, { ...m, groupRef: "missing" }] }))).rejects.toThrow("inconsistent");
    await expect(importBackup(u.id, b64({ version: 1, groups: [g], metadatas: [m, { ...m, lowercase: false }] }))).rejects.toThrow("invalid metadata");
    expect(await counts(u.id)).toEqual(before);
  });

  it("refuses duplicate group refs and parent chains that never reach a top-level group", async () => {
    const u = await makeUser();
    const before = await counts(u.id);
    const b64 = (o: unknown) => gzipSync(Buffer.from(JSON.stringify(o))).toString("base64");
    const g = (ref: string, parentRef: string | null) => ({ ref, parentRef, name: ref, description: "" });
    const m = { groupRef: "a", host: "h", account: "a", complexity: 1, length: 10, lowercase: true, uppercase: false, digits: false, symbols: false };
    await expect(importBackup(u.id, b64({ version: 1, groups: [g("a", null), g("a", null)], metadatas: [m] }))).rejects.toThrow('two groups share the ref "a"');
    await expect(importBackup(u.id, b64({ version: 1, groups: [g("a", null), g("b", "b")], metadatas: [m] }))).rejects.toThrow('group "b" is its own ancestor');
    await expect(importBackup(u.id, b64({ version: 1, groups: [g("a", null), g("x", "y"), g("y", "z"), g("z", "y")], metadatas: [m] }))).rejects.toThrow("its own ancestor");
    expect(await counts(u.id)).toEqual(before);
    // A deep but rooted chain is fine, in any order.
    const chain = [g("c3", "c2"), g("c1", null), g("c2", "c1")];
    expect((await importBackup(u.id, b64({ version: 1, groups: chain, metadatas: [{ ...m, groupRef: "c3" }] }))).groups).toBe(3);
    expect(await groupNames(u.id)).toEqual(["Accounts", "c1", "c2", "c3"]);
  });

  it("caps what a gzip backup may expand to (gzip bomb)", async () => {
    expect(MAX_BACKUP_JSON_BYTES).toBe(64 * 1024 * 1024);
    const json = JSON.stringify({ version: 1, groups: [], metadatas: [], pad: " ".repeat(10_000) });
    const small = gzipSync(Buffer.from(json)).toString("base64");
    expect(small.length).toBeLessThan(1000);
    await expect(parseBackup(small, 4096)).rejects.toMatchObject({ kind: "too_large", message: expect.stringContaining("too large: it expands to more than") });
    expect((await parseBackup(small, 1024 * 1024)).groups).toEqual([]);
    // 250 MB of padding in 250 KB: refused by the ratio cap long before the size cap.
    const bomb = gzipSync(Buffer.concat([Buffer.from('{"version":1,"groups":[],"metadatas":[],"pad":"'), Buffer.alloc(250 * 1024 * 1024, 32), Buffer.from('"}')]), { level: 9 });
    await expect(parseBackup(bomb.toString("base64"))).rejects.toMatchObject({ kind: "too_large", message: expect.stringContaining("compression bomb") });
  });

  it("imports 10,000 entries in one transaction", async () => {
    const u = await makeUser();
    const g = { ref: "g", parentRef: null, name: "Bulk", description: "" };
    const metadatas = Array.from({ length: 10_000 }, (_, i) => ({ groupRef: "g", host: `h${i}.example`, account: "a", complexity: 2, length: 20, lowercase: true, uppercase: true, digits: true, symbols: true }));
    const r = await importBackup(u.id, gzipSync(Buffer.from(JSON.stringify({ version: 1, groups: [g], metadatas }))).toString("base64"));
    expect(r.metadataIds).toHaveLength(10_000);
    expect((await counts(u.id)).entries).toBe(10_000);
  });
});

describe("settings", () => {
  it("normalises, validates all-or-nothing, hides secrets and keeps 2fa_enabled read-only", async () => {
    const u = await makeUser();
    await setSettings(u.id, { animals_do_not_scramble: "TRUE", password_default_length: "020" });
    expect(await getAllSettings(u.id)).toMatchObject({ animals_do_not_scramble: "true", password_default_length: "20", "2fa_enabled": "false", theme: "system" });
    await expect(setSettings(u.id, { theme: "dark", password_default_length: "33" })).rejects.toThrow("between 2 and 32");
    expect((await getAllSettings(u.id)).theme).toBe("system");
    await expect(setSettings(u.id, { "2fa_enabled": "true" })).rejects.toThrow("read-only");
    await expect(setSettings(u.id, { "2fa_sotp_code": "1" })).rejects.toThrow("Unknown setting");
    expect(await getAllSettings(u.id)).not.toHaveProperty("2fa_sotp_code");
  });
});
