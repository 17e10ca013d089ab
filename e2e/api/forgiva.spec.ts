import { expect, test, type APIRequestContext } from "@playwright/test";
import { actors } from "../support/api";

const F = "/api/user";
type H = { Authorization: string };

const post = (request: APIRequestContext, path: string, h: H | null, data: object = {}) => request.post(`${F}${path}`, { headers: h ?? {}, data });

test.describe("Forgiva UserOperationsApi", () => {
  test("groups, metadata, search, hosts, by_group, generate, remove", async ({ request }) => {
    const { member, admin } = await actors(request);
    const h = member.h;
    const { groups } = await (await post(request, "/metadata/groups", h)).json();
    expect(groups).toEqual([{ groupId: expect.any(String), groupName: "Accounts", parentGroupId: "0", groupDescription: "Default Metadata Group" }]);
    const top = groups[0].groupId;

    const sub = await (await post(request, "/metadata/group/add", h, { group: { groupName: "Mail", parentGroupId: top, groupDescription: "Mail accounts" } })).json();
    expect(sub.affectedRecords).toHaveLength(1);
    expect((await (await post(request, "/metadata/group/add", h, { group: { groupName: "  " } })).json()).error).toBeTruthy();

    const add = (host: string, account: string, groupId = sub.affectedRecords[0]) =>
      post(request, "/metadata/add", h, { metadata: { host, account, complexity: 1, groupId }, passwordLength: 16, optUppercase: true, optLowercase: true, optNumbers: true, optSymbols: false });
    const m1 = (await (await add("mail.example.com", "alice")).json()).affectedRecords[0];
    await add("mail.example.org", "bob");
    await add("bank.example.com", "alice", top);
    const invalid = await add("", "");
    expect(invalid.status()).toBe(200);
    expect(await invalid.json()).toEqual({ error: "Invalid metadata" });
    const badLen = await post(request, "/metadata/add", h, { metadata: { host: "x", account: "y", complexity: 1, groupId: top }, passwordLength: 40, optUppercase: true, optLowercase: true, optNumbers: true, optSymbols: true });
    expect(await badLen.json()).toEqual({ error: "Invalid metadata" });

    const page = await (await post(request, "/metadata/by_group", h, { groupId: sub.affectedRecords[0], startIdx: 0, count: 1 })).json();
    expect(page).toMatchObject({ totalRecords: 2, startIdx: 0 });
    expect(page.metadatas).toEqual([{ metadataId: m1, host: "mail.example.com", account: "alice", lastRenewal: "", complexity: 1, generatedBefore: false, groupId: sub.affectedRecords[0] }]);

    const found = await (await post(request, "/metadata/search", h, { criteria: "alice" })).json();
    expect(found.metadata.map((m: { host: string }) => m.host).sort()).toEqual(["bank.example.com", "mail.example.com"]);
    expect((await (await post(request, "/metadata/host", h, { filter: "mail" })).json()).hosts).toEqual([{ host: "mail.example.com" }, { host: "mail.example.org" }]);

    const gen = async (body: object) => (await post(request, "/generate", h, { metadataId: m1, ...body })).json();
    const a = await gen({ masterKey: "my master key", visualConfirmation: "Fox" });
    expect(a.result).toEqual({});
    expect(a.generatedPassword).toMatch(/^[A-Za-z0-9]{16}$/);
    expect((await gen({ masterKey: "my master key", visualConfirmation: "Fox" })).generatedPassword).toBe(a.generatedPassword);
    expect((await gen({ masterKey: "my master key", visualConfirmation: "Wolf" })).generatedPassword).not.toBe(a.generatedPassword);
    const renewed = await gen({ masterKey: "my master key", visualConfirmation: "Fox", renewalDate: "2026-06-01" });
    expect(renewed.generatedPassword).not.toBe(a.generatedPassword);
    // The renewal date is remembered: later generations without a date reproduce the rotation.
    expect((await gen({ masterKey: "my master key", visualConfirmation: "Fox" })).generatedPassword).toBe(renewed.generatedPassword);
    const after = (await (await post(request, "/metadata/search", h, { criteria: "mail.example.com" })).json()).metadata[0];
    expect(after).toMatchObject({ generatedBefore: true, lastRenewal: "2026-06-01" });
    expect(await gen({ visualConfirmation: "Fox" })).toEqual({ result: { error: "Invalid data" }, generatedPassword: "" });
    expect((await post(request, "/generate", h, { metadataId: m1, masterKey: "k", visualConfirmation: "Unicorn" })).status()).toBe(400);

    // Another user's metadata does not exist for this caller, and nothing changes.
    const foreignRemove = await post(request, "/metadata/remove", admin.h, { metadataId: m1 });
    expect(await foreignRemove.json()).toEqual({ error: "Metadata does not exists." });
    expect((await (await post(request, "/generate", admin.h, { metadataId: m1, masterKey: "x", visualConfirmation: "Fox" })).json()).result.error).toBe("Invalid data");
    expect(await (await post(request, "/metadata/remove", h, { metadataId: m1 })).json()).toEqual({ affectedRecords: [m1] });
    expect((await (await post(request, "/metadata/search", h, { criteria: "mail.example.com" })).json()).metadata).toEqual([]);

    const removed = await (await post(request, "/metadata/group/remove", h, { metadataGroupId: top })).json();
    expect(removed.info).toBe("2 metadata removed.");
    const left = (await (await post(request, "/metadata/groups", h)).json()).groups;
    expect(left).toEqual([expect.objectContaining({ groupName: "Accounts", parentGroupId: "0" })]);
    expect(left[0].groupId).not.toBe(top);
  });

  test("401 with an empty body without a session; token also accepted as header.sessionId; bad JSON is 400", async ({ request }) => {
    const { member } = await actors(request);
    const res = await post(request, "/metadata/groups", null);
    expect(res.status()).toBe(401);
    expect(await res.text()).toBe("");
    const viaBody = await post(request, "/metadata/groups", null, { header: { sessionId: member.h.Authorization.slice(7), clientAgent: "test" } });
    expect(viaBody.status()).toBe(200);
    const bad = await request.post(`${F}/metadata/groups`, { headers: { ...member.h, "content-type": "application/json" }, data: "{oops" });
    expect(bad.status()).toBe(400);
  });

  test("backup export → import into another user gives the same entries and passwords", async ({ request }) => {
    const { member, admin } = await actors(request);
    const top = (await (await post(request, "/metadata/groups", member.h)).json()).groups[0].groupId;
    const id = (await (await post(request, "/metadata/add", member.h, { metadata: { host: "shop.test", account: "me", complexity: 2, groupId: top }, passwordLength: 20, optUppercase: true, optLowercase: true, optNumbers: true, optSymbols: true })).json()).affectedRecords[0];
    const pw = (await (await post(request, "/generate", member.h, { metadataId: id, masterKey: "mk", visualConfirmation: "Cat" })).json()).generatedPassword;

    const exported = await (await post(request, "/backup/export", member.h, {})).json();
    expect(exported.resultData).toMatch(/^[A-Za-z0-9+/=]+$/);
    const one = await (await post(request, "/backup/export", member.h, { metadataGroupId: top })).json();
    expect(one.resultData).toBeTruthy();

    const imported = await (await post(request, "/backup/import", admin.h, { data: exported.resultData })).json();
    expect(imported.affectedRecords).toHaveLength(1);
    const copy = (await (await post(request, "/metadata/search", admin.h, { criteria: "shop.test" })).json()).metadata[0];
    expect(copy).toMatchObject({ host: "shop.test", account: "me", complexity: 2 });
    expect((await (await post(request, "/generate", admin.h, { metadataId: copy.metadataId, masterKey: "mk", visualConfirmation: "Cat" })).json()).generatedPassword).toBe(pw);

    const before = (await (await post(request, "/metadata/groups", admin.h)).json()).groups.length;
    expect((await (await post(request, "/backup/import", admin.h, { data: Buffer.from("not json").toString("base64") })).json()).error).toContain("not a vault backup");
    expect((await (await post(request, "/backup/import", admin.h, { data: Buffer.from(JSON.stringify({ version: 1, groups: [], metadatas: [{ groupRef: "x" }] })).toString("base64") })).json()).error).toBeTruthy();
    expect((await (await post(request, "/metadata/groups", admin.h)).json()).groups.length).toBe(before);
  });

  test("settings get/set with defaults, validation, read-only and hidden keys", async ({ request }) => {
    const { member } = await actors(request);
    const get = async (key: string) => (await post(request, "/settings/get", member.h, { key })).json();
    const set = async (key: string, value: string) => (await post(request, "/settings/set", member.h, { key, value })).json();
    expect(await get("password_always_show_not_copy")).toEqual({ value: "true" });
    expect(await get("password_default_length")).toEqual({ value: "16" });
    expect(await set("password_default_length", "024")).toEqual({ info: "Ok" });
    expect(await get("password_default_length")).toEqual({ value: "24" });
    expect(await set("animals_do_not_scramble", "TRUE")).toEqual({ info: "Ok" });
    expect(await get("animals_do_not_scramble")).toEqual({ value: "true" });
    expect((await set("password_default_length", "99")).error).toContain("between 2 and 32");
    expect((await set("masterkey_ask_once", "")).error).toContain("empty");
    expect((await set("2fa_enabled", "true")).error).toContain("read-only");
    expect(await get("2fa_enabled")).toEqual({ value: "false" });
    expect((await get("2fa_sotp_code")).error).toContain("Unknown");
    expect((await set("nope", "1")).error).toContain("Unknown");
    // Inherited object properties are not settings.
    for (const key of ["constructor", "toString", "__proto__"]) {
      const res = await post(request, "/settings/set", member.h, { key, value: "1" });
      expect(res.status()).toBe(200);
      expect((await res.json()).error).toContain("Unknown setting");
      expect(await get(key)).toEqual({ value: "", error: `Unknown setting "${key}"` });
    }
  });

  test("by_group paging out of range is 400 naming the field, not a database error", async ({ request }) => {
    const { member } = await actors(request);
    for (const [field, value] of [["startIdx", 1e20], ["startIdx", 1e15], ["startIdx", -1], ["count", 1e20], ["count", -1], ["count", 1001], ["startIdx", 1.5]] as const) {
      const res = await post(request, "/metadata/by_group", member.h, { [field]: value });
      expect(res.status(), `${field}=${value}`).toBe(400);
      expect((await res.json()).error).toContain(field);
    }
    const ok = await (await post(request, "/metadata/by_group", member.h, { startIdx: 1_000_000_000, count: 1000 })).json();
    expect(ok).toMatchObject({ metadatas: [], totalRecords: 0, startIdx: 1_000_000_000 });
  });

  test("password change: wrong old password is a domain error; success ends every session, as documented", async ({ request }) => {
    const { member } = await actors(request);
    const other = (await (await request.post("/api/iambackoffice.IamBackoffice/Login", { data: { loginId: member.email, password: member.password } })).json()).tokens.token;
    const wrong = await (await post(request, "/password/change", member.h, { oldPassword: "nope-nope-nope", newPassword: "forgiva-passphrase-1" })).json();
    expect(wrong).toEqual({ error: "Invalid current password" });
    const ok = await (await post(request, "/password/change", member.h, { oldPassword: member.password, newPassword: "forgiva-passphrase-1" })).json();
    expect(ok.error).toBeUndefined();
    expect((await post(request, "/metadata/groups", { Authorization: `Bearer ${other}` })).status()).toBe(401);
    expect((await post(request, "/metadata/groups", member.h)).status()).toBe(401);
    expect((await request.post("/api/iambackoffice.IamBackoffice/Login", { data: { loginId: member.email, password: "forgiva-passphrase-1" } })).status()).toBe(200);
  });
});
