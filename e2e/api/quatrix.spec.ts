import { expect, test } from "@playwright/test";
import { actors, bearer } from "../support/api";
import { ADMIN_STATE, uniqueEmail } from "../support/env";

const Q = "/api/1.0";

async function invitationCode(baseURL: string, to: string) {
  const { request } = await import("@playwright/test");
  const ctx = await request.newContext({ baseURL, storageState: ADMIN_STATE });
  const html = await (await ctx.get(`/admin/outbox?q=${encodeURIComponent(to)}`)).text();
  await ctx.dispose();
  return html.match(/Invitation code: ([A-Za-z0-9_-]+)/)?.[1];
}

test.describe("Quatrix UserApi", () => {
  test("create (201), get, list, edit, groups; duplicate email is code 31", async ({ request }) => {
    const { admin, member, foreign } = await actors(request);
    const email = uniqueEmail("q");
    const res = await request.post(`${Q}/user/create`, { headers: { "X-Auth-Token": admin.h.Authorization.slice(7) }, data: { name: "Quinn Atrix", email, super_admin: "N", status: "A", language: "de" } });
    expect(res.status(), await res.text()).toBe(201);
    const u = await res.json();
    expect(u).toMatchObject({ name: "Quinn Atrix", email, super_admin: "N", status: "A", has_key: false, language: "de", auth_methods: [], groups: [] });
    expect(u.created).toBeGreaterThan(1_700_000_000);
    expect(u.created).toBeLessThan(10_000_000_000);

    const dup = await request.post(`${Q}/user/create`, { headers: admin.h, data: { name: "Again", email } });
    expect(dup.status()).toBe(400);
    expect(await dup.json()).toMatchObject({ msg: "Email is already taken", code: 31 });
    const bad = await request.post(`${Q}/user/create`, { headers: admin.h, data: { name: "X", email: uniqueEmail(), status: "Z" } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).msg).toContain("status");

    expect((await (await request.get(`${Q}/user/metadata/${u.id}`, { headers: admin.h })).json()).email).toBe(email);
    expect((await request.get(`${Q}/user/metadata/${u.id}`, { headers: foreign.h })).status()).toBe(404);
    expect((await request.get(`${Q}/user/metadata/${u.id}`, { headers: member.h })).status()).toBe(403);
    const all = (await (await request.get(`${Q}/user`, { headers: admin.h })).json()) as { id: string }[];
    expect(all.some((x) => x.id === u.id)).toBe(true);
    expect(all.some((x) => x.id === foreign.id)).toBe(false);
    expect((await request.get(`${Q}/user`)).status()).toBe(401);

    const groups = await (await request.get(`${Q}/user/group`, { headers: admin.h })).json();
    expect(Array.isArray(groups)).toBe(true);

    const edited = await request.post(`${Q}/user/edit`, { headers: admin.h, data: { ids: [u.id, member.id], status: "D", super_admin: "N" } });
    expect(edited.status()).toBe(200);
    expect(((await edited.json()) as { status: string }[]).map((x) => x.status)).toEqual(["D", "D"]);
    const twoEmails = await request.post(`${Q}/user/edit`, { headers: admin.h, data: { ids: [u.id, member.id], email: uniqueEmail() } });
    expect(twoEmails.status()).toBe(400);
    expect((await request.post(`${Q}/user/edit`, { headers: foreign.h, data: { ids: [u.id], name: "Hijack" } })).status()).toBe(404);
    expect((await (await request.get(`${Q}/user/metadata/${u.id}`, { headers: admin.h })).json()).name).toBe("Quinn Atrix");
  });

  test("delete answers 202 with a job id and the user disappears", async ({ request }) => {
    const { admin } = await actors(request);
    const u = await (await request.post(`${Q}/user/create`, { headers: admin.h, data: { name: "Del Me", email: uniqueEmail("del") } })).json();
    const res = await request.post(`${Q}/user/delete`, { headers: admin.h, data: { ids: [u.id] } });
    expect(res.status()).toBe(202);
    expect((await res.json()).job_id).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(async () => (await request.get(`${Q}/user/metadata/${u.id}`, { headers: admin.h })).status()).toBe(404);
    expect((await request.post(`${Q}/user/delete`, { headers: admin.h, data: { ids: [admin.id] } })).status()).toBe(400);
    expect((await request.post(`${Q}/user/delete`, { headers: admin.h, data: { ids: ["nope"] } })).status()).toBe(400);
  });

  test("signup needs the invitation code; then the user signs in", async ({ request, baseURL }) => {
    const { admin } = await actors(request);
    const email = uniqueEmail("signup");
    await request.post(`${Q}/user/create`, { headers: admin.h, data: { name: "Sign Up", email } });
    const noCode = await request.post(`${Q}/user/signup`, { data: { email, password: "signup-passphrase-1" } });
    expect(noCode.status()).toBe(400);
    expect((await noCode.json()).msg).toContain("code");
    const wrong = await request.post(`${Q}/user/signup`, { data: { email, password: "signup-passphrase-1", code: "not-the-code-at-all" } });
    expect(wrong.status()).toBe(400);
    const code = await invitationCode(baseURL!, email);
    const other = await request.post(`${Q}/user/signup`, { data: { email: uniqueEmail(), password: "signup-passphrase-1", code } });
    expect(other.status()).toBe(400);
    const ok = await request.post(`${Q}/user/signup`, { data: { email, password: "signup-passphrase-1", code } });
    expect(ok.status()).toBe(200);
    expect(await ok.text()).toBe("");
    await bearer(request, email, "signup-passphrase-1");
  });

  test("set-mfa (2FA forces MFA and ends sessions; PIN), reset-mfa, remove-mfa", async ({ request }) => {
    const { admin, member } = await actors(request);
    // The code means nothing for 2FA (only for PIN): an empty one is accepted.
    const set = await request.post(`${Q}/user/set-mfa`, { headers: admin.h, data: { ids: [member.id], auth_type: "2FA", code: "" } });
    expect(await set.json()).toEqual({ status: "success" });
    expect((await request.get(`${Q}/user/metadata/${member.id}`, { headers: member.h })).status()).toBe(401);
    expect((await (await request.get(`${Q}/user/metadata/${member.id}`, { headers: admin.h })).json()).forced_auth).toEqual(["2FA"]);

    expect((await request.post(`${Q}/user/set-mfa`, { headers: admin.h, data: { ids: [member.id], auth_type: "PIN", code: "" } })).status()).toBe(400);
    const pin = await request.post(`${Q}/user/set-mfa`, { headers: admin.h, data: { ids: [member.id], auth_type: "PIN", code: "482913" } });
    expect(pin.status()).toBe(200);
    const login = await (await request.post("/api/iambackoffice.IamBackoffice/Login", { data: { loginId: member.email, password: member.password } })).json();
    expect(login.twoFactorId).toBeTruthy();
    const viaPin = await request.post("/api/iambackoffice.IamBackoffice/LoginMfa", { data: { twoFactorId: login.twoFactorId, code: "482913" } });
    expect(viaPin.status()).toBe(200);
    expect((await (await request.get(`${Q}/user/metadata/${member.id}`, { headers: admin.h })).json()).auth_methods).toEqual(["PIN"]);

    expect((await request.post(`${Q}/user/reset-mfa`, { headers: admin.h, data: { ids: [member.id], auth_type: "PIN" } })).status()).toBe(400);
    const reset = await request.post(`${Q}/user/reset-mfa`, { headers: admin.h, data: { ids: [member.id], auth_type: "2FA" } });
    expect(await reset.json()).toEqual({ status: "success" });
    const after = await (await request.get(`${Q}/user/metadata/${member.id}`, { headers: admin.h })).json();
    expect(after).toMatchObject({ auth_methods: [], forced_auth: ["2FA"] });

    const removed = await request.post(`${Q}/user/remove-mfa`, { headers: admin.h, data: { ids: [member.id], auth_type: "2FA" } });
    expect(removed.status()).toBe(200);
    expect((await (await request.get(`${Q}/user/metadata/${member.id}`, { headers: admin.h })).json()).forced_auth).toEqual([]);
    expect((await request.post(`${Q}/user/remove-mfa`, { headers: member.h, data: { ids: [admin.id], auth_type: "2FA" } })).status()).toBe(401);
  });

  test("pgp-key: 404 until a key exists", async ({ request }) => {
    const { admin, member } = await actors(request);
    const res = await request.get(`${Q}/user/pgp-key/${member.id}`, { headers: admin.h });
    expect(res.status()).toBe(404);
    expect(await res.json()).toMatchObject({ code: 4 });
  });
});

