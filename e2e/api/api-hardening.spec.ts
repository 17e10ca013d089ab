import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { actors, bearer, IAM } from "../support/api";
import { createUser, freshStep, totp, uniqueEmail } from "../support/env";

const Q = "/api/1.0";
const V1 = "/api/v1";
const F = "/api/user";

async function loginIn(request: APIRequestContext, email: string, password: string, tenantId: string) {
  const res = await request.post(`${IAM}/Login`, { data: { loginId: email, password, tenantId } });
  expect(res.status(), await res.text()).toBe(200);
  return { Authorization: `Bearer ${(await res.json()).tokens.token}` };
}

test.describe("pending requirements are enforced on the API", () => {
  test("forced password change: only the password change (and Logout) is served until done", async ({ request }) => {
    const { admin } = await actors(request);
    const email = uniqueEmail("pending-pw");
    const reg = await request.post(`${IAM}/Register`, { headers: admin.h, data: { skipVerification: true, user: { email, password: "initial-passphrase-1", passwordChangeRequired: true } } });
    expect(reg.status(), await reg.text()).toBe(200);
    const h = await bearer(request, email, "initial-passphrase-1");

    const mine = await request.get(`${V1}/users/mine`, { headers: h });
    expect(mine.status()).toBe(403);
    expect(await mine.json()).toMatchObject({ errorType: "PermissionsError", errorMessage: expect.stringContaining("change your password") });
    const vault = await request.post(`${F}/metadata/groups`, { headers: h, data: {} });
    expect(vault.status()).toBe(403);
    expect((await vault.json()).error).toContain("change your password");
    expect((await request.get(`${V1}/users/generate-tokens`, { headers: h })).status()).toBe(403);

    const changed = await request.put(`${V1}/users/${encodeURIComponent(email)}/password`, { headers: h, data: { oldPassword: "initial-passphrase-1", newPassword: "changed-passphrase-2", confirmNewPassword: "changed-passphrase-2" } });
    expect(changed.status(), await changed.text()).toBe(200);
    expect((await request.get(`${V1}/users/mine`, { headers: h })).status()).toBe(200);
  });

  test("forced MFA: only enrolment (and Logout) is served until an authenticator is added", async ({ request }) => {
    const { admin, member } = await actors(request);
    expect((await request.post(`${Q}/user/set-mfa`, { headers: admin.h, data: { ids: [member.id], auth_type: "2FA", code: "x" } })).status()).toBe(200);
    const h = await bearer(request, member.email, member.password);

    const blocked = await request.get(`${Q}/user/metadata/${member.id}`, { headers: h });
    expect(blocked.status()).toBe(403);
    expect((await blocked.json()).msg).toContain("two-factor");
    const { secret } = await (await request.post(`${IAM}/GenerateSecretForQR`, { headers: h, data: {} })).json();
    expect(secret).toBeTruthy();
    await freshStep();
    const enabled = await request.post(`${IAM}/EnableUserMfa`, { headers: h, data: { userId: member.id, secret, code: totp(secret) } });
    expect(enabled.status(), await enabled.text()).toBe(200);
    expect((await request.get(`${Q}/user/metadata/${member.id}`, { headers: h })).status()).toBe(200);
  });
});

test.describe("users", () => {
  test("assigning roles or the admin role on create needs Role/Edit; bad input is 400, not 500", async ({ request }) => {
    const { admin } = await actors(request);
    const roleName = `creators-${Date.now()}`;
    const role = await request.post(`${V1}/roles`, { headers: admin.h, data: { name: roleName, permissions: [{ resource: "User", action: "Create" }, { resource: "User", action: "Read" }] } });
    expect(role.status()).toBe(200);
    const creator = createUser({ roles: [roleName] });
    const h = await bearer(request, creator.email, creator.password);

    const escalate = uniqueEmail("esc");
    expect((await request.post(`${V1}/users`, { headers: h, data: { email: escalate, password: "escalate-passphrase-1", roles: ["admin"] } })).status()).toBe(403);
    expect((await request.post(`${Q}/user/create`, { headers: h, data: { name: "Esc Alate", email: escalate, super_admin: "Y" } })).status()).toBe(403);
    expect((await request.post(`${IAM}/Register`, { headers: h, data: { registration: { roles: ["admin"] }, user: { email: escalate, password: "escalate-passphrase-1" } } })).status()).toBe(403);
    expect((await request.get(`${V1}/users/username/${encodeURIComponent(escalate)}`, { headers: admin.h })).status()).toBe(404);
    const plain = await request.post(`${V1}/users`, { headers: h, data: { email: uniqueEmail("plain"), password: "plain-passphrase-12" } });
    expect(plain.status(), await plain.text()).toBe(200);

    // Fields the surface accepts but the user model refuses: a clear 400 naming the field.
    const badUrl = uniqueEmail("badurl");
    const res = await request.post(`${IAM}/Register`, { headers: admin.h, data: { user: { email: badUrl, password: "bad-url-passphrase-1", imageUrl: "not a url" } } });
    expect(res.status(), await res.text()).toBe(400);
    expect((await res.json()).message).toContain("imageUrl");
    expect((await request.post(`${IAM}/GetUser`, { headers: admin.h, data: { email: badUrl } })).status()).toBe(404);
  });

  test("IamBackoffice Register: admin registration keeps registration.data; an invalid token is 401, not self-registration", async ({ request }) => {
    const { admin } = await actors(request);
    const email = uniqueEmail("regdata");
    const reg = await request.post(`${IAM}/Register`, { headers: admin.h, data: { registration: { data: { plan: "gold" } }, user: { email, password: "register-passphrase-1", data: { team: "blue" } } } });
    expect(reg.status(), await reg.text()).toBe(200);
    const got = (await (await request.post(`${IAM}/GetUser`, { headers: admin.h, data: { email } })).json()).user;
    expect(got.registrations[0].data).toEqual({ plan: "gold" });
    expect(got.data).toEqual({ team: "blue" });

    const stranger = uniqueEmail("stale");
    const stale = await request.post(`${IAM}/Register`, { headers: { Authorization: "Bearer not-a-real-token" }, data: { tenantId: admin.tenantId, user: { email: stranger, password: "stale-passphrase-1" } } });
    expect(stale.status()).toBe(401);
    expect(await stale.json()).toMatchObject({ code: 16 });
    expect((await request.post(`${IAM}/GetUser`, { headers: admin.h, data: { email: stranger } })).status()).toBe(404);
  });

  test("a super admin naming a tenant that does not exist gets 404, not a database error", async ({ request }) => {
    const { admin } = await actors(request);
    const sa = createUser({ superAdmin: true });
    const h = await loginIn(request, sa.email, sa.password, admin.tenantId);
    const nowhere = randomUUID();
    for (const res of [
      await request.post(`${V1}/roles`, { headers: h, data: { name: "ghost", organizationID: nowhere } }),
      await request.post(`${V1}/users`, { headers: h, data: { email: uniqueEmail("ghost"), password: "ghost-passphrase-12", organizationID: nowhere } }),
      await request.get(`${V1}/roles?organizations=${nowhere}`, { headers: h }),
    ]) {
      expect(res.status(), await res.text()).toBe(404);
      expect(await res.json()).toMatchObject({ errorType: "NotFound", errorMessage: "Tenant not found" });
    }
    const group = await request.post(`${IAM}/CreateGroup`, { headers: h, data: { tenantId: nowhere, name: "ghost" } });
    expect(group.status()).toBe(404);
    expect(await group.json()).toMatchObject({ code: 5, message: "Tenant not found" });
    // The super admin still acts in real tenants.
    expect((await request.get(`${V1}/roles?organizations=${admin.tenantId}`, { headers: h })).status()).toBe(200);
  });
});
