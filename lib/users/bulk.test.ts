import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { createGroup, listMembers } from "@/lib/groups/groups";
import { runDueJobs } from "@/lib/jobs/runner";
import { createRole, roleCodesOf } from "@/lib/roles/roles";
import { ensureMembership } from "@/lib/users/records";
import { callerOf, makeTenant, makeUser } from "@/test/factories";
import { refusalReason, runBulk } from "./bulk";

const row = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0];

async function adminOfNewTenant() {
  const t = await makeTenant();
  const me = await makeUser({ roles: ["admin"], tenantId: t.id });
  return { t, me, caller: callerOf(me, t.id) };
}

describe("bulk actions report what they skipped and why", () => {
  it("deactivate skips yourself, the already deactivated and accounts you may not manage; the rest change", async () => {
    const { t, me, caller } = await adminOfNewTenant();
    const plain = await makeUser({ tenantId: t.id });
    const off = await makeUser({ tenantId: t.id });
    await db.update(users).set({ active: false }).where(eq(users.id, off.id));
    // A member who also belongs to another tenant: only a super admin changes that account.
    const shared = await makeUser({ tenantId: t.id });
    const other = await makeTenant();
    await db.transaction(async (tx) => void (await ensureMembership(tx, shared.id, other.id, [])));

    const res = await runBulk(caller, { action: "deactivate", ids: [me.id, plain.id, off.id, shared.id] });
    expect(res.count).toBe(1);
    expect(res.skipped).toEqual([
      { code: "deactivateSelf", reason: "You cannot deactivate yourself", count: 1, emails: [me.email] },
      { code: "alreadyDeactivated", reason: "Already deactivated", count: 1, emails: [off.email] },
      { code: "sharedAccount", reason: "This user also belongs to other tenants: only a super administrator can change their account", count: 1, emails: [shared.email] },
    ]);
    expect((await row(plain.id))!.active).toBe(false);
    expect((await row(me.id))!.active).toBe(true);
    expect((await row(shared.id))!.active).toBe(true);
  });

  it("a request that changes nobody changes nothing and says why", async () => {
    const { t, caller } = await adminOfNewTenant();
    const a = await makeUser({ tenantId: t.id });
    expect(await runBulk(caller, { action: "activate", ids: [a.id] })).toEqual({ count: 0, skipped: [{ code: "alreadyActive", reason: "Already active", count: 1, emails: [a.email] }] });
    expect(await runBulk(caller, { action: "resetMfa", ids: [a.id] })).toEqual({ count: 0, skipped: [{ code: "noMfaToReset", reason: "Has no MFA method to reset", count: 1, emails: [a.email] }] });
    expect((await row(a.id))!.mfaRequired).toBe(false);
  });

  it("delete skips yourself and starts a job for the others", async () => {
    const { t, me, caller } = await adminOfNewTenant();
    const victim = await makeUser({ tenantId: t.id });
    const res = await runBulk(caller, { action: "delete", ids: [me.id, victim.id] });
    expect(res).toMatchObject({ count: 1, skipped: [{ code: "deleteSelf", reason: "You cannot delete your own account", count: 1, emails: [me.email] }] });
    expect(res.jobId).toBeDefined();
    await runDueJobs();
    expect(await row(victim.id)).toBeUndefined();
    // Only yourself: no job at all.
    expect(await runBulk(caller, { action: "delete", ids: [me.id] })).toEqual({ count: 0, skipped: [{ code: "deleteSelf", reason: "You cannot delete your own account", count: 1, emails: [me.email] }] });
  });

  it("roles and groups skip those already (or not) holding them; an id from another tenant still refuses the whole request", async () => {
    const { t, me, caller } = await adminOfNewTenant();
    const role = await createRole(caller, { name: `r-${Date.now()}` });
    const has = await makeUser({ tenantId: t.id, roles: [role.name] });
    const lacks = await makeUser({ tenantId: t.id });
    expect(await runBulk(caller, { action: "assignRole", ids: [has.id, lacks.id], value: role.name })).toEqual({
      count: 1,
      skipped: [{ code: "alreadyHasRole", params: { role: role.name }, reason: `Already has the role ${role.name}`, count: 1, emails: [has.email] }],
    });
    expect(await roleCodesOf(lacks.id, t.id)).toEqual([role.name]);
    expect(await runBulk(caller, { action: "removeRole", ids: [me.id], value: "admin" })).toEqual({
      count: 0,
      skipped: [{ code: "removeOwnAdmin", reason: "You cannot remove the admin role from yourself", count: 1, emails: [me.email] }],
    });
    expect(await roleCodesOf(me.id, t.id)).toEqual(["admin"]);

    const g = await createGroup(caller, { name: `g-${Date.now()}` });
    await runBulk(caller, { action: "addGroup", ids: [has.id], value: g.id });
    expect(await runBulk(caller, { action: "addGroup", ids: [has.id, lacks.id], value: g.id })).toMatchObject({ count: 1, skipped: [{ code: "alreadyInGroup", reason: "Already in the group", emails: [has.email] }] });
    expect((await listMembers(caller, g.id)).map((m) => m.id).sort()).toEqual([has.id, lacks.id].sort());

    const stranger = await makeUser();
    await expect(runBulk(caller, { action: "removeRole", ids: [has.id, stranger.id], value: role.name })).rejects.toThrow(/not found/i);
    await expect(runBulk(caller, { action: "deactivate", ids: [has.id, stranger.id] })).rejects.toThrow(/not found/i);
    expect(await roleCodesOf(has.id, t.id)).toEqual([role.name]);
    expect((await row(has.id))!.active).toBe(true);
  });

  it("names at most five users per reason but counts them all", async () => {
    const { t, caller } = await adminOfNewTenant();
    const many = await Promise.all(Array.from({ length: 7 }, () => makeUser({ tenantId: t.id })));
    const res = await runBulk(caller, { action: "activate", ids: many.map((u) => u.id) });
    expect(res.skipped).toHaveLength(1);
    expect(res.skipped[0]).toMatchObject({ code: "alreadyActive", reason: "Already active", count: 7 });
    expect(res.skipped[0]!.emails).toHaveLength(5);
  });

  it("a refusal becomes a code with its parameters; one it does not know keeps its English text", () => {
    expect(refusalReason("Only a super administrator can change a super administrator's account")).toEqual({ code: "superAdminAccount", reason: "Only a super administrator can change a super administrator's account" });
    const holds = "a@example.test holds permissions you do not (User/Delete, Role/Edit): only someone who holds them can change this account";
    expect(refusalReason(holds)).toEqual({ code: "holdsMore", params: { permissions: "User/Delete, Role/Edit" }, reason: holds });
    expect(refusalReason("Something new")).toEqual({ code: "other", params: { reason: "Something new" }, reason: "Something new" });
  });

  it("removing a role nobody holds skips them as lacking it, by code and role name", async () => {
    const { t, caller } = await adminOfNewTenant();
    const role = await createRole(caller, { name: `lack-${Date.now()}` });
    const u = await makeUser({ tenantId: t.id });
    expect(await runBulk(caller, { action: "removeRole", ids: [u.id], value: role.name })).toEqual({
      count: 0,
      skipped: [{ code: "lacksRole", params: { role: role.name }, reason: `Does not have the role ${role.name}`, count: 1, emails: [u.email] }],
    });
  });
});
