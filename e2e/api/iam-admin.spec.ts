import { expect, test } from "@playwright/test";
import { actors, IAM } from "../support/api";
import { createUser } from "../support/env";

test.describe("IamBackoffice admin operations", () => {
  test("CreateGroup → SearchGroups by data (with filtersMask) → AssignUserToGroup", async ({ request }) => {
    const { admin, member, foreign } = await actors(request);
    const tag = `t${Date.now()}`;
    const created = await request.post(`${IAM}/CreateGroup`, { headers: admin.h, data: { tenantId: admin.tenantId, name: `Sales ${tag}`, data: { region: "emea", tag } } });
    expect(created.status()).toBe(200);
    const { group } = await created.json();
    expect(group.id).toMatch(/^[0-9a-f-]{36}$/);
    await request.post(`${IAM}/CreateGroup`, { headers: admin.h, data: { name: `Support ${tag}`, data: { region: "apac", tag } } });

    const search = async (data: Record<string, string>, filtersMask?: string) =>
      (await (await request.post(`${IAM}/SearchGroups`, { headers: admin.h, data: { tenantId: admin.tenantId, filters: { data }, filtersMask } })).json()).groups as { id: string }[];
    expect(await search({ region: "emea", tag })).toEqual([{ id: group.id }]);
    expect(await search({ region: "emea", tag }, "data.tag")).toHaveLength(2);
    expect(await search({ region: "nowhere", tag })).toEqual([]);

    const assign = await request.post(`${IAM}/AssignUserToGroup`, { headers: admin.h, data: { tenantId: admin.tenantId, userId: member.id, groupId: group.id } });
    expect(assign.status()).toBe(200);
    expect(await assign.json()).toEqual({});

    // A member may not create groups; another tenant's admin cannot see this tenant's group.
    expect((await request.post(`${IAM}/CreateGroup`, { headers: member.h, data: { name: `x ${tag}` } })).status()).toBe(403);
    const cross = await request.post(`${IAM}/AssignUserToGroup`, { headers: foreign.h, data: { userId: foreign.id, groupId: group.id } });
    expect(cross.status()).toBe(404);
    expect(await cross.json()).toMatchObject({ code: 5 });
    expect((await request.post(`${IAM}/SearchGroups`, { data: {} })).status()).toBe(401);
  });

  test("invalid CreateGroup is a 400 RpcStatus and creates nothing", async ({ request }) => {
    const { admin } = await actors(request);
    const name = `Dup ${Date.now()}`;
    expect((await request.post(`${IAM}/CreateGroup`, { headers: admin.h, data: { name } })).status()).toBe(200);
    const dup = await request.post(`${IAM}/CreateGroup`, { headers: admin.h, data: { name } });
    expect(dup.status()).toBe(409);
    expect((await dup.json()).code).toBe(6);
    const bad = await request.post(`${IAM}/CreateGroup`, { headers: admin.h, data: { name: "", data: { k: 1 } } });
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 3, message: expect.stringContaining("name") });
  });

  test("AssignRoles / UnassignRoles return the resulting role codes; roles take effect at once", async ({ request }) => {
    const { admin, member, foreign } = await actors(request);
    const before = await request.post(`${IAM}/GetUser`, { headers: member.h, data: { userId: admin.id } });
    expect(before.status()).toBe(403);
    const res = await request.post(`${IAM}/AssignRoles`, { headers: admin.h, data: { loginId: member.email, tenantId: admin.tenantId, roleCodes: ["admin"] } });
    expect(await res.json()).toEqual({ roleCodes: ["admin"] });
    expect((await request.post(`${IAM}/GetUser`, { headers: member.h, data: { userId: admin.id } })).status()).toBe(200);
    const un = await request.post(`${IAM}/UnassignRoles`, { headers: admin.h, data: { loginId: member.email, tenantId: admin.tenantId, roleCodes: ["admin"] } });
    expect(await un.json()).toEqual({ roleCodes: [] });
    expect((await request.post(`${IAM}/GetUser`, { headers: member.h, data: { userId: admin.id } })).status()).toBe(403);

    const unknown = await request.post(`${IAM}/AssignRoles`, { headers: admin.h, data: { loginId: member.email, roleCodes: ["no-such-role"] } });
    expect(unknown.status()).toBe(400);
    expect((await unknown.json()).message).toContain("no-such-role");
    const cross = await request.post(`${IAM}/AssignRoles`, { headers: foreign.h, data: { loginId: member.email, roleCodes: ["admin"] } });
    expect(cross.status()).toBe(404);
    // Nobody learns who has an account elsewhere: an admin's login in another tenant answers like
    // no account at all, 403 without Role/Edit and 404 with it, before the role names are looked at.
    for (const loginId of [foreign.email, `nobody-${Date.now()}@example.test`]) {
      expect((await request.post(`${IAM}/AssignRoles`, { headers: member.h, data: { loginId, roleCodes: ["admin"] } })).status()).toBe(403);
      const hidden = await request.post(`${IAM}/UnassignRoles`, { headers: admin.h, data: { loginId, roleCodes: ["no-such-role"] } });
      expect(hidden.status()).toBe(404);
      expect((await hidden.json()).message).toBe("User not found");
    }
  });

  test("GetUser by id, email and username; other tenants' users are not found", async ({ request }) => {
    const { admin, member, foreign } = await actors(request);
    for (const by of [{ userId: member.id }, { email: member.email.toUpperCase() }]) {
      const res = await request.post(`${IAM}/GetUser`, { headers: admin.h, data: { tenantId: admin.tenantId, ...by } });
      expect(res.status()).toBe(200);
      const { user } = await res.json();
      expect(user).toMatchObject({ id: member.id, email: member.email, active: true, registrations: [{ tenantId: admin.tenantId, roles: [] }] });
      expect(user.password).toBeUndefined();
      expect(user.twoFactor).toEqual({ methods: [], recoveryCodes: [] });
    }
    expect((await request.post(`${IAM}/GetUser`, { headers: foreign.h, data: { userId: member.id } })).status()).toBe(404);
    expect((await request.post(`${IAM}/GetUser`, { headers: admin.h, data: {} })).status()).toBe(400);
  });

  test("Register: admin registration with roles; anonymous refused unless the tenant allows it", async ({ request }) => {
    const { admin, member } = await actors(request);
    const email = `reg-${Date.now()}@example.test`;
    const res = await request.post(`${IAM}/Register`, {
      headers: admin.h,
      data: { tenantId: admin.tenantId, registration: { tenantId: admin.tenantId, roles: ["member"], data: { plan: "pro" }, timezone: "Europe/Paris" }, user: { email, firstName: "Reg", lastName: "Istered", password: "a-solid-passphrase-9" }, skipVerification: true },
    });
    expect(res.status(), await res.text()).toBe(200);
    const body = await res.json();
    expect(body.user).toMatchObject({ email, firstName: "Reg", verified: true });
    expect(body.registration).toMatchObject({ tenantId: admin.tenantId, roles: ["member"] });
    expect(body.tokens).toBeUndefined();

    const dup = await request.post(`${IAM}/Register`, { headers: admin.h, data: { user: { email, password: "a-solid-passphrase-9" } } });
    expect(dup.status()).toBe(409);
    const anon = await request.post(`${IAM}/Register`, { data: { tenantId: admin.tenantId, user: { email: `anon-${Date.now()}@example.test`, password: "a-solid-passphrase-9" } } });
    expect(anon.status()).toBe(403);
    expect((await request.post(`${IAM}/Register`, { headers: member.h, data: { user: { email: `m-${Date.now()}@example.test` } } })).status()).toBe(403);
    const bad = await request.post(`${IAM}/Register`, { headers: admin.h, data: { user: { email: "not-an-email" } } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).message).toContain("user.email");
  });

  test("unknown method answers 404 RpcStatus", async ({ request }) => {
    const admin = createUser({ roles: ["admin"] });
    expect(admin.id).toBeTruthy();
    const res = await request.post(`${IAM}/NoSuchMethod`, { data: {} });
    expect(res.status()).toBe(404);
    expect((await res.json()).code).toBe(5);
  });
});
