import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { getJob } from "@/lib/jobs/jobs";
import { resetMfa, setMfa } from "@/lib/mfa/admin";
import { assignRoles, createRole, roleCodesOf } from "@/lib/roles/roles";
import { ensureMembership } from "@/lib/users/records";
import { callerOf, makeTenant, makeUser } from "@/test/factories";
import { runBulk } from "./bulk";
import { startDeleteUsers } from "./delete";
import { updateUsers } from "./update";

const row = (id: string) => db.select().from(users).where(eq(users.id, id)).get();
const settle = () => new Promise((r) => setTimeout(r, 50));

describe("accounts shared beyond the caller's tenant", () => {
  it("a tenant admin cannot change, lock out or delete a super admin", async () => {
    const admin = callerOf(await makeUser({ roles: ["admin"] }));
    const root = await makeUser({ superAdmin: true, roles: ["admin"] });
    await expect(updateUsers(admin, [root.id], { email: "taken-over@example.test" })).rejects.toThrow(/super administrator/);
    await expect(updateUsers(admin, [root.id], { active: false })).rejects.toThrow(/super administrator/);
    await expect(setMfa(admin, [root.id], "PIN", "1234")).rejects.toThrow(/super administrator/);
    expect(() => resetMfa(admin, [root.id])).toThrow(/super administrator/);
    expect(() => startDeleteUsers(admin, [root.id])).toThrow(/super administrator/);
    expect(row(root.id)).toMatchObject({ email: root.email, active: true });
  });

  it("a user of two tenants: the tenant admin manages the membership, only a super admin the account", async () => {
    const admin = callerOf(await makeUser({ roles: ["admin"] }));
    const shared = await makeUser();
    const other = makeTenant();
    ensureMembership(db, shared.id, other.id);
    await expect(updateUsers(admin, [shared.id], { email: "moved@example.test" })).rejects.toThrow(/other tenants/);
    await expect(updateUsers(admin, [shared.id], { active: false })).rejects.toThrow(/other tenants/);
    expect(() => resetMfa(admin, [shared.id])).toThrow(/other tenants/);
    expect(row(shared.id)).toMatchObject({ email: shared.email, active: true });

    // Tenant-level changes are the tenant admin's to make.
    const role = createRole(admin, { name: `shared-${Date.now()}` });
    assignRoles(admin, shared.id, admin.tenantId, [role.name]);
    expect(roleCodesOf(shared.id, admin.tenantId)).toEqual([role.name]);

    // Deleting only removes them from this tenant; the account lives on in the other one.
    const { jobId } = await runBulk(admin, { action: "delete", ids: [shared.id] });
    await settle();
    expect(getJob(admin, jobId!)).toMatchObject({ status: "done" });
    expect(row(shared.id)).toBeDefined();
    expect(db.select().from(memberships).where(and(eq(memberships.userId, shared.id), eq(memberships.tenantId, admin.tenantId))).get()).toBeUndefined();

    const root = callerOf(await makeUser({ superAdmin: true, roles: ["admin"] }));
    await updateUsers(root, [shared.id], { firstName: "Renamed" });
    expect(row(shared.id)!.firstName).toBe("Renamed");
  });

  it("granting the tenant admin role needs Role/Edit, not only User/Edit", async () => {
    const admin = callerOf(await makeUser({ roles: ["admin"] }));
    const editor = createRole(admin, { name: `editor-${Date.now()}`, permissions: [{ resource: "User", action: "Edit" }, { resource: "User", action: "Read" }] });
    const me = await makeUser({ roles: [editor.name] });
    await expect(updateUsers(callerOf(me), [me.id], { tenantAdmin: true })).rejects.toThrow(/permission/);
    expect(roleCodesOf(me.id, admin.tenantId)).toEqual([editor.name]);
  });

  it("bulk delete over a filter that matches the caller skips them", async () => {
    const adminUser = await makeUser({ roles: ["admin"] });
    const admin = callerOf(adminUser);
    const victim = await makeUser();
    const { jobId, count } = await runBulk(admin, { action: "delete", ids: [adminUser.id, victim.id] });
    expect(count).toBe(1);
    await settle();
    expect(getJob(admin, jobId!)).toMatchObject({ status: "done" });
    expect(row(victim.id)).toBeUndefined();
    expect(row(adminUser.id)).toBeDefined();
  });
});
