import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { actors, IAM } from "../support/api";
import { uniqueEmail } from "../support/env";

/**
 * Another tenant's admin (or, for the vault, another user) addressing our objects by id or naming
 * our tenant gets the surface's own 404, exactly as for a missing object, and nothing changes.
 */
const Q = "/api/1.0";
const V1 = "/api/v1";
const F = "/api/user";
type H = Record<string, string>;

async function expect404(res: APIResponse, shape: Record<string, unknown>, where: string) {
  expect(res.status(), `${where}: ${await res.text()}`).toBe(404);
  expect(await res.json(), where).toMatchObject(shape);
}
const iam404 = (res: APIResponse, where: string) => expect404(res, { code: 5 }, where);
const q404 = (res: APIResponse, where: string) => expect404(res, { code: 4 }, where);
const bf404 = (res: APIResponse, where: string) => expect404(res, { errorType: "NotFound" }, where);

const iam = (request: APIRequestContext, method: string, h: H, data: object) => request.post(`${IAM}/${method}`, { headers: h, data });
const rolesOf = async (request: APIRequestContext, h: H, userId: string) =>
  (await (await iam(request, "GetUser", h, { userId })).json()).user.registrations[0].roles as string[];

test.describe("cross-tenant requests answer 404 and change nothing", () => {
  test("IamBackoffice", async ({ request }) => {
    const { admin, member, foreign } = await actors(request);
    const groupName = `foreign-made-${Date.now()}`;

    await iam404(await iam(request, "UnassignRoles", foreign.h, { loginId: admin.email, tenantId: admin.tenantId, roleCodes: ["admin"] }), "UnassignRoles (our tenant)");
    await iam404(await iam(request, "UnassignRoles", foreign.h, { loginId: admin.email, roleCodes: ["admin"] }), "UnassignRoles (their tenant)");
    await iam404(await iam(request, "EnableUserMfa", foreign.h, { userId: member.id, secret: "JBSWY3DPEHPK3PXP", code: "123456" }), "EnableUserMfa");
    await iam404(await iam(request, "DisableUserMfa", foreign.h, { userId: member.id, code: "123456", methodId: "00000000-0000-4000-8000-000000000000" }), "DisableUserMfa");
    await iam404(await iam(request, "CreateGroup", foreign.h, { tenantId: admin.tenantId, name: groupName }), "CreateGroup");
    await iam404(await iam(request, "SearchGroups", foreign.h, { tenantId: admin.tenantId }), "SearchGroups");
    const email = uniqueEmail("foreign-reg");
    await iam404(await iam(request, "Register", foreign.h, { tenantId: admin.tenantId, user: { email, password: "foreign-passphrase-1" } }), "Register");

    expect(await rolesOf(request, admin.h, admin.id)).toEqual(["admin"]);
    expect((await (await request.get(`${Q}/user/metadata/${member.id}`, { headers: admin.h })).json()).auth_methods).toEqual([]);
    const groups = (await (await request.get(`${Q}/user/group`, { headers: admin.h })).json()) as { name: string }[];
    expect(groups.some((g) => g.name === groupName)).toBe(false);
    expect((await iam(request, "GetUser", admin.h, { email })).status()).toBe(404);
  });

  test("Quatrix", async ({ request }) => {
    const { admin, member, foreign } = await actors(request);
    expect((await request.post(`${Q}/user/set-mfa`, { headers: admin.h, data: { ids: [member.id], auth_type: "PIN", code: "482913" } })).status()).toBe(200);
    const before = await (await request.get(`${Q}/user/metadata/${member.id}`, { headers: admin.h })).json();
    expect(before).toMatchObject({ auth_methods: ["PIN"], forced_auth: [], status: "A" });

    const post = (path: string, data: object) => request.post(`${Q}${path}`, { headers: foreign.h, data });
    await q404(await post("/user/delete", { ids: [member.id] }), "delete");
    await q404(await post("/user/set-mfa", { ids: [member.id], auth_type: "2FA", code: "x" }), "set-mfa");
    await q404(await post("/user/reset-mfa", { ids: [member.id], auth_type: "2FA" }), "reset-mfa");
    await q404(await post("/user/remove-mfa", { ids: [member.id], auth_type: "PIN" }), "remove-mfa");
    await q404(await post("/user/edit", { ids: [member.id], name: "Hi Jack", status: "D" }), "edit");
    await q404(await request.get(`${Q}/user/pgp-key/${member.id}`, { headers: foreign.h }), "pgp-key");
    await q404(await request.get(`${Q}/user/metadata/${member.id}`, { headers: foreign.h }), "metadata");

    // Give the delete job (had one started) time to run before checking.
    await new Promise((r) => setTimeout(r, 500));
    expect(await (await request.get(`${Q}/user/metadata/${member.id}`, { headers: admin.h })).json()).toEqual(before);
    // set-mfa/reset-mfa would have ended the member's sessions.
    expect((await request.get(`${Q}/user/metadata/${member.id}`, { headers: member.h })).status()).toBe(200);
  });

  test("BillForward", async ({ request }) => {
    const { admin, member, foreign } = await actors(request);
    const name = `cross-${Date.now()}`;
    const created = await request.post(`${V1}/roles`, { headers: admin.h, data: { name, description: "ours", permissions: [{ resource: "Audit", action: "Read" }] } });
    expect(created.status()).toBe(200);
    const roleId = (await created.json()).results[0].id as string;
    const ourOrg = `organizations=${admin.tenantId}`;

    const f = { headers: foreign.h };
    await bf404(await request.put(`${V1}/roles`, { ...f, data: { id: roleId, name: "hijacked" } }), "PUT /roles");
    await bf404(await request.put(`${V1}/roles`, { ...f, data: { id: roleId, organizationID: admin.tenantId, description: "hijacked" } }), "PUT /roles (our org)");
    await bf404(await request.delete(`${V1}/roles/${roleId}`, f), "DELETE /roles/{role}");
    await bf404(await request.delete(`${V1}/roles/${roleId}?${ourOrg}`, f), "DELETE /roles/{role} (our org)");
    await bf404(await request.delete(`${V1}/roles/${roleId}/permission/Audit/Read`, f), "DELETE permission");
    await bf404(await request.delete(`${V1}/roles/${roleId}/permission/Audit/Read?${ourOrg}`, f), "DELETE permission (our org)");
    await bf404(await request.post(`${V1}/roles`, { ...f, data: { name: `${name}-foreign`, organizationID: admin.tenantId } }), "POST /roles");
    const email = uniqueEmail("foreign-bf");
    await bf404(await request.post(`${V1}/users`, { ...f, data: { email, password: "foreign-passphrase-1", organizationID: admin.tenantId } }), "POST /users");
    await bf404(await request.get(`${V1}/roles?${ourOrg}`, f), "GET /roles?organizations");
    await bf404(await request.put(`${V1}/users/${encodeURIComponent(member.email)}`, { ...f, data: { firstName: "Hijacked" } }), "PUT /users/{email}");

    const role = (await (await request.get(`${V1}/roles/${roleId}`, { headers: admin.h })).json()).results[0];
    expect(role).toMatchObject({ name, description: "ours", deleted: false });
    expect(role.permissions.map((p: { resource: string; action: string }) => `${p.resource}/${p.action}`)).toEqual(["Audit/Read"]);
    const names = ((await (await request.get(`${V1}/roles?records=500`, { headers: admin.h })).json()).results as { name: string }[]).map((r) => r.name);
    expect(names).not.toContain(`${name}-foreign`);
    expect((await request.get(`${V1}/users/username/${encodeURIComponent(email)}`, { headers: admin.h })).status()).toBe(404);
    const m = (await (await request.get(`${V1}/users/username/${encodeURIComponent(member.email)}`, { headers: admin.h })).json()).results[0];
    expect(m.username[0].firstName).not.toBe("Hijacked");
  });

  test("Forgiva: another user's vault objects do not exist for the caller", async ({ request }) => {
    const { admin, member, foreign } = await actors(request);
    const post = async (h: H, path: string, data: object = {}) => (await request.post(`${F}${path}`, { headers: h, data })).json();
    const top = (await post(member.h, "/metadata/groups")).groups[0].groupId;
    const entry = (await post(member.h, "/metadata/add", { metadata: { host: "mine.test", account: "me", complexity: 1, groupId: top }, passwordLength: 16, optUppercase: true, optLowercase: true, optNumbers: true, optSymbols: false })).affectedRecords[0];
    const snapshot = async () => ({ groups: await post(member.h, "/metadata/groups"), entries: await post(member.h, "/metadata/by_group", { groupId: top }) });
    const before = await snapshot();

    for (const other of [admin, foreign]) {
      expect(await post(other.h, "/generate", { metadataId: entry, masterKey: "k", visualConfirmation: "Fox" })).toEqual({ result: { error: "Invalid data" }, generatedPassword: "" });
      expect((await post(other.h, "/metadata/group/remove", { metadataGroupId: top })).error).toBeTruthy();
      const add = await post(other.h, "/metadata/add", { metadata: { host: "planted.test", account: "x", complexity: 1, groupId: top }, passwordLength: 16, optUppercase: true, optLowercase: true, optNumbers: true, optSymbols: false });
      expect(add.error).toBeTruthy();
      expect(await post(other.h, "/metadata/remove", { metadataId: entry })).toEqual({ error: "Metadata does not exists." });
      expect((await post(other.h, "/backup/export", { metadataGroupId: top })).error).toBeTruthy();
    }
    expect(await snapshot()).toEqual(before);
  });
});
