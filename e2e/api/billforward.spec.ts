import { expect, test, type APIRequestContext } from "@playwright/test";
import { actors } from "../support/api";
import { ADMIN_STATE, createUser, uniqueEmail } from "../support/env";
import { sqlGet } from "../support/sql";

const V1 = "/api/v1";
const envelopeOf = (body: { executionTime: number; results: unknown[] }) => {
  expect(Number.isInteger(body.executionTime)).toBe(true);
  expect(Array.isArray(body.results)).toBe(true);
  return body.results;
};
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

async function outboxCode(request: APIRequestContext, to: string, pattern: RegExp) {
  // The admin reads the Outbox page (SMTP is not configured in tests).
  // Reset mail is written after the answer (the request does not wait for it): poll.
  const ctx = await (await import("@playwright/test")).request.newContext({ baseURL: test.info().project.use.baseURL, storageState: ADMIN_STATE });
  let found: string | undefined;
  await expect
    .poll(async () => (found = (await (await ctx.get(`/admin/outbox?q=${encodeURIComponent(to)}`)).text()).match(pattern)?.[1]), { timeout: 15_000 })
    .toBeTruthy();
  await ctx.dispose();
  return found;
}

test.describe("BillForward roles", () => {
  test("create, get by id and name, list with paging, update default, revoke permission, retire", async ({ request }) => {
    const { admin, member, foreign } = await actors(request);
    const name = `auditors-${Date.now()}`;
    const created = await request.post(`${V1}/roles`, { headers: admin.h, data: { name, description: "Read audit", defaultRole: false, permissions: [{ resource: "Audit", action: "Read" }, { resource: "User", action: "Read" }, { resource: "Invoice", action: "Read" }] } });
    expect(created.status()).toBe(200);
    const [role] = envelopeOf(await created.json()) as { id: string; permissions: { resource: string; action: string; roleName: string; deleted: boolean }[]; created: string; organizationID: string }[];
    expect(role).toMatchObject({ name, description: "Read audit", deleted: false, defaultRole: false, defaultReturned: false, organizationID: admin.tenantId });
    expect(role!.created).toMatch(ISO);
    expect(role!.permissions.map((p) => `${p.resource}/${p.action}`).sort()).toEqual(["Audit/Read", "Invoice/Read", "User/Read"]);

    for (const ref of [role!.id, name]) {
      const got = await request.get(`${V1}/roles/${encodeURIComponent(ref)}`, { headers: admin.h });
      expect((envelopeOf(await got.json())[0] as { id: string }).id).toBe(role!.id);
    }

    const page = await (await request.get(`${V1}/roles?records=2&offset=0&order=DESC`, { headers: admin.h })).json();
    expect(page).toMatchObject({ currentOffset: 0, recordsRequested: 2, recordsReturned: 2, currentPage: 0 });
    expect(page.totalRecords).toBeGreaterThanOrEqual(3);
    expect(page.nextPage).toContain("offset=2");
    expect(page.nextPage).toContain("order=DESC");
    // Following nextPage as given yields the next slice of the same ordering.
    const second = await (await request.get(page.nextPage, { headers: admin.h })).json();
    const both = await (await request.get(`${V1}/roles?records=4&offset=0&order=DESC`, { headers: admin.h })).json();
    expect([...page.results, ...second.results].map((r: { id: string }) => r.id)).toEqual(both.results.slice(0, page.results.length + second.results.length).map((r: { id: string }) => r.id));

    const upd = await request.put(`${V1}/roles`, { headers: admin.h, data: { id: role!.id, defaultRole: true } });
    expect((envelopeOf(await upd.json())[0] as { defaultRole: boolean }).defaultRole).toBe(true);
    const all = envelopeOf(await (await request.get(`${V1}/roles?records=100`, { headers: admin.h })).json()) as { name: string; defaultRole: boolean }[];
    expect(all.filter((r) => r.defaultRole).map((r) => r.name)).toEqual([name]);

    const revoked = await request.delete(`${V1}/roles/${role!.id}/permission/User/Read`, { headers: admin.h });
    expect((envelopeOf(await revoked.json())[0] as { permissions: unknown[] }).permissions).toHaveLength(2);
    expect((await request.delete(`${V1}/roles/${role!.id}/permission/User/Read`, { headers: admin.h })).status()).toBe(404);

    const retired = await request.delete(`${V1}/roles/${name}`, { headers: admin.h });
    const r = envelopeOf(await retired.json())[0] as { deleted: boolean; revoked: string };
    expect(r.deleted).toBe(true);
    expect(r.revoked).toMatch(ISO);
    expect((await request.get(`${V1}/roles/${role!.id}`, { headers: admin.h })).status()).toBe(404);
    expect((await request.get(`${V1}/roles/${role!.id}?include_retired=true`, { headers: admin.h })).status()).toBe(200);
    const visible = envelopeOf(await (await request.get(`${V1}/roles?records=100`, { headers: admin.h })).json()) as { id: string }[];
    expect(visible.some((x) => x.id === role!.id)).toBe(false);

    expect((await request.get(`${V1}/roles`)).status()).toBe(401);
    expect((await request.post(`${V1}/roles`, { headers: member.h, data: { name: "x" } })).status()).toBe(403);
    const cross = await request.get(`${V1}/roles/${role!.id}?include_retired=true`, { headers: foreign.h });
    expect(cross.status()).toBe(404);
    expect(await cross.json()).toMatchObject({ errorType: "NotFound", errorParameters: [] });
  });

  test("invalid role input: 400 naming the field, nothing created", async ({ request }) => {
    const { admin } = await actors(request);
    const before = (await (await request.get(`${V1}/roles?records=1`, { headers: admin.h })).json()).totalRecords;
    const res = await request.post(`${V1}/roles`, { headers: admin.h, data: { name: "ok", permissions: [{ resource: "", action: "Read" }] } });
    expect(res.status()).toBe(400);
    expect(await res.json()).toMatchObject({ errorType: "ValidationError", errorParameters: ["permissions.0.resource"] });
    expect((await request.get(`${V1}/roles?records=-1`, { headers: admin.h })).status()).toBe(400);
    expect((await (await request.get(`${V1}/roles?records=1`, { headers: admin.h })).json()).totalRecords).toBe(before);
  });
});

test.describe("BillForward users", () => {
  test("create, flexcheck, invite, list, mine, organizations, by username, update names", async ({ request }) => {
    const { admin, member, foreign } = await actors(request);
    const email = uniqueEmail("bf");
    const created = await request.post(`${V1}/users`, { headers: admin.h, data: { email, firstName: "Bea", lastName: "Forward", password: "a-solid-passphrase-9", roles: ["member"], sendEmail: true } });
    expect(created.status(), await created.text()).toBe(200);
    const [c] = envelopeOf(await created.json()) as { id: string; email: string; roles: string[]; emailSent: boolean; user: { flexcheckUser: boolean } }[];
    expect(c).toMatchObject({ email, roles: ["member"], emailSent: true, organizationID: admin.tenantId, user: { flexcheckUser: false } });

    const flex = await request.post(`${V1}/users/flexcheck`, { headers: admin.h, data: { email: uniqueEmail("flex"), password: "a-solid-passphrase-9" } });
    expect((envelopeOf(await flex.json())[0] as { user: { flexcheckUser: boolean } }).user.flexcheckUser).toBe(true);
    const invited = await request.post(`${V1}/users/invite`, { headers: admin.h, data: { email: uniqueEmail("inv"), firstName: "In" } });
    expect((envelopeOf(await invited.json())[0] as { emailSent: boolean }).emailSent).toBe(true);

    const dup = await request.post(`${V1}/users`, { headers: admin.h, data: { email, password: "a-solid-passphrase-9" } });
    expect(dup.status()).toBe(409);
    expect(await dup.json()).toMatchObject({ errorType: "Conflict", errorParameters: ["email"] });

    const list = await (await request.get(`${V1}/users?records=100`, { headers: admin.h })).json();
    expect(list.totalRecords).toBeGreaterThanOrEqual(4);
    expect((list.results as { email: string }[]).some((u) => u.email === email)).toBe(true);
    expect((await request.get(`${V1}/users`, { headers: member.h })).status()).toBe(403);

    const mine = envelopeOf(await (await request.get(`${V1}/users/mine`, { headers: member.h })).json())[0] as { id: string; username: { username: string; twoFA: boolean }[] };
    expect(mine.id).toBe(member.id);
    expect(mine.username[0]).toMatchObject({ username: member.email, twoFA: false });
    const orgs = envelopeOf(await (await request.get(`${V1}/users/mine/organizations`, { headers: member.h })).json()) as { id: string; name: string }[];
    expect(orgs.map((o) => o.id)).toEqual([member.tenantId]);

    const byName = await request.get(`${V1}/users/username/${encodeURIComponent(email)}`, { headers: admin.h });
    expect((envelopeOf(await byName.json())[0] as { id: string }).id).toBe(c!.id);
    expect((await request.get(`${V1}/users/username/${encodeURIComponent(email)}`, { headers: foreign.h })).status()).toBe(404);

    const renamed = await request.put(`${V1}/users/${encodeURIComponent(email)}`, { headers: admin.h, data: { firstName: "Beatrice", lastName: "F" } });
    expect(envelopeOf(await renamed.json())[0]).toMatchObject({ username: email, firstName: "Beatrice", lastName: "F" });
    expect((await request.put(`${V1}/users/${encodeURIComponent(email)}`, { headers: member.h, data: { firstName: "Hack" } })).status()).toBe(403);
  });

  test("own password and email changes; others refused", async ({ request }) => {
    const { admin, member } = await actors(request);
    const url = `${V1}/users/${encodeURIComponent(member.email)}`;
    const mismatch = await request.put(`${url}/password`, { headers: member.h, data: { oldPassword: member.password, newPassword: "new-passphrase-2026", confirmNewPassword: "other" } });
    expect(mismatch.status()).toBe(400);
    expect((await mismatch.json()).errorParameters).toEqual(["confirmNewPassword"]);
    expect((await request.put(`${url}/password`, { headers: admin.h, data: { oldPassword: "x", newPassword: "new-passphrase-2026", confirmNewPassword: "new-passphrase-2026" } })).status()).toBe(403);
    const ok = await request.put(`${url}/password`, { headers: member.h, data: { oldPassword: member.password, newPassword: "new-passphrase-2026", confirmNewPassword: "new-passphrase-2026" } });
    expect(ok.status()).toBe(200);
    expect(envelopeOf(await ok.json())[0]).toMatchObject({ id: member.id, organizationID: member.tenantId });

    const next = uniqueEmail("moved");
    const wrong = await request.put(`${url}/email`, { headers: member.h, data: { password: "wrong-password-x", newEmail: next, confirmNewEmail: next } });
    expect(wrong.status()).toBe(400);
    const moved = await request.put(`${url}/email`, { headers: member.h, data: { password: "new-passphrase-2026", newEmail: next, confirmNewEmail: next } });
    expect(moved.status(), await moved.text()).toBe(200);
    expect((envelopeOf(await moved.json())[0] as { username: { username: string }[] }).username[0]!.username).toBe(next);
  });

  test("password reset: same answer for unknown addresses; code from the email sets the password once", async ({ request }) => {
    const { member } = await actors(request);
    const a = await request.post(`${V1}/users/password-reset/request-reset-code`, { data: { email: member.email } });
    const b = await request.post(`${V1}/users/password-reset/request-reset-code`, { headers: { "content-type": "text/plain" }, data: uniqueEmail("nobody") });
    expect(a.status()).toBe(200);
    expect(b.status()).toBe(200);
    const ra = envelopeOf(await a.json())[0] as { passwordResetValidTill: string };
    expect(ra.passwordResetValidTill).toMatch(ISO);
    expect(Object.keys(envelopeOf(await b.json())[0] as object).sort()).toEqual(Object.keys(ra).sort());

    const code = await outboxCode(request, member.email, /Code: ([A-Za-z0-9_-]+)/);
    expect(code).toBeTruthy();
    const done = await request.post(`${V1}/users/password-reset/password-update`, { data: { passwordResetCode: code, newPassword: "reset-passphrase-77" } });
    expect(done.status(), await done.text()).toBe(200);
    expect((await request.post(`${V1}/users/password-reset/password-update`, { data: { passwordResetCode: code, newPassword: "reset-passphrase-78" } })).status()).toBe(400);
    // The reset ended the member's session.
    expect((await request.get(`${V1}/users/mine`, { headers: member.h })).status()).toBe(401);
  });

  test("permanent and temporary tokens", async ({ request }) => {
    const { member } = await actors(request);
    const bad = await request.post(`${V1}/users/generate-permanent-api-token`, { headers: member.h, data: { password: "wrong-password-x" } });
    expect(bad.status()).toBe(400);
    const res = await request.post(`${V1}/users/generate-permanent-api-token`, { headers: member.h, data: { password: member.password } });
    const tok = await res.json();
    expect(tok).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String) });
    const perm = { Authorization: `Bearer ${tok.accessToken}` };
    expect((await request.get(`${V1}/users/mine`, { headers: perm })).status()).toBe(200);

    const rotated = await (await request.post(`${V1}/users/refresh-permanent-api-token`, { headers: member.h, data: { password: member.password, refreshToken: tok.refreshToken } })).json();
    expect(rotated.accessToken).not.toBe(tok.accessToken);
    expect((await request.get(`${V1}/users/mine`, { headers: perm })).status()).toBe(401);
    expect((await request.get(`${V1}/users/mine`, { headers: { Authorization: `Bearer ${rotated.accessToken}` } })).status()).toBe(200);
    expect((await request.post(`${V1}/users/refresh-permanent-api-token`, { headers: member.h, data: { password: member.password, refreshToken: tok.refreshToken } })).status()).toBe(404);

    const temp = await (await request.get(`${V1}/users/generate-tokens`, { headers: member.h })).json();
    expect(temp).toMatchObject({ privateToken: { accessToken: expect.any(String) }, publicToken: { accessToken: expect.any(String) } });
    const pub = { Authorization: `Bearer ${temp.publicToken.accessToken}` };
    expect((await request.get(`${V1}/users/mine`, { headers: pub })).status()).toBe(200);
    // The public token is read-only: it cannot change anything.
    const write = await request.put(`${V1}/users/${encodeURIComponent(member.email)}`, { headers: pub, data: { firstName: "Nope" } });
    expect(write.status()).toBe(403);
    expect((await request.get(`${V1}/users/generate-tokens`)).status()).toBe(401);
  });

  test("temporary tokens cannot mint more tokens; a permanent token can", async ({ request }) => {
    const { member } = await actors(request);
    const temp = await (await request.get(`${V1}/users/generate-tokens`, { headers: member.h })).json();
    const count = async () => Number((await sqlGet<{ n: number }>("SELECT count(*) AS n FROM api_tokens WHERE user_id = $1", [member.id]))!.n);
    const before = await count();
    for (const token of [temp.publicToken.accessToken, temp.privateToken.accessToken]) {
      const res = await request.get(`${V1}/users/generate-tokens`, { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status()).toBe(403);
      expect(await res.json()).toMatchObject({ errorType: "PermissionsError", errorMessage: expect.stringContaining("cannot create tokens") });
    }
    expect(await count()).toBe(before);
    const perm = await (await request.post(`${V1}/users/generate-permanent-api-token`, { headers: member.h, data: { password: member.password } })).json();
    expect((await request.get(`${V1}/users/generate-tokens`, { headers: { Authorization: `Bearer ${perm.accessToken}` } })).status()).toBe(200);
  });

  test("paging parameters out of range answer 400 naming the parameter", async ({ request }) => {
    const { admin } = await actors(request);
    for (const path of ["/users", "/roles"])
      for (const [param, value] of [["records", "0"], ["records", "501"], ["records", "x"], ["offset", "-1"], ["offset", "1e20"], ["offset", "1e15"], ["offset", "1.5"]]) {
        const res = await request.get(`${V1}${path}?${param}=${value}`, { headers: admin.h });
        expect(res.status(), `${path}?${param}=${value}: ${await res.text()}`).toBe(400);
        expect(await res.json()).toMatchObject({ errorType: "ValidationError", errorParameters: [param] });
      }
    const last = await request.get(`${V1}/users?offset=1000000000&records=500`, { headers: admin.h });
    expect(last.status()).toBe(200);
    expect((await last.json()).results).toEqual([]);
  });

  test("{email} path parameters are decoded once: '%' in an address works, malformed escapes are 404", async ({ request }) => {
    const { admin } = await actors(request);
    const odd = createUser({ email: uniqueEmail("pct%41x") });
    const url = `${V1}/users/${encodeURIComponent(odd.email)}`;
    const got = await request.get(`${V1}/users/username/${encodeURIComponent(odd.email)}`, { headers: admin.h });
    expect(got.status(), await got.text()).toBe(200);
    expect((await got.json()).results[0].id).toBe(odd.id);
    const renamed = await request.put(url, { headers: admin.h, data: { firstName: "Percy" } });
    expect(renamed.status(), await renamed.text()).toBe(200);
    expect((await renamed.json()).results[0]).toMatchObject({ userID: odd.id, firstName: "Percy" });
    for (const res of [
      await request.get(`${V1}/users/username/%25zz`, { headers: admin.h }),
      await request.put(`${V1}/users/%25zz`, { headers: admin.h, data: { firstName: "x" } }),
    ]) {
      expect(res.status()).toBe(404);
      expect(await res.json()).toMatchObject({ errorType: "NotFound" });
    }
  });

  test("invite/openid is refused plainly (no provider configured)", async ({ request }) => {
    const res = await request.post(`${V1}/users/invite/openid`, { data: { provider: "google", passwordResetCode: "abc", idToken: "x.y.z" } });
    expect(res.status()).toBe(400);
    expect(await res.json()).toMatchObject({ errorType: "ValidationError", errorParameters: ["provider"] });
    expect((await request.post(`${V1}/users/invite/openid`, { data: {} })).status()).toBe(400);
  });
});
