import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, membershipRoles, rolePermissions, roles } from "@/db/schema";
import { permissionsOf } from "@/lib/authz/caller";
import { runBulk } from "@/lib/users/bulk";
import { callerOf, makeRoleWith, makeUser } from "@/test/factories";
import { assignRoles, createRole, getRole, retireRole, revokePermission, roleCodesOf, unassignRoles, updateRole } from "./roles";

const ALL = { resource: "All", action: "All" };
const pair = (resource: string, action: string) => ({ resource, action });

async function holding(...pairs: { resource: string; action: string }[]) {
  const user = await makeUser({ roles: [makeRoleWith(pairs).name] });
  return { user, caller: callerOf(user) };
}

const denials = (actorId: string) =>
  db.select().from(auditEvents).where(and(eq(auditEvents.action, "authz.denied"), eq(auditEvents.actorId, actorId))).all().map((e) => e.data);
const counts = () => ({
  roles: db.select().from(roles).all().length,
  permissions: db.select().from(rolePermissions).where(isNull(rolePermissions.revokedAt)).all().length,
  holders: db.select().from(membershipRoles).all().length,
  defaults: db.select().from(roles).where(eq(roles.isDefault, true)).all().map((r) => r.id),
});

describe("giving a role needs Role/Edit and every permission of the role", () => {
  it("a Role/Edit-only holder cannot make themselves (or anyone) admin, by any path", async () => {
    const { user, caller } = await holding(pair("Role", "Edit"), pair("Role", "Read"));
    const other = await makeUser();
    const before = counts();
    expect(() => assignRoles(caller, user.id, caller.tenantId, ["admin"])).toThrow('You cannot give the role "admin": it carries permissions you do not hold yourself: All/All');
    expect(() => assignRoles(caller, other.id, caller.tenantId, ["admin"])).toThrow(/All\/All/);
    await expect(runBulk(caller, { action: "assignRole", ids: [user.id, other.id], value: "admin" })).rejects.toThrow(/All\/All/);
    expect(counts()).toEqual(before);
    expect(permissionsOf(user.id, caller.tenantId)).not.toContainEqual(ALL);
    expect(denials(user.id)).toHaveLength(3);
    expect(denials(user.id)[0]).toMatchObject({ attempted: "user.roles_assigned", missing: ["All/All"] });
  });

  it("a role within reach can be given and taken; the event names what changed, before and after", async () => {
    const { caller } = await holding(pair("Role", "Edit"), pair("Role", "Read"), pair("Audit", "Read"));
    const auditors = makeRoleWith([pair("Audit", "Read")]);
    const target = await makeUser();
    expect(assignRoles(caller, target.id, caller.tenantId, [auditors.name])).toEqual([auditors.name]);
    const event = db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.roles_assigned"), eq(auditEvents.targetId, target.id))).get()!;
    expect(event.data).toEqual({ roles: [auditors.name], before: [], after: [auditors.name] });
    expect(unassignRoles(caller, target.id, caller.tenantId, [auditors.name])).toEqual([]);
  });

  it("taking a role away needs its permissions too", async () => {
    const { user, caller } = await holding(pair("Role", "Edit"));
    const admin = await makeUser({ roles: ["admin"] });
    expect(() => unassignRoles(caller, admin.id, caller.tenantId, ["admin"])).toThrow(/take away the role "admin".*All\/All/);
    expect(roleCodesOf(admin.id, caller.tenantId)).toEqual(["admin"]);
    expect(denials(user.id)).toMatchObject([{ attempted: "user.roles_unassigned" }]);
  });
});

describe("shaping a role needs every permission it carries or would carry", () => {
  it("a Role/Create-only holder cannot create an All/All (default) role", async () => {
    const { user, caller } = await holding(pair("Role", "Create"));
    const before = counts();
    expect(() => createRole(caller, { name: `takeover-${Date.now()}`, defaultRole: true, permissions: [ALL] })).toThrow("You cannot grant permissions you do not hold yourself: All/All");
    expect(() => createRole(caller, { name: `wide-${Date.now()}`, permissions: [pair("User", "Edit"), pair("Role", "Create")] })).toThrow(/: User\/Edit$/);
    expect(counts()).toEqual(before);
    expect(denials(user.id)).toMatchObject([{ attempted: "role.created", missing: ["All/All"], defaultRole: true }, { attempted: "role.created", missing: ["User/Edit"] }]);
    // What they hold they may hand on.
    expect(createRole(caller, { name: `creators-${Date.now()}`, permissions: [pair("Role", "Create")] }).permissions).toHaveLength(1);
  });

  it("a Role/Edit holder cannot widen a role, make admin the default, or touch a role above them", async () => {
    const { user, caller } = await holding(pair("Role", "Edit"), pair("Role", "Read"), pair("Role", "Delete"));
    const mine = makeRoleWith([pair("Role", "Read")]);
    const above = makeRoleWith([pair("User", "Delete")]);
    const before = counts();
    expect(() => updateRole(caller, mine.id, { permissions: [pair("Role", "Read"), ALL] })).toThrow(/do not hold yourself: All\/All/);
    expect(() => updateRole(caller, "admin", { defaultRole: true })).toThrow(/role "admin": it carries permissions you do not hold yourself: All\/All/);
    expect(() => updateRole(caller, above.id, { defaultRole: true })).toThrow(/User\/Delete/);
    expect(() => updateRole(caller, above.id, { description: "renamed" })).toThrow(/User\/Delete/);
    expect(() => revokePermission(caller, above.id, "User", "Delete")).toThrow(/User\/Delete/);
    expect(() => retireRole(caller, above.id)).toThrow(/User\/Delete/);
    expect(counts()).toEqual(before);
    expect(getRole(callerOf(await makeUser({ roles: ["admin"] })), above.id).revokedAt).toBeNull();
    expect(denials(user.id).map((d) => d.attempted)).toEqual(["role.updated", "role.updated", "role.updated", "role.updated", "role.permission_revoked", "role.retired"]);
    // Within reach it works.
    updateRole(caller, mine.id, { defaultRole: true, permissions: [pair("Role", "Read"), pair("Role", "Edit")] });
    expect(getRole(caller, mine.id)).toMatchObject({ isDefault: true, permissions: [{ resource: "Role", action: "Edit" }, { resource: "Role", action: "Read" }] });
    updateRole(caller, "member", { defaultRole: true });
  });
});
