import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { selectRows } from "@/db/dialect";
import { engine } from "@/db/engine";
import { users } from "@/db/schema";
import { eq, sql } from "drizzle-orm";
import { addMembers, createGroup, groupsOfUser, listGroups, listMembers } from "@/lib/groups/groups";
import { getJob } from "@/lib/jobs/jobs";
import { runDueJobs } from "@/lib/jobs/runner";
import { removeMfa, resetMfa, setMfa } from "@/lib/mfa/admin";
import { enableAuthenticator, listMethods } from "@/lib/mfa/methods";
import { generateTotpSecret, totpAt } from "@/lib/mfa/totp";
import { assignRoles, createRole, roleCodesOf } from "@/lib/roles/roles";
import { callerOf, makeTenant, makeUser } from "@/test/factories";
import { groupMembers, groups, memberships, tenants } from "@/db/schema";
import { ensureMembership } from "@/lib/users/records";
import { randomUUID } from "node:crypto";
import { runBulk } from "./bulk";
import { createUser } from "./create";
import { BULK_CHANGE_LIMIT, listUsers, matchingUserIds, userQuerySchema } from "./list";
import { updateUsers } from "./update";

const q = (p: Record<string, string> = {}) => userQuerySchema.parse(p);
const userRow = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0];

describe("users list", () => {
  it("searches by email prefix, filters, sorts and stays inside the tenant", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const caller = callerOf(admin);
    const tag = `lst${Date.now()}`;
    const a = await makeUser({ email: `${tag}-a@example.test` });
    const b = await makeUser({ email: `${tag}-b@example.test` });
    const other = await makeTenant();
    await makeUser({ email: `${tag}-c@example.test`, tenantId: other.id });
    expect((await listUsers(caller, q({ q: tag }))).rows.map((u) => u.email).sort()).toEqual([a.email, b.email]);
    expect((await listUsers(caller, q({ q: tag, sort: "email", dir: "desc" }))).rows[0]!.email).toBe(b.email);
    await updateUsers(caller, [b.id], { active: false });
    expect((await listUsers(caller, q({ q: tag, status: "disabled" }))).rows.map((u) => u.id)).toEqual([b.id]);
    expect((await listUsers(caller, q({ q: tag, status: "active" }))).rows.map((u) => u.id)).toEqual([a.id]);
    expect((await listUsers(caller, q({ q: tag.toUpperCase() }))).total).toBe(2);
    const member = await makeUser();
    await expect(listUsers(callerOf(member), q())).rejects.toThrow(/permission/);
  });

  it("sorts by last sign-in with those who never signed in after everyone else, newest first, on both engines", async () => {
    const caller = callerOf(await makeUser({ roles: ["admin"] }));
    const tag = `ll${Date.now()}`;
    const never = await makeUser({ email: `${tag}-never@example.test` });
    const old = await makeUser({ email: `${tag}-old@example.test` });
    const recent = await makeUser({ email: `${tag}-recent@example.test` });
    await db.update(users).set({ lastLoginAt: new Date(Date.now() - 86_400_000) }).where(eq(users.id, old.id));
    await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, recent.id));
    expect((await listUsers(caller, q({ q: tag, sort: "lastLogin", dir: "desc" }))).rows.map((r) => r.id)).toEqual([recent.id, old.id, never.id]);
    expect((await listUsers(caller, q({ q: tag, sort: "lastLogin", dir: "asc" }))).rows.map((r) => r.id)).toEqual([never.id, old.id, recent.id]);
  });

  it("role and group filters", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const caller = callerOf(admin);
    const tag = `rg${Date.now()}`;
    const u = await makeUser({ email: `${tag}-x@example.test` });
    await makeUser({ email: `${tag}-y@example.test` });
    const role = await createRole(caller, { name: `role-${tag}` });
    await assignRoles(caller, u.id, caller.tenantId, [role.name]);
    const g = await createGroup(caller, { name: `group-${tag}`, data: { team: tag } });
    await addMembers(caller, g.id, [u.id]);
    expect((await listUsers(caller, q({ q: tag, role: role.name }))).rows.map((r) => r.id)).toEqual([u.id]);
    expect((await listUsers(caller, q({ q: tag, group: g.id }))).rows.map((r) => r.id)).toEqual([u.id]);
    expect((await listGroups(caller, { data: { team: tag } })).rows.map((r) => r.id)).toEqual([g.id]);
    expect((await listGroups(caller, { data: { team: "other" } })).rows).toEqual([]);
  });
});

describe("users search by name", () => {
  it("is case-insensitive", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const caller = callerOf(admin);
    const tag = `Cs${Date.now().toString(36)}`;
    const grace = await makeUser();
    await db.update(users).set({ firstName: "Grace", lastName: `Hopper${tag}`, fullName: `Grace Hopper${tag}` }).where(eq(users.id, grace.id));
    for (const term of [`grace hopper${tag.toLowerCase()}`, `GRACE HOPPER${tag.toUpperCase()}`, `Grace Hopper${tag}`])
      expect((await listUsers(caller, q({ q: term }))).rows.map((u) => u.id)).toEqual([grace.id]);
    expect((await listUsers(caller, q({ q: `grace hopper${tag}x` }))).rows).toEqual([]);
  });

  // SQLite's query plan; on PostgreSQL the planner picks by statistics, so a tiny table may be scanned.
  it.skipIf(engine === "pg")("is served by the NOCASE name index (SQLite)", async () => {
    // The same prefix LIKE listUsers uses must be an index range, not a scan of every user.
    const plan = await selectRows<{ detail: string }>(sql`explain query plan select id from users where full_name like ${"grace%"} escape '\\'`);
    expect(plan.map((p) => p.detail).join(" ")).toMatch(/users_full_name_nocase_idx/);
  });
});

describe("bulk on all matching the filter", () => {
  it("refuses more than 10,000 users for changes other than delete", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const caller = callerOf(admin);
    const tag = `many${Date.now().toString(36)}`;
    // Multi-row inserts of at most 500 rows each (bound-parameter caps), in one transaction.
    const people = Array.from({ length: BULK_CHANGE_LIMIT + 1 }, (_, i) => ({ id: randomUUID(), email: `${tag}-${i}@example.test` }));
    await db.transaction(async (tx) => {
      for (let i = 0; i < people.length; i += 500) {
        const part = people.slice(i, i + 500);
        await tx.insert(users).values(part);
        await tx.insert(memberships).values(part.map((p) => ({ userId: p.id, tenantId: caller.tenantId })));
      }
    });
    await expect(matchingUserIds(caller, { q: tag }, "deactivate")).rejects.toThrow("Narrow the filter: bulk changes other than delete apply to at most 10,000 users at a time");
    expect(await matchingUserIds(caller, { q: tag }, "delete")).toHaveLength(BULK_CHANGE_LIMIT + 1);
    expect(await matchingUserIds(caller, { q: `${tag}-10000` }, "deactivate")).toHaveLength(1);
    // Clean up so later tests see a small tenant.
    await db.delete(users).where(sql`${users.email} like ${`${tag}-%`}`);
    expect((await db.select({ id: memberships.id }).from(memberships).where(eq(memberships.tenantId, caller.tenantId))).length).toBeLessThan(1000);
    // Thousands of rows through the trigram indexes: slow on a shared 2-core machine.
  }, 120_000);
});

describe("cross-tenant isolation of admin operations", () => {
  it("an admin of tenant B cannot read, edit, delete or change MFA of tenant A's users", async () => {
    const victim = await makeUser();
    const other = await makeTenant();
    const foreignAdmin = await makeUser({ roles: ["admin"], tenantId: other.id });
    const foreign = callerOf(foreignAdmin, other.id);
    await expect(updateUsers(foreign, [victim.id], { firstName: "Hacked" })).rejects.toThrow(/not found/i);
    await expect(runBulk(foreign, { action: "delete", ids: [victim.id] })).rejects.toThrow(/not found/i);
    await expect(resetMfa(foreign, [victim.id])).rejects.toThrow(/not found/i);
    await expect(assignRoles(foreign, victim.id, other.id, ["admin"])).rejects.toThrow(/not found/i);
    expect((await listUsers(foreign, q({ q: victim.email }))).rows).toEqual([]);
    expect((await userRow(victim.id))!.firstName).toBe("Test");
  });
});

describe("bulk and admin MFA", () => {
  it("a bulk role assignment is all or nothing when one user is out of scope", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const caller = callerOf(admin);
    const mine = await makeUser();
    const foreign = await makeUser({ tenantId: (await makeTenant()).id });
    const role = await createRole(caller, { name: `bulk-${Date.now()}` });
    await expect(runBulk(caller, { action: "assignRole", ids: [mine.id, foreign.id], value: role.name })).rejects.toThrow(/not found/i);
    expect(await roleCodesOf(mine.id, caller.tenantId)).toEqual([]);
    await runBulk(caller, { action: "assignRole", ids: [mine.id], value: role.name });
    expect(await roleCodesOf(mine.id, caller.tenantId)).toEqual([role.name]);
  });

  it("delete runs as a job to completion", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const caller = callerOf(admin);
    const victims = await Promise.all([makeUser(), makeUser(), makeUser()]);
    const { jobId } = await runBulk(caller, { action: "delete", ids: victims.map((v) => v.id) });
    await runDueJobs(); // what every instance's job runner does (none polls in unit tests)
    expect(await getJob(caller, jobId!)).toMatchObject({ status: "done", total: 3, done: 3 });
    for (const v of victims) expect(await userRow(v.id)).toBeUndefined();
  });

  it("someone who only leaves the tenant leaves its groups too, and no other tenant's", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const caller = callerOf(admin);
    const elsewhere = await makeTenant();
    const shared = await makeUser({ tenantId: elsewhere.id });
    await db.transaction((tx) => ensureMembership(tx, shared.id, caller.tenantId, []));
    const here = await createGroup(caller, { name: `leavers-${Date.now()}` });
    await addMembers(caller, here.id, [shared.id, admin.id]);
    const [there] = await db.insert(groups).values({ tenantId: elsewhere.id, name: `stays-${Date.now()}` }).returning();
    await db.insert(groupMembers).values({ groupId: there!.id, userId: shared.id });
    await runBulk(caller, { action: "delete", ids: [shared.id] });
    await runDueJobs();
    expect(await userRow(shared.id)).toBeDefined();
    expect((await groupsOfUser(shared.id)).map((g) => g.id)).toEqual([there!.id]);
    expect((await listMembers(caller, here.id)).map((m) => m.id)).toEqual([admin.id]);
  });

  it("reset keeps MFA required and wipes methods; remove is refused under forced 2FA", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const caller = callerOf(admin);
    const u = await makeUser();
    const secret = generateTotpSecret();
    await enableAuthenticator(u.id, secret, totpAt(secret, Date.now()), { id: u.id, email: u.email, ip: "" });
    await setMfa(caller, [u.id], "PIN", "123456");
    expect((await listMethods(u.id)).map((m) => m.kind).sort()).toEqual(["authenticator", "pin"]);
    await resetMfa(caller, [u.id]);
    expect(await listMethods(u.id)).toEqual([]);
    expect(await userRow(u.id)).toMatchObject({ mfaRequired: true, mfaEnrolled: false });
    await db.update(tenants).set({ forceMfa: true }).where(eq(tenants.id, caller.tenantId));
    try {
      await expect(removeMfa(caller, [u.id], "2FA")).rejects.toThrow(/forced/);
    } finally {
      await db.update(tenants).set({ forceMfa: false }).where(eq(tenants.id, caller.tenantId));
    }
    await expect(setMfa(caller, [u.id], "PIN", "12")).rejects.toThrow(/PIN must be/);
  });

  it("creating a user with a taken email is a field error and creates nothing", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const existing = await makeUser();
    const before = (await db.select({ id: users.id }).from(users)).length;
    await expect(createUser(callerOf(admin), { email: existing.email.toUpperCase() })).rejects.toMatchObject({ field: "email" });
    expect((await db.select({ id: users.id }).from(users)).length).toBe(before);
  });
});
