import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { rolePermissions, roles } from "@/db/schema";
import { can, permissionsOf } from "@/lib/authz/caller";
import { AppError } from "@/lib/errors";
import { callerOf, makeTenant, makeUser } from "@/test/factories";
import { assignRoles, createRole, getRole, listHolders, restoreRole, retireRole, revokePermission, roleCodesOf, unassignRoles, updateRole } from "./roles";

const failure = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (e) {
    if (e instanceof AppError) return { kind: e.kind, message: e.message };
    throw e;
  }
  throw new Error("expected a refusal");
};

async function tenantAdmin() {
  const t = await makeTenant();
  const admin = await makeUser({ roles: ["admin"], tenantId: t.id });
  return { t, admin, caller: callerOf(admin, t.id) };
}

const activePairs = (roleId: string) =>
  db.select({ resource: rolePermissions.resource, action: rolePermissions.action }).from(rolePermissions).where(and(eq(rolePermissions.roleId, roleId), isNull(rolePermissions.revokedAt)));
const defaults = async (tenantId: string) => (await db.select({ name: roles.name }).from(roles).where(and(eq(roles.tenantId, tenantId), eq(roles.isDefault, true)))).map((r) => r.name);

describe("the built-in admin role", () => {
  it("takes a new description and default flag, but never loses All/All", async () => {
    const { t, caller } = await tenantAdmin();
    const admin = await getRole(caller, "admin");
    await updateRole(caller, "admin", { description: "Runs the tenant" });
    expect((await getRole(caller, "admin")).description).toBe("Runs the tenant");

    expect(await failure(() => updateRole(caller, "admin", { permissions: [] }))).toMatchObject({ kind: "precondition" });
    expect(await failure(() => revokePermission(caller, "admin", "All", "All"))).toMatchObject({ kind: "precondition", message: /always holds every permission/ });
    expect(await activePairs(admin.id)).toEqual([{ resource: "All", action: "All" }]);
    // The admin still administers on the next request.
    expect(await can(caller, "Role", "Edit")).toBe(true);
    expect(await defaults(t.id)).toEqual(["member"]);
  });

  it("cannot be removed from oneself, but another admin can remove it", async () => {
    const { t, admin, caller } = await tenantAdmin();
    expect(await failure(() => unassignRoles(caller, admin.id, t.id, ["admin"]))).toMatchObject({ kind: "precondition", message: /yourself/ });
    expect(await roleCodesOf(admin.id, t.id)).toEqual(["admin"]);
    const other = await makeUser({ roles: ["admin"], tenantId: t.id });
    await unassignRoles(callerOf(other, t.id), admin.id, t.id, ["admin"]);
    expect(await roleCodesOf(admin.id, t.id)).toEqual([]);
  });
});

describe("revoking one permission", () => {
  it("takes it from holders on their next request and leaves the others", async () => {
    const { t, caller } = await tenantAdmin();
    const role = await createRole(caller, { name: "auditors", permissions: [{ resource: "Audit", action: "Read" }, { resource: "User", action: "Read" }] });
    const holder = await makeUser({ tenantId: t.id, roles: ["auditors"] });
    expect(await can(callerOf(holder, t.id), "Audit", "Read")).toBe(true);
    await revokePermission(caller, role.id, "Audit", "Read");
    expect(await can(callerOf(holder, t.id), "Audit", "Read")).toBe(false);
    expect(await permissionsOf(holder.id, t.id)).toEqual([{ resource: "User", action: "Read" }]);
    expect(await failure(() => revokePermission(caller, role.id, "Audit", "Read"))).toMatchObject({ kind: "not_found" });
  });
});

describe("default role", () => {
  it("is at most one per tenant: a new default clears the old one, other tenants untouched", async () => {
    const { t, caller } = await tenantAdmin();
    const other = await makeTenant();
    await createRole(caller, { name: "first", defaultRole: true });
    expect(await defaults(t.id)).toEqual(["first"]);
    const second = await createRole(caller, { name: "second" });
    await updateRole(caller, second.id, { defaultRole: true });
    expect(await defaults(t.id)).toEqual(["second"]);
    await updateRole(caller, "admin", { defaultRole: true });
    expect(await defaults(t.id)).toEqual(["admin"]);
    expect(await defaults(other.id)).toEqual(["member"]);
    // A failing update (name clash) rolls back the default switch with it.
    expect(await failure(() => updateRole(caller, second.id, { name: "first", defaultRole: true }))).toMatchObject({ kind: "conflict" });
    expect(await defaults(t.id)).toEqual(["admin"]);
  });
});

describe("role holders", () => {
  it("lists, assigns and unassigns holders inside the role's tenant only", async () => {
    const { t, caller } = await tenantAdmin();
    const role = await createRole(caller, { name: "support", permissions: [{ resource: "User", action: "Read" }] });
    const a = await makeUser({ tenantId: t.id });
    const b = await makeUser({ tenantId: t.id });
    await assignRoles(caller, a.id, t.id, [role.id]);
    await assignRoles(caller, b.id, t.id, [role.id]);
    expect(await listHolders(caller, role.id)).toMatchObject({ total: 2, rows: [a, b].sort((x, y) => x.email.localeCompare(y.email)).map((u) => ({ id: u.id })) });
    expect((await listHolders(caller, role.id, { records: 1, offset: 1 })).rows).toHaveLength(1);
    await unassignRoles(caller, a.id, t.id, [role.id]);
    expect(await roleCodesOf(a.id, t.id)).toEqual([]);
    expect(await listHolders(caller, role.id)).toMatchObject({ total: 1, rows: [{ id: b.id }] });

    const outsider = await makeUser();
    expect(await failure(() => assignRoles(caller, outsider.id, t.id, [role.id]))).toMatchObject({ kind: "not_found" });
    const foreign = await tenantAdmin();
    expect(await failure(() => listHolders(foreign.caller, role.id))).toMatchObject({ kind: "not_found" });
    const member = callerOf(b, t.id);
    expect(await failure(() => assignRoles(member, a.id, t.id, [role.id]))).toMatchObject({ kind: "forbidden" });
  });
});

describe("retiring the default role", () => {
  it("needs another live role to take the default over, in the same change", async () => {
    const { t, caller } = await tenantAdmin();
    const old = await createRole(caller, { name: "staff", defaultRole: true, permissions: [{ resource: "Audit", action: "Read" }] });
    const next = await createRole(caller, { name: "readers", permissions: [{ resource: "User", action: "Read" }] });
    const gone = await createRole(caller, { name: "gone" });
    await retireRole(caller, gone.id);
    expect(await defaults(t.id)).toEqual(["staff"]);

    // Itself, a retired role or an unknown one cannot take over: refused, nothing changes.
    for (const heir of [undefined, old.id, gone.id, "no-such-role"])
      expect(await failure(() => retireRole(caller, old.id, undefined, { newDefault: heir }))).toMatchObject({ kind: "validation", message: /Choose another live role/ });
    expect((await getRole(caller, old.id)).revokedAt).toBeNull();
    expect(await defaults(t.id)).toEqual(["staff"]);

    await retireRole(caller, old.id, undefined, { newDefault: next.id });
    expect(await defaults(t.id)).toEqual(["readers"]);
    // Members without a role now get the new default's permissions.
    const plain = await makeUser({ tenantId: t.id });
    expect(await permissionsOf(plain.id, t.id)).toEqual([{ resource: "User", action: "Read" }]);

    // By name too (BillForward DELETE /roles/{role} hands the default to the built-in member role).
    await retireRole(caller, next.id, undefined, { newDefault: "member" });
    expect(await defaults(t.id)).toEqual(["member"]);
  });

  it("refuses a new default carrying permissions the caller does not hold", async () => {
    const { t, caller } = await tenantAdmin();
    const wide = await createRole(caller, { name: "wide", permissions: [{ resource: "User", action: "Delete" }] });
    const mine = await createRole(caller, { name: "mine", defaultRole: true, permissions: [{ resource: "Role", action: "Read" }] });
    const narrow = await makeUser({ tenantId: t.id });
    const retirer = await createRole(caller, { name: "retirer", permissions: [{ resource: "Role", action: "Read" }, { resource: "Role", action: "Delete" }, { resource: "Role", action: "Edit" }] });
    await assignRoles(caller, narrow.id, t.id, [retirer.id]);
    expect(await failure(() => retireRole(callerOf(narrow, t.id), mine.id, undefined, { newDefault: wide.id }))).toMatchObject({ kind: "forbidden" });
    expect(await defaults(t.id)).toEqual(["mine"]);
    expect((await getRole(caller, mine.id)).revokedAt).toBeNull();
  });
});

describe("restoring a retired role", () => {
  it("brings back its permissions for its holders, not the default flag", async () => {
    const { t, caller } = await tenantAdmin();
    const role = await createRole(caller, { name: "auditors", defaultRole: true, permissions: [{ resource: "Audit", action: "Read" }] });
    const holder = await makeUser({ tenantId: t.id, roles: ["auditors"] });
    expect(await failure(() => restoreRole(caller, role.id))).toMatchObject({ kind: "precondition", message: /not retired/ });
    await retireRole(caller, role.id, undefined, { newDefault: "member" });
    expect(await can(callerOf(holder, t.id), "Audit", "Read")).toBe(false);

    const back = await restoreRole(caller, role.id);
    expect(back).toMatchObject({ revokedAt: null, isDefault: false, permissions: [{ resource: "Audit", action: "Read" }] });
    expect(await can(callerOf(holder, t.id), "Audit", "Read")).toBe(true);
    expect(await defaults(t.id)).toEqual(["member"]);
  });
});
