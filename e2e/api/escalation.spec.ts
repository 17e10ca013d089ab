import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { bearer, IAM } from "../support/api";
import { denialsBy, grantSnapshot } from "../support/db-snapshot";
import { createUser, uniqueEmail } from "../support/env";

/**
 * The escalation rule on every API: identities holding exactly one narrow permission try each
 * path to more (giving themselves or others a role, shaping a role, taking over a stronger
 * account). Every attempt answers 403 naming what is missing, records one "authz.denied" event,
 * and nothing changes.
 */
// Each identity is created through the CLI (several seconds on a loaded machine): allow for it.
test.describe.configure({ timeout: 120_000 });

const Q = "/api/1.0";
const V1 = "/api/v1";
const ALL = { resource: "All", action: "All" };

type H = Record<string, string>;
type Actor = { id: string; email: string; password: string; h: H };

async function world(request: APIRequestContext) {
  const a = createUser({ roles: ["admin"] });
  const admin: Actor = { ...a, h: await bearer(request, a.email, a.password) };
  const member = createUser();
  const group = await request.post(`${IAM}/CreateGroup`, { headers: admin.h, data: { name: `esc-${Date.now().toString(36)}` } });
  expect(group.status(), await group.text()).toBe(200);
  return { admin, member, groupId: (await group.json()).group.id as string };
}

/** A user whose only role carries exactly one permission pair. */
async function holderOf(request: APIRequestContext, admin: Actor, resource: string, action: string): Promise<Actor> {
  const name = `only-${resource}-${action}-${Date.now().toString(36)}`;
  const role = await request.post(`${V1}/roles`, { headers: admin.h, data: { name, permissions: [{ resource, action }] } });
  expect(role.status(), await role.text()).toBe(200);
  const u = createUser({ roles: [name] });
  return { ...u, h: await bearer(request, u.email, u.password) };
}

/** Runs each attempt: 403 naming what is missing, one recorded refusal each, no change at all. */
async function refusedAll(actor: Actor, attempts: [string, () => Promise<APIResponse>][]) {
  const before = grantSnapshot();
  for (const [what, attempt] of attempts) {
    const seen = denialsBy(actor.id).length;
    const res = await attempt();
    const text = await res.text();
    expect(res.status(), `${what}: ${text}`).toBe(403);
    const denials = denialsBy(actor.id);
    expect(denials.length, `${what} records one refusal`).toBe(seen + 1);
    const last = denials.at(-1)!;
    // The answer names what is missing: it is the recorded reason.
    expect(text, what).toContain(JSON.stringify(last.reason).slice(1, -1));
    expect(last.reason, what).toMatch(/[A-Za-z]+\/[A-Za-z]+/);
  }
  expect(grantSnapshot()).toEqual(before);
}

const roleCodes = async (request: APIRequestContext, admin: Actor, userId: string) =>
  (await (await request.post(`${IAM}/GetUser`, { headers: admin.h, data: { userId } })).json()).user.registrations[0].roles as string[];

test("Role/Edit alone gives no role it does not hold, takes none away, shapes no role", async ({ request }) => {
  const { admin, member } = await world(request);
  const me = await holderOf(request, admin, "Role", "Edit");
  await refusedAll(me, [
    ["AssignRoles admin to oneself", () => request.post(`${IAM}/AssignRoles`, { headers: me.h, data: { loginId: me.email, roleCodes: ["admin"] } })],
    ["AssignRoles admin to a member", () => request.post(`${IAM}/AssignRoles`, { headers: me.h, data: { loginId: member.email, roleCodes: ["admin"] } })],
    ["UnassignRoles admin from the admin", () => request.post(`${IAM}/UnassignRoles`, { headers: me.h, data: { loginId: admin.email, roleCodes: ["admin"] } })],
    ["Quatrix super_admin Y on oneself", () => request.post(`${Q}/user/edit`, { headers: me.h, data: { ids: [me.id], super_admin: "Y" } })],
    ["Quatrix super_admin N on the admin", () => request.post(`${Q}/user/edit`, { headers: me.h, data: { ids: [admin.id], super_admin: "N" } })],
    ["BillForward admin as default role", () => request.put(`${V1}/roles`, { headers: me.h, data: { id: "admin", defaultRole: true } })],
    ["BillForward All/All role", () => request.post(`${V1}/roles`, { headers: me.h, data: { name: `x-${randomUUID()}`, permissions: [ALL] } })],
    ["BillForward user with the admin role", () => request.post(`${V1}/users`, { headers: me.h, data: { email: uniqueEmail("esc"), password: "escalate-passphrase-1", roles: ["admin"] } })],
  ]);
  expect(await roleCodes(request, admin, me.id)).not.toContain("admin");
  expect(await roleCodes(request, admin, admin.id)).toEqual(["admin"]);
  // A role within reach (member carries nothing) can still be given: the refusals are the rule, not a blanket ban.
  const ok = await request.post(`${IAM}/AssignRoles`, { headers: me.h, data: { loginId: member.email, roleCodes: ["member"] } });
  expect(ok.status(), await ok.text()).toBe(200);
});

test("Role/Create alone creates no role carrying more, and no default role carrying more", async ({ request }) => {
  const { admin } = await world(request);
  const me = await holderOf(request, admin, "Role", "Create");
  const role = (permissions: object[], extra: object = {}) => () => request.post(`${V1}/roles`, { headers: me.h, data: { name: `esc-${randomUUID()}`, permissions, ...extra } });
  await refusedAll(me, [
    ["All/All default role", role([ALL], { defaultRole: true })],
    ["All/All role", role([ALL])],
    ["All/Create role", role([{ resource: "All", action: "Create" }])],
    ["Role/Edit role", role([{ resource: "Role", action: "Create" }, { resource: "Role", action: "Edit" }])],
    ["Role/All role", role([{ resource: "Role", action: "All" }])],
    ["AssignRoles admin to oneself", () => request.post(`${IAM}/AssignRoles`, { headers: me.h, data: { loginId: me.email, roleCodes: ["admin"] } })],
  ]);
  // A member without a role still falls back to a default role that grants nothing.
  const stranger = createUser();
  const h = await bearer(request, stranger.email, stranger.password);
  expect((await request.get(`${Q}/user`, { headers: h })).status()).toBe(403);
  expect((await role([{ resource: "Role", action: "Create" }])()).status()).toBe(200);
});

test("User/Edit alone changes no account stronger than its own and grants no role or group", async ({ request }) => {
  const { admin, member, groupId } = await world(request);
  const me = await holderOf(request, admin, "User", "Edit");
  const edit = (data: object) => () => request.post(`${Q}/user/edit`, { headers: me.h, data });
  await refusedAll(me, [
    ["Quatrix email of the admin", edit({ ids: [admin.id], email: uniqueEmail("takeover") })],
    ["Quatrix name of the admin", edit({ ids: [admin.id], name: "Mallory Evil" })],
    ["Quatrix deactivate the admin", edit({ ids: [admin.id], status: "D" })],
    ["Quatrix super_admin Y on oneself", edit({ ids: [me.id], super_admin: "Y" })],
    ["Quatrix groups on oneself", edit({ ids: [me.id], groups: [groupId] })],
    ["Quatrix groups on a member", edit({ ids: [member.id], groups: [groupId] })],
    ["IamBackoffice remove the admin's MFA", () => request.post(`${IAM}/DisableUserMfa`, { headers: me.h, data: { userId: admin.id, code: "123456", methodId: randomUUID() } })],
    ["Quatrix PIN on the admin", () => request.post(`${Q}/user/set-mfa`, { headers: me.h, data: { ids: [admin.id], auth_type: "PIN", code: "1234" } })],
    ["Quatrix delete the admin", () => request.post(`${Q}/user/delete`, { headers: me.h, data: { ids: [admin.id] } })],
    ["BillForward rename the admin", () => request.put(`${V1}/users/${encodeURIComponent(admin.email)}`, { headers: me.h, data: { firstName: "Mallory" } })],
  ]);
  // The admin still signs in with their own address and password.
  expect((await request.post(`${IAM}/Login`, { data: { loginId: admin.email, password: admin.password } })).status()).toBe(200);
  // Within reach (a member holds nothing) the edit works.
  const ok = await edit({ ids: [member.id], name: "Renamed Member" })();
  expect(ok.status(), await ok.text()).toBe(200);
});

test("User/Create alone creates no admin and places nobody in a group", async ({ request }) => {
  const { admin, groupId } = await world(request);
  const me = await holderOf(request, admin, "User", "Create");
  await refusedAll(me, [
    ["Quatrix create with super_admin Y", () => request.post(`${Q}/user/create`, { headers: me.h, data: { name: "Esc Alate", email: uniqueEmail("esc"), super_admin: "Y" } })],
    ["Quatrix create with groups", () => request.post(`${Q}/user/create`, { headers: me.h, data: { name: "Esc Alate", email: uniqueEmail("esc"), groups: [groupId] } })],
    ["BillForward create with the admin role", () => request.post(`${V1}/users`, { headers: me.h, data: { email: uniqueEmail("esc"), password: "escalate-passphrase-1", roles: ["admin"] } })],
    ["BillForward flexcheck with the admin role", () => request.post(`${V1}/users/flexcheck`, { headers: me.h, data: { email: uniqueEmail("esc"), password: "escalate-passphrase-1", roles: ["admin"] } })],
    ["BillForward invite with the admin role", () => request.post(`${V1}/users/invite`, { headers: me.h, data: { email: uniqueEmail("esc"), roles: ["admin"] } })],
    ["IamBackoffice Register with the admin role", () => request.post(`${IAM}/Register`, { headers: me.h, data: { registration: { roles: ["admin"] }, user: { email: uniqueEmail("esc"), password: "escalate-passphrase-1" } } })],
  ]);
  const ok = await request.post(`${V1}/users`, { headers: me.h, data: { email: uniqueEmail("plain"), password: "plain-passphrase-12" } });
  expect(ok.status(), await ok.text()).toBe(200);
});

test("Group/Edit alone grants no role and changes no account", async ({ request }) => {
  const { admin, groupId } = await world(request);
  const me = await holderOf(request, admin, "Group", "Edit");
  await refusedAll(me, [
    ["AssignRoles admin to oneself", () => request.post(`${IAM}/AssignRoles`, { headers: me.h, data: { loginId: me.email, roleCodes: ["admin"] } })],
    ["Quatrix super_admin Y on oneself", () => request.post(`${Q}/user/edit`, { headers: me.h, data: { ids: [me.id], super_admin: "Y" } })],
    ["Quatrix rename the admin (with groups)", () => request.post(`${Q}/user/edit`, { headers: me.h, data: { ids: [admin.id], groups: [groupId], name: "Hijacked" } })],
    ["BillForward Group/Edit role", () => request.post(`${V1}/roles`, { headers: me.h, data: { name: `esc-${randomUUID()}`, permissions: [{ resource: "Group", action: "Edit" }] } })],
    ["Quatrix create with groups", () => request.post(`${Q}/user/create`, { headers: me.h, data: { name: "Esc Alate", email: uniqueEmail("esc"), groups: [groupId] } })],
  ]);
});
