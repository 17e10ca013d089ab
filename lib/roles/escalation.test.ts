import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, membershipRoles, rolePermissions, roles } from "@/db/schema";
import { permissionsOf } from "@/lib/authz/caller";
import { runBulk } from "@/lib/users/bulk";
import { createUser } from "@/lib/users/create";
import { callerOf, makeRoleWith, makeTenant, makeUser, membershipCount, uniqueEmail } from "@/test/factories";
import { assignRoles, createRole, getRole, memberByLogin, retireRole, revokePermission, roleCodesOf, unassignRoles, updateRole } from "./roles";

const ALL = { resource: "All", action: "All" };
const pair = (resource: string, action: string) => ({ resource, action });

async function holding(...pairs: { resource: string; action: string }[]) {
  const user = await makeUser({ roles: [(await makeRoleWith(pairs)).name] });
  return { user, caller: callerOf(user) };
}

const denials = async (actorId: string) =>
  (await db.select().from(auditEvents).where(and(eq(auditEvents.action, "authz.denied"), eq(auditEvents.actorId, actorId)))).map((e) => e.data);
const counts = async () => ({
  roles: (await db.select({ id: roles.id }).from(roles)).length,
  permissions: (await db.select({ id: rolePermissions.id }).from(rolePermissions).where(isNull(rolePermissions.revokedAt))).length,
  holders: (await db.select({ roleId: membershipRoles.roleId }).from(membershipRoles)).length,
  // Sorted: without ORDER BY the engines return rows in no set order.
  defaults: (await db.select({ id: roles.id }).from(roles).where(eq(roles.isDefault, true))).map((r) => r.id).sort(),
});

describe("giving a role needs Role/Edit and every permission of the role", () => {
  it("a Role/Edit-only holder cannot make themselves (or anyone) admin, by any path", async () => {
    const { user, caller } = await holding(pair("Role", "Edit"), pair("Role", "Read"));
    const other = await makeUser();
    const before = await counts();
    await expect(assignRoles(caller, user.id, caller.tenantId, ["admin"])).rejects.toThrow('You cannot give the role "admin": it carries permissions you do not hold yourself: All/All');
    await expect(assignRoles(caller, other.id, caller.tenantId, ["admin"])).rejects.toThrow(/All\/All/);
    await expect(runBulk(caller, { action: "assignRole", ids: [user.id, other.id], value: "admin" })).rejects.toThrow(/All\/All/);
    expect(await counts()).toEqual(before);
    expect(await permissionsOf(user.id, caller.tenantId)).not.toContainEqual(ALL);
    expect(await denials(user.id)).toHaveLength(3);
    expect((await denials(user.id))[0]).toMatchObject({ attempted: "user.roles_assigned", missing: ["All/All"] });
  });

  it("a role within reach can be given and taken; the event names what changed, before and after", async () => {
    const { caller } = await holding(pair("Role", "Edit"), pair("Role", "Read"), pair("Audit", "Read"));
    const auditors = await makeRoleWith([pair("Audit", "Read")]);
    const target = await makeUser();
    expect(await assignRoles(caller, target.id, caller.tenantId, [auditors.name])).toEqual([auditors.name]);
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.roles_assigned"), eq(auditEvents.targetId, target.id)));
    expect(event!.data).toEqual({ roles: [auditors.name], before: [], after: [auditors.name] });
    expect(await unassignRoles(caller, target.id, caller.tenantId, [auditors.name])).toEqual([]);
  });

  it("taking a role away needs its permissions too", async () => {
    const { user, caller } = await holding(pair("Role", "Edit"));
    const admin = await makeUser({ roles: ["admin"] });
    await expect(unassignRoles(caller, admin.id, caller.tenantId, ["admin"])).rejects.toThrow(/take away the role "admin".*All\/All/);
    expect(await roleCodesOf(admin.id, caller.tenantId)).toEqual(["admin"]);
    expect(await denials(user.id)).toMatchObject([{ attempted: "user.roles_unassigned" }]);
  });
});

describe("shaping a role needs every permission it carries or would carry", () => {
  it("a Role/Create-only holder cannot create an All/All (default) role", async () => {
    const { user, caller } = await holding(pair("Role", "Create"));
    const before = await counts();
    await expect(createRole(caller, { name: `takeover-${Date.now()}`, defaultRole: true, permissions: [ALL] })).rejects.toThrow("You cannot grant permissions you do not hold yourself: All/All");
    await expect(createRole(caller, { name: `wide-${Date.now()}`, permissions: [pair("User", "Edit"), pair("Role", "Create")] })).rejects.toThrow(/: User\/Edit$/);
    expect(await counts()).toEqual(before);
    expect(await denials(user.id)).toMatchObject([{ attempted: "role.created", missing: ["All/All"], defaultRole: true }, { attempted: "role.created", missing: ["User/Edit"] }]);
    // What they hold they may hand on.
    expect((await createRole(caller, { name: `creators-${Date.now()}`, permissions: [pair("Role", "Create")] })).permissions).toHaveLength(1);
  });

  it("a Role/Edit holder cannot widen a role, make admin the default, or touch a role above them", async () => {
    const { user, caller } = await holding(pair("Role", "Edit"), pair("Role", "Read"), pair("Role", "Delete"));
    const mine = await makeRoleWith([pair("Role", "Read")]);
    const above = await makeRoleWith([pair("User", "Delete")]);
    const before = await counts();
    await expect(updateRole(caller, mine.id, { permissions: [pair("Role", "Read"), ALL] })).rejects.toThrow(/do not hold yourself: All\/All/);
    await expect(updateRole(caller, "admin", { defaultRole: true })).rejects.toThrow(/role "admin": it carries permissions you do not hold yourself: All\/All/);
    await expect(updateRole(caller, above.id, { defaultRole: true })).rejects.toThrow(/User\/Delete/);
    await expect(updateRole(caller, above.id, { description: "renamed" })).rejects.toThrow(/User\/Delete/);
    await expect(revokePermission(caller, above.id, "User", "Delete")).rejects.toThrow(/User\/Delete/);
    await expect(retireRole(caller, above.id)).rejects.toThrow(/User\/Delete/);
    expect(await counts()).toEqual(before);
    expect((await getRole(callerOf(await makeUser({ roles: ["admin"] })), above.id)).revokedAt).toBeNull();
    expect((await denials(user.id)).map((d) => d.attempted)).toEqual(["role.updated", "role.updated", "role.updated", "role.updated", "role.permission_revoked", "role.retired"]);
    // Within reach it works.
    await updateRole(caller, mine.id, { defaultRole: true, permissions: [pair("Role", "Read"), pair("Role", "Edit")] });
    expect(await getRole(caller, mine.id)).toMatchObject({ isDefault: true, permissions: [{ resource: "Role", action: "Edit" }, { resource: "Role", action: "Read" }] });
    await updateRole(caller, "member", { defaultRole: true });
  });
});

describe("a member left without a role holds the default role: only a caller holding it may leave them there", () => {
  /** A tenant whose default role carries Audit/Read, and callers of it holding `pairs`. */
  async function tenantWithWideDefault() {
    const tenant = await makeTenant();
    const [member] = await db.select().from(roles).where(and(eq(roles.tenantId, tenant.id), eq(roles.isDefault, true)));
    await db.insert(rolePermissions).values({ roleId: member!.id, ...pair("Audit", "Read") });
    const as = async (...pairs: { resource: string; action: string }[]) => {
      const user = await makeUser({ tenantId: tenant.id, roles: [(await makeRoleWith(pairs, tenant.id)).name] });
      return { user, caller: callerOf(user, tenant.id) };
    };
    return { tenant, as };
  }

  it("creating a member without roles needs the default role's permissions", async () => {
    const { tenant, as } = await tenantWithWideDefault();
    const { user, caller } = await as(pair("User", "Create"));
    const before = await membershipCount();
    await expect(createUser(caller, { email: uniqueEmail("sock"), password: "sock-puppet-passphrase-1", passwordChangeRequired: false })).rejects.toThrow(
      'Members left without a role hold the default role "member", which carries permissions you do not hold yourself: Audit/Read',
    );
    expect(await membershipCount()).toBe(before);
    expect(await denials(user.id)).toMatchObject([{ attempted: "user.created", missing: ["Audit/Read"] }]);
    const { caller: auditor } = await as(pair("User", "Create"), pair("Audit", "Read"));
    const made = await createUser(auditor, { email: uniqueEmail("fine"), password: "fine-passphrase-1" });
    expect(await permissionsOf(made.id, tenant.id)).toEqual([pair("Audit", "Read")]);
  });

  it("taking away a member's roles or retiring a role needs the default role's permissions", async () => {
    const { tenant, as } = await tenantWithWideDefault();
    const { user, caller } = await as(pair("Role", "Edit"), pair("Role", "Read"), pair("Role", "Delete"), pair("User", "Read"));
    const readers = await makeRoleWith([pair("User", "Read")], tenant.id);
    const target = await makeUser({ tenantId: tenant.id, roles: [readers.name] });
    await expect(unassignRoles(caller, target.id, tenant.id, [readers.name])).rejects.toThrow(/default role "member".*Audit\/Read/);
    await expect(retireRole(caller, readers.id, tenant.id)).rejects.toThrow(/default role "member".*Audit\/Read/);
    expect(await roleCodesOf(target.id, tenant.id)).toEqual([readers.name]);
    expect((await getRole(callerOf(user, tenant.id), readers.id)).revokedAt).toBeNull();
    expect(await permissionsOf(target.id, tenant.id)).toEqual([pair("User", "Read")]);
    expect((await denials(user.id)).map((d) => d.attempted)).toEqual(["user.roles_unassigned", "role.retired"]);
  });
});

describe("roles named by login (IamBackoffice AssignRoles)", () => {
  it("tells nobody whether an email has an account in another tenant", async () => {
    const other = await makeTenant();
    const elsewhere = await makeUser({ tenantId: other.id });
    const { caller: nobody } = await holding(pair("Audit", "Read"));
    const { caller: editor } = await holding(pair("Role", "Edit"), pair("Role", "Read"));
    // Without Role/Edit: forbidden either way. With it: an account elsewhere is as missing as none.
    await expect(memberByLogin(nobody, elsewhere.email, nobody.tenantId)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(memberByLogin(nobody, "nobody-at-all@example.test", nobody.tenantId)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(memberByLogin(editor, elsewhere.email, editor.tenantId)).rejects.toMatchObject({ kind: "not_found", message: "User not found" });
    await expect(memberByLogin(editor, "nobody-at-all@example.test", editor.tenantId)).rejects.toMatchObject({ kind: "not_found", message: "User not found" });
    const here = await makeUser();
    expect(await memberByLogin(editor, here.email, editor.tenantId)).toBe(here.id);
  });
});
