import { expect, test } from "@playwright/test";
import { actors } from "../support/api";
import { lookup, mismatch } from "../support/documented-models";
import { sqlAll } from "../support/sql";

/*
 * What a client generated from the four seed documents needs beyond status codes. Every answer
 * here (and in every other spec) is also checked against the documented models by the hook that
 * playwright.config.ts installs.
 */
const V1 = "/api/v1";
type Role = { id: string; name: string; permissions: { resource: string; action: string }[] };
const rolesOf = async (res: { status(): number; json(): Promise<{ results: Role[] }> }) => {
  expect(res.status()).toBe(200);
  return (await res.json()).results;
};

test("query booleans are read the way generated clients write them (True/False, any case, 1/0)", async ({ request }) => {
  const { admin } = await actors(request);
  const name = `retired-${Date.now()}`;
  const [role] = await rolesOf(await request.post(`${V1}/roles`, { headers: admin.h, data: { name, permissions: [{ resource: "User", action: "Read" }] } }));
  await rolesOf(await request.delete(`${V1}/roles/${role!.id}`, { headers: admin.h }));

  const listed = async (flag: string) => (await rolesOf(await request.get(`${V1}/roles?records=500&include_retired=${flag}`, { headers: admin.h }))).some((r) => r.id === role!.id);
  for (const yes of ["True", "true", "TRUE", "1"]) expect(await listed(yes), yes).toBe(true);
  for (const no of ["False", "false", "FALSE", "0"]) expect(await listed(no), no).toBe(false);

  expect((await request.get(`${V1}/roles/${role!.id}?include_retired=True`, { headers: admin.h })).status()).toBe(200);
  expect((await request.get(`${V1}/roles/${role!.id}?include_retired=False`, { headers: admin.h })).status()).toBe(404);

  const bad = await request.get(`${V1}/roles?include_retired=yes`, { headers: admin.h });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).errorMessage).toContain("include_retired");
});

test("every BillForward User we return carries its time zone", async ({ request }) => {
  const { admin } = await actors(request);
  for (const path of ["/users", "/users/flexcheck", "/users/invite"]) {
    const email = `tz-${Date.now()}-${path.length}@example.test`;
    const res = await request.post(`${V1}${path}`, { headers: admin.h, data: { email, ...(path === "/users/invite" ? {} : { password: "a-long-enough-passphrase-1" }) } });
    expect(res.status(), path).toBe(200);
    const { user } = (await res.json()).results[0];
    // Users created here have no zone of their own: UTC, in Java TimeZone terms (milliseconds).
    expect(user.timezone, path).toEqual({ id: "UTC", displayName: "Coordinated Universal Time", rawOffset: 0, dstsavings: 0 });
  }
});

test("BillForward shows only permissions it can name, and an update keeps the ones it cannot", async ({ request }) => {
  const { admin } = await actors(request);
  const name = `mixed-${Date.now()}`;
  // Role/Edit and Group/Read are ours; a BillForward client cannot decode them.
  const [role] = await rolesOf(
    await request.post(`${V1}/roles`, { headers: admin.h, data: { name, permissions: [{ resource: "User", action: "Read" }, { resource: "Role", action: "Edit" }, { resource: "Group", action: "Read" }] } }),
  );
  expect(role!.permissions.map((p) => `${p.resource}/${p.action}`)).toEqual(["User/Read"]);
  expect((await rolesOf(await request.get(`${V1}/roles/${role!.id}`, { headers: admin.h })))[0]!.permissions.map((p) => p.resource)).toEqual(["User"]);
  expect((await rolesOf(await request.get(`${V1}/roles?records=500`, { headers: admin.h }))).find((r) => r.id === role!.id)!.permissions).toHaveLength(1);

  // What a generated client sends back after reading the role: its (filtered) permissions included.
  const [updated] = await rolesOf(await request.put(`${V1}/roles`, { headers: admin.h, data: { id: role!.id, name: `${name}-renamed`, description: "renamed", permissions: role!.permissions } }));
  expect(updated!.name).toBe(`${name}-renamed`);

  const live = (await sqlAll<{ p: string }>("SELECT resource || '/' || action AS p FROM role_permissions WHERE role_id = $1 AND revoked_at IS NULL", [role!.id])).map((r) => r.p).sort();
  expect(live).toEqual(["Group/Read", "Role/Edit", "User/Read"]);
});

test("every operation we serve has a documented model to check its answers against", async ({ request }) => {
  const doc = await (await request.get("/api/openapi.json")).json();
  const missing: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, unknown>>))
    for (const method of Object.keys(methods)) {
      const found = lookup(method.toUpperCase(), path.replace(/\{[^}]+\}/g, "x"));
      if (found.kind !== "operation") missing.push(`${method.toUpperCase()} ${path}`);
    }
  expect(missing).toEqual([]);
});

test("the documented models refuse what generated clients refuse", () => {
  const json = "application/json";
  const role = lookup("GET", "/api/v1/roles/r1");
  const envelope = (permissions: object[]) => JSON.stringify({ executionTime: 1, results: [{ id: "r1", permissions }] });
  expect(mismatch(role, 200, envelope([{ resource: "User", action: "Read" }]), json)).toBeNull();
  expect(mismatch(role, 200, envelope([{ resource: "Role", action: "Read" }]), json)).toContain("resource");
  expect(mismatch(role, 200, JSON.stringify({ results: [] }), json)).toContain("executionTime");
  expect(mismatch(role, 200, JSON.stringify({ executionTime: 1, results: [{ created: "yesterday" }] }), json)).toContain("created");
  expect(mismatch(role, 404, JSON.stringify({ errorType: "NotFound", errorMessage: "x", errorParameters: [] }), json)).toBeNull();
  expect(mismatch(role, 404, JSON.stringify({ code: 5, message: "x" }), json)).not.toBeNull();

  const created = lookup("POST", "/api/v1/users");
  const user = { id: "u", organizationID: "o", enabled: true, flexcheckUser: false };
  const creation = (u: object) => JSON.stringify({ executionTime: 1, results: [{ user: u }] });
  expect(mismatch(created, 200, creation(user), json)).toContain("timezone");
  expect(mismatch(created, 200, creation({ ...user, timezone: { id: "UTC", displayName: "UTC", rawOffset: 0, dstsavings: 0 } }), json)).toBeNull();

  const quatrixCreate = lookup("POST", "/api/1.0/user/create");
  expect(mismatch(quatrixCreate, 200, "{}", json)).toContain("not documented");
  expect(mismatch(quatrixCreate, 201, JSON.stringify({ super_admin: "yes" }), json)).toContain("super_admin");
  expect(mismatch(quatrixCreate, 400, JSON.stringify({ msg: "bad" }), json)).toContain("code");
  expect(mismatch(lookup("POST", "/api/user/settings/get"), 401, "", "")).toBeNull();
  expect(mismatch(lookup("POST", "/api/iambackoffice.IamBackoffice/GetUser"), 200, JSON.stringify({ user: { insertInstant: 1700000000000 } }), json)).toContain("insertInstant");

  // A path under /api that no document describes fails unless it answers in its surface's error shape.
  expect(mismatch(lookup("GET", "/api/v1/something-new"), 200, "{}", json)).toContain("no documented operation");
  expect(mismatch(lookup("POST", "/api/iambackoffice.IamBackoffice/NoSuchMethod"), 404, JSON.stringify({ code: 5, message: "Unknown method", details: [] }), json)).toBeNull();
  expect(lookup("GET", "/api/openapi.json").kind).toBe("ours");
});
