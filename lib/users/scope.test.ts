import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { getJob } from "@/lib/jobs/jobs";
import { runDueJobs } from "@/lib/jobs/runner";
import { resetMfa, setMfa } from "@/lib/mfa/admin";
import { assignRoles, createRole, roleCodesOf } from "@/lib/roles/roles";
import { ensureMembership } from "@/lib/users/records";
import { callerOf, makeTenant, makeUser } from "@/test/factories";
import { runBulk } from "./bulk";
import { startDeleteUsers } from "./delete";
import { updateUsers } from "./update";

const row = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0];
/** Runs the queued delete job here (no job runner polls in unit tests) and checks that it finished. */
const settle = async (caller: Parameters<typeof getJob>[0], jobId: string) => {
  await runDueJobs();
  expect(await getJob(caller, jobId)).toMatchObject({ status: "done" });
};

describe("accounts shared beyond the caller's tenant", () => {
  it("a tenant admin cannot change, lock out or delete a super admin", async () => {
    const admin = callerOf(await makeUser({ roles: ["admin"] }));
    const root = await makeUser({ superAdmin: true, roles: ["admin"] });
    await expect(updateUsers(admin, [root.id], { email: "taken-over@example.test" })).rejects.toThrow(/super administrator/);
    await expect(updateUsers(admin, [root.id], { active: false })).rejects.toThrow(/super administrator/);
    await expect(setMfa(admin, [root.id], "PIN", "1234")).rejects.toThrow(/super administrator/);
    await expect(resetMfa(admin, [root.id])).rejects.toThrow(/super administrator/);
    await expect(startDeleteUsers(admin, [root.id])).rejects.toThrow(/super administrator/);
    expect(await row(root.id)).toMatchObject({ email: root.email, active: true });
  });

  it("a user of two tenants: the tenant admin manages the membership, only a super admin the account", async () => {
    const admin = callerOf(await makeUser({ roles: ["admin"] }));
    const shared = await makeUser();
    const other = await makeTenant();
    await ensureMembership(db, shared.id, other.id);
    await expect(updateUsers(admin, [shared.id], { email: "moved@example.test" })).rejects.toThrow(/other tenants/);
    await expect(updateUsers(admin, [shared.id], { active: false })).rejects.toThrow(/other tenants/);
    await expect(resetMfa(admin, [shared.id])).rejects.toThrow(/other tenants/);
    expect(await row(shared.id)).toMatchObject({ email: shared.email, active: true });

    // Tenant-level changes are the tenant admin's to make.
    const role = await createRole(admin, { name: `shared-${Date.now()}` });
    await assignRoles(admin, shared.id, admin.tenantId, [role.name]);
    expect(await roleCodesOf(shared.id, admin.tenantId)).toEqual([role.name]);

    // Deleting only removes them from this tenant; the account lives on in the other one.
    const { jobId } = await runBulk(admin, { action: "delete", ids: [shared.id] });
    await settle(admin, jobId!);
    expect(await row(shared.id)).toBeDefined();
    expect(await db.select().from(memberships).where(and(eq(memberships.userId, shared.id), eq(memberships.tenantId, admin.tenantId)))).toEqual([]);

    const root = callerOf(await makeUser({ superAdmin: true, roles: ["admin"] }));
    await updateUsers(root, [shared.id], { firstName: "Renamed" });
    expect((await row(shared.id))!.firstName).toBe("Renamed");
  });

  it("granting the tenant admin role needs Role/Edit, not only User/Edit", async () => {
    const admin = callerOf(await makeUser({ roles: ["admin"] }));
    const editor = await createRole(admin, { name: `editor-${Date.now()}`, permissions: [{ resource: "User", action: "Edit" }, { resource: "User", action: "Read" }] });
    const me = await makeUser({ roles: [editor.name] });
    await expect(updateUsers(callerOf(me), [me.id], { tenantAdmin: true })).rejects.toThrow(/permission/);
    expect(await roleCodesOf(me.id, admin.tenantId)).toEqual([editor.name]);
  });

  it("bulk delete over a filter that matches the caller skips them", async () => {
    const adminUser = await makeUser({ roles: ["admin"] });
    const admin = callerOf(adminUser);
    const victim = await makeUser();
    const { jobId, count } = await runBulk(admin, { action: "delete", ids: [adminUser.id, victim.id] });
    expect(count).toBe(1);
    await settle(admin, jobId!);
    expect(await row(victim.id)).toBeUndefined();
    expect(await row(adminUser.id)).toBeDefined();
  });
});
