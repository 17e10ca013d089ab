import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, groupMembers, memberships, users } from "@/db/schema";
import { createGroup, groupsOfUser } from "@/lib/groups/groups";
import { resetMfa, setMfa } from "@/lib/mfa/admin";
import { roleCodesOf } from "@/lib/roles/roles";
import { revokeUserSession } from "@/lib/sessions/admin";
import { callerOf, makeRoleWith, makeUser, uniqueEmail } from "@/test/factories";
import { createUser } from "./create";
import { startDeleteUsers } from "./delete";
import { updateUsers } from "./update";

const pair = (resource: string, action: string) => ({ resource, action });

async function holding(...pairs: { resource: string; action: string }[]) {
  const user = await makeUser({ roles: [(await makeRoleWith(pairs)).name] });
  return { user, caller: callerOf(user) };
}

const row = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0]!;
const events = (action: string, targetId: string) => db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)));
const denials = async (actorId: string) =>
  (await db.select().from(auditEvents).where(and(eq(auditEvents.action, "authz.denied"), eq(auditEvents.actorId, actorId)))).map((e) => e.data);
const counts = async () => ({
  users: (await db.select({ id: users.id }).from(users)).length,
  memberships: (await db.select({ id: memberships.id }).from(memberships)).length,
  groupMembers: (await db.select({ userId: groupMembers.userId }).from(groupMembers)).length,
});

describe("changing another account needs everything the target holds", () => {
  it("a helpdesk role (User/Edit, Reset, Delete) cannot take over, lock out or delete an admin", async () => {
    const { user, caller } = await holding(pair("User", "Read"), pair("User", "Edit"), pair("User", "Reset"), pair("User", "Delete"));
    const admin = await makeUser({ roles: ["admin"] });
    const refused = /holds permissions you do not \(All\/All\)/;
    await expect(updateUsers(caller, [admin.id], { email: uniqueEmail("takeover") })).rejects.toThrow(refused);
    await expect(updateUsers(caller, [admin.id], { firstName: "Mallory" })).rejects.toThrow(refused);
    await expect(updateUsers(caller, [admin.id], { active: false })).rejects.toThrow(refused);
    await expect(setMfa(caller, [admin.id], "PIN", "1234")).rejects.toThrow(refused);
    await expect(resetMfa(caller, [admin.id])).rejects.toThrow(refused);
    await expect(revokeUserSession(caller, admin.id, crypto.randomUUID())).rejects.toThrow(refused);
    await expect(startDeleteUsers(caller, [admin.id])).rejects.toThrow(refused);
    expect(await row(admin.id)).toMatchObject({ email: admin.email, firstName: admin.firstName, active: true });
    expect((await denials(user.id)).map((d) => d.attempted)).toEqual(["user.updated", "user.updated", "user.updated", "user.account_changed", "user.account_changed", "user.account_changed", "user.deleted"]);

    // A plain member is within reach.
    const member = await makeUser();
    await updateUsers(caller, [member.id], { firstName: "Renamed" });
    expect((await row(member.id)).firstName).toBe("Renamed");
  });
});

describe("Quatrix-style edits go through the role and group rules", () => {
  it("super_admin needs Role/Edit and All/All; groups need Group/Edit", async () => {
    const { user, caller } = await holding(pair("User", "Edit"), pair("Role", "Edit"));
    const target = await makeUser();
    const g = await createGroup(callerOf(await makeUser({ roles: ["admin"] })), { name: `esc-${Date.now()}` });
    const before = await counts();
    await expect(updateUsers(caller, [user.id], { tenantAdmin: true })).rejects.toThrow(/role "admin".*All\/All/);
    await expect(updateUsers(caller, [target.id], { tenantAdmin: true, firstName: "X" })).rejects.toThrow(/All\/All/);
    await expect(updateUsers(caller, [target.id], { groups: [g.id] })).rejects.toThrow("You need the Group/Edit permission to do this");
    expect(await counts()).toEqual(before);
    expect(await roleCodesOf(user.id, caller.tenantId)).not.toContain("admin");
    expect((await row(target.id)).firstName).toBe(target.firstName);
    expect((await denials(user.id)).map((d) => d.attempted)).toEqual(["user.roles_assigned", "user.roles_assigned", "Group/Edit"]);
  });

  it("an admin's edit records each change once: only what changed, with before and after", async () => {
    const admin = callerOf(await makeUser({ roles: ["admin"] }));
    const target = await makeUser();
    const g1 = await createGroup(admin, { name: `g1-${Date.now()}` });
    const g2 = await createGroup(admin, { name: `g2-${Date.now()}` });
    await updateUsers(admin, [target.id], { groups: [g1.id] });
    expect(await events("user.updated", target.id)).toHaveLength(0);

    await updateUsers(admin, [target.id], { firstName: "Test", lastName: "Changed", tenantAdmin: true, groups: [g2.id] });
    expect((await events("user.updated", target.id)).map((e) => e.data)).toEqual([{ changes: { lastName: { before: "User", after: "Changed" } } }]);
    expect((await events("user.roles_assigned", target.id)).map((e) => e.data)).toEqual([{ roles: ["admin"], before: [], after: ["admin"] }]);
    expect((await groupsOfUser(target.id, admin.tenantId)).map((g) => g.id)).toEqual([g2.id]);
    const groupEvents = (await db.select().from(auditEvents).where(eq(auditEvents.targetId, g1.id))).map((e) => e.action);
    expect(groupEvents).toEqual(["group.created", "group.members_added", "group.members_removed"]);

    // Saying "admin" again changes nothing and records nothing.
    await updateUsers(admin, [target.id], { tenantAdmin: true });
    expect(await events("user.roles_assigned", target.id)).toHaveLength(1);
    // Nobody removes the admin role from themselves, on this path either.
    await expect(updateUsers(admin, [admin.userId], { tenantAdmin: false })).rejects.toThrow(/cannot remove the admin role from yourself/);
    expect(await roleCodesOf(admin.userId, admin.tenantId)).toEqual(["admin"]);
  });
});

describe("roles and groups at user creation", () => {
  it("User/Create (even with Role/Edit) cannot create an admin or place users in groups without Group/Edit", async () => {
    const { user, caller } = await holding(pair("User", "Create"), pair("Role", "Edit"));
    const g = await createGroup(callerOf(await makeUser({ roles: ["admin"] })), { name: `c-${Date.now()}` });
    const before = await counts();
    const email = uniqueEmail("esc");
    await expect(createUser(caller, { email, password: "escalate-passphrase-1", tenantAdmin: true })).rejects.toThrow(/role "admin".*All\/All/);
    await expect(createUser(caller, { email, password: "escalate-passphrase-1", roles: ["admin"] })).rejects.toThrow(/All\/All/);
    await expect(createUser(caller, { email, password: "escalate-passphrase-1", groups: [g.id] })).rejects.toThrow(/Group\/Edit/);
    expect(await counts()).toEqual(before);
    expect((await denials(user.id)).map((d) => d.attempted)).toEqual(["user.roles_assigned", "user.roles_assigned", "Group/Edit"]);
  });

  it("an admin's creation gives roles and groups through AssignRoles and AssignUserToGroup", async () => {
    const admin = callerOf(await makeUser({ roles: ["admin"] }));
    const g = await createGroup(admin, { name: `c2-${Date.now()}` });
    const u = await createUser(admin, { email: uniqueEmail("made"), password: "created-passphrase-1", tenantAdmin: true, groups: [g.id] });
    expect(await roleCodesOf(u.id, admin.tenantId)).toEqual(["admin"]);
    expect(await events("user.roles_assigned", u.id)).toHaveLength(1);
    expect((await groupsOfUser(u.id, admin.tenantId)).map((x) => x.id)).toEqual([g.id]);
  });
});
