import { expect, test } from "@playwright/test";
import { actors } from "../support/api";
import { sqlGet, sqlTables } from "../support/sql";

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
}

interface Op {
  path: string;
  method: string;
  operationId: string;
  security: unknown[];
  requestBody?: { content: { "application/json": { schema: JsonSchema } } };
}

/** A value of the wrong type for a property: an object where a scalar or array is expected, else a number. */
const wrongFor = (s: JsonSchema) => (s.type === "object" || s.anyOf?.some((a) => a.type === "object") ? 12345 : { wrong: [1] });

/** Row counts of every table a request could write to, except the logs and counters a refusal writes. */
async function rowCounts() {
  const volatile = new Set(["audit_events", "throttles", "sessions", "api_tokens", "emails"]);
  const counts: Record<string, number> = {};
  for (const t of (await sqlTables()).filter((name) => !volatile.has(name))) counts[t] = Number((await sqlGet<{ n: number }>(`SELECT count(*) AS n FROM "${t}"`))!.n);
  return counts;
}

/** Every operation from the OpenAPI document, with path parameters filled with a harmless UUID. */
async function operations(request: import("@playwright/test").APIRequestContext) {
  const doc = await (await request.get("/api/openapi.json")).json();
  const ops: Op[] = [];
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, Omit<Op, "path" | "method">>>))
    for (const [method, op] of Object.entries(methods)) ops.push({ ...op, method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, "00000000-0000-4000-8000-000000000000") });
  return ops;
}

const ADMIN_OPS = [
  "IamBackoffice_AssignRoles", "IamBackoffice_UnassignRoles", "IamBackoffice_AssignUserToGroup", "IamBackoffice_CreateGroup", "IamBackoffice_SearchGroups",
  "Quatrix_userGet", "Quatrix_userCreatePost", "Quatrix_userDeletePost", "Quatrix_userGroupGet", "Quatrix_userSetMfaPost", "Quatrix_userRemoveMfaPost", "Quatrix_userResetMfaPost",
  "BillForward_create_user_login", "BillForward_create_flexcheck_user_login", "BillForward_invite_user_login", "BillForward_get_simple_all_users",
  "BillForward_get_all_roles", "BillForward_create_role", "BillForward_update_role", "BillForward_revoke_role", "BillForward_remove_permission_from_role",
];

test("every operation that needs a token answers 401 without one", async ({ request }) => {
  const ops = await operations(request);
  expect(ops).toHaveLength(60);
  let checked = 0;
  for (const op of ops.filter((o) => o.security.length > 0 && !(o.security as object[]).some((s) => Object.keys(s).length === 0))) {
    const res = await request.fetch(op.path, { method: op.method, data: op.method === "GET" || op.method === "DELETE" ? undefined : {} });
    expect(res.status(), `${op.method} ${op.path}`).toBe(401);
    checked++;
  }
  expect(checked).toBeGreaterThanOrEqual(50);
});

test("every operation with a body answers 400 to malformed JSON, in its own error shape", async ({ request }) => {
  const { admin } = await actors(request);
  for (const op of (await operations(request)).filter((o) => o.requestBody)) {
    const res = await request.fetch(op.path, { method: op.method, headers: { ...admin.h, "content-type": "application/json" }, data: "{ not json" });
    expect(res.status(), `${op.method} ${op.path}`).toBe(400);
    const body = await res.json();
    expect(body.message ?? body.msg ?? body.errorMessage ?? body.error, `${op.method} ${op.path}`).toBeTruthy();
  }
});

test("a member calling an admin operation gets 403 and nothing changes", async ({ request }) => {
  const { member, admin } = await actors(request);
  const ops = (await operations(request)).filter((o) => ADMIN_OPS.includes(o.operationId));
  expect(ops).toHaveLength(ADMIN_OPS.length);
  const valid: Record<string, unknown> = {
    IamBackoffice_AssignRoles: { loginId: member.email, roleCodes: ["admin"] },
    IamBackoffice_UnassignRoles: { loginId: admin.email, roleCodes: ["admin"] },
    IamBackoffice_AssignUserToGroup: { userId: member.id, groupId: "00000000-0000-4000-8000-000000000000" },
    IamBackoffice_CreateGroup: { name: "member-made" },
    IamBackoffice_SearchGroups: {},
    Quatrix_userCreatePost: { name: "X", email: "member-made@example.test" },
    Quatrix_userDeletePost: { ids: [admin.id] },
    Quatrix_userSetMfaPost: { ids: [admin.id], auth_type: "2FA", code: "x" },
    Quatrix_userRemoveMfaPost: { ids: [admin.id], auth_type: "2FA" },
    Quatrix_userResetMfaPost: { ids: [admin.id], auth_type: "2FA" },
    BillForward_create_user_login: { email: "member-made2@example.test", password: "member-made-pass-1" },
    BillForward_create_flexcheck_user_login: { email: "member-made3@example.test", password: "member-made-pass-1" },
    BillForward_invite_user_login: { email: "member-made4@example.test" },
    BillForward_create_role: { name: "member-made" },
    BillForward_update_role: { id: "member", name: "member-renamed" },
  };
  for (const op of ops) {
    const res = await request.fetch(op.path, { method: op.method, headers: member.h, data: op.method === "GET" ? undefined : (valid[op.operationId] ?? {}) });
    expect(res.status(), `${op.method} ${op.path}`).toBe(403);
  }
  // Nothing happened: the member is still no admin, the admin still is and still exists.
  const roles = await (await request.post("/api/iambackoffice.IamBackoffice/GetUser", { headers: admin.h, data: { userId: member.id } })).json();
  expect(roles.user.registrations[0].roles).toEqual([]);
  const me = await (await request.post("/api/iambackoffice.IamBackoffice/GetUser", { headers: admin.h, data: { userId: admin.id } })).json();
  expect(me.user.registrations[0].roles).toEqual(["admin"]);
  expect((await request.get("/api/1.0/user/metadata/" + admin.id, { headers: admin.h })).status()).toBe(200);
  expect((await request.get("/api/v1/roles/member", { headers: admin.h })).status()).toBe(200);
});

test("every operation answers 400 naming a field to a body of the wrong shape, and nothing changes", async ({ request }) => {
  const { admin } = await actors(request);
  const before = await rowCounts();
  let checked = 0;
  for (const op of (await operations(request)).filter((o) => o.requestBody)) {
    const schema = op.requestBody!.content["application/json"].schema;
    const props = Object.entries(schema.properties ?? {}).filter(([, p]) => Object.keys(p).length > 0);
    if (!props.length) continue;
    const data = Object.fromEntries(props.map(([k, p]) => [k, wrongFor(p)]));
    const res = await request.fetch(op.path, { method: op.method, headers: admin.h, data });
    const where = `${op.method} ${op.path}`;
    expect(res.status(), where).toBe(400);
    const text = await res.text();
    expect(props.some(([k]) => text.includes(k)), `${where} names a field: ${text}`).toBe(true);
    checked++;
  }
  expect(checked).toBeGreaterThanOrEqual(40);
  expect(await rowCounts()).toEqual(before);
});
