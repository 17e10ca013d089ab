import { describe, expect, it } from "vitest";
import { handle } from "@/app/api/_shared/route";
import { createUserOp, deleteUsers, editUsers, setMfaOp } from "@/app/api/1.0/_ops/users";
import { AssignRoles } from "@/app/api/iambackoffice.IamBackoffice/_ops/groups-roles";
import { Login } from "@/app/api/iambackoffice.IamBackoffice/_ops/login";
import { Register } from "@/app/api/iambackoffice.IamBackoffice/_ops/users";
import { createUserLogin } from "@/app/api/v1/_ops/users";
import { createUser } from "@/lib/users/create";
import { callerOf, makeUser, PASSWORD, uniqueEmail } from "@/test/factories";

// Lists of role names, role codes and group ids are capped at 100 (they went whole into one
// `IN (…)`: a driver error, 500, past SQLite's variable limit), and a Quatrix quota at 2^31-1 (the
// column is a 32-bit integer: "integer out of range", 500, on PostgreSQL).

const ctx = { params: Promise.resolve({}) };
const many = (n: number) => Array.from({ length: n }, (_, i) => `role-${i}`);
const uuids = (n: number) => Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);

async function adminToken() {
  const admin = await makeUser({ roles: ["admin"] });
  const res = await handle(Login)(new Request(`http://localhost${Login.path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ loginId: admin.email, password: PASSWORD }) }), ctx);
  return { admin, token: ((await res.json()) as { tokens: { token: string } }).tokens.token };
}
const call = async (op: Parameters<typeof handle>[0], token: string, body: unknown) => {
  const res = await handle(op)(new Request(`http://localhost${op.path}`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(body) }), ctx);
  return { status: res.status, text: JSON.stringify(await res.json()) };
};

describe("role and group lists", () => {
  it("createUser refuses more than 100 roles or groups with a clear message", async () => {
    const admin = callerOf(await makeUser({ roles: ["admin"] }));
    await expect(createUser(admin, { email: uniqueEmail(), roles: many(40_000) })).rejects.toThrow("roles must list at most 100 entries");
    await expect(createUser(admin, { email: uniqueEmail(), groups: uuids(101) })).rejects.toThrow("groups must list at most 100 entries");
    await expect(createUser(admin, { email: uniqueEmail(), roles: ["nope"] })).rejects.toThrow("Unknown role: nope");
  });

  it("the APIs answer 400 for more than 100 entries", async () => {
    const { admin, token } = await adminToken();
    const bf = await call(createUserLogin, token, { email: uniqueEmail(), roles: many(40_000) });
    expect(bf).toMatchObject({ status: 400 });
    expect(bf.text).toContain("roles must list at most 100 entries");
    const codes = await call(AssignRoles, token, { loginId: admin.email, roleCodes: many(101) });
    expect(codes).toMatchObject({ status: 400 });
    expect(codes.text).toContain("roleCodes must list at most 100 entries");
    const reg = await call(Register, token, { registration: { roles: many(101) }, user: { email: uniqueEmail() } });
    expect(reg).toMatchObject({ status: 400 });
    expect(reg.text).toContain("registration.roles must list at most 100 entries");
    const qx = await call(createUserOp, token, { name: "Ada", email: uniqueEmail(), groups: uuids(40_000) });
    expect(qx).toMatchObject({ status: 400 });
    expect(qx.text).toContain("groups must list at most 100 entries");
  });
});

describe("Quatrix user ids", () => {
  it("edit, delete and MFA answer 400 past the bulk limit of 10,000 ids, before any is looked up", async () => {
    const { token } = await adminToken();
    for (const [op, extra] of [[editUsers, { status: "D" }], [deleteUsers, {}], [setMfaOp, { auth_type: "2FA" }]] as const) {
      const res = await call(op, token, { ids: uuids(10_001), ...extra });
      expect(res).toMatchObject({ status: 400 });
      expect(res.text).toContain("ids must name at most 10,000 users");
    }
  });
});

describe("Quatrix quota", () => {
  it("accepts 2^31-1 and answers 400 above it, on create and edit", async () => {
    const { token } = await adminToken();
    const ok = await call(createUserOp, token, { name: "Ada", email: uniqueEmail(), quota: 2_147_483_647 });
    expect(ok.status).toBe(201);
    const over = await call(createUserOp, token, { name: "Ada", email: uniqueEmail(), quota: 3_000_000_000 });
    expect(over).toMatchObject({ status: 400 });
    expect(over.text).toContain("quota must be at most 2147483647");
    const id = (JSON.parse(ok.text) as { id: string }).id;
    const edit = await call(editUsers, token, { ids: [id], quota: 3_000_000_000 });
    expect(edit).toMatchObject({ status: 400 });
    const admin = callerOf((await makeUser({ roles: ["admin"] })));
    await expect(createUser(admin, { email: uniqueEmail(), quota: 2 ** 31 })).rejects.toThrow("quota must be at most 2147483647");
  });
});
