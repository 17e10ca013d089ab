import { describe, expect, it } from "vitest";
import { callerOf, makeTenant, makeUser } from "@/test/factories";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { auditCsv } from "./export";
import { audit } from "./record";
import { auditQuerySchema, auditTenantOptions, listAudit, recentAudit } from "./query";

const q = (p: Record<string, string> = {}) => auditQuerySchema.parse(p);

describe("audit log filters", () => {
  it("filter by tenant, IP and target; a tenant admin never sees another tenant's events", async () => {
    const tag = `aud${Date.now().toString(36)}`;
    const admin = await makeUser({ roles: ["admin"] });
    const mine = callerOf(admin);
    const other = await makeTenant();
    const foreignAdmin = await makeUser({ roles: ["admin"], tenantId: other.id });
    const foreign = callerOf(foreignAdmin, other.id);
    const root = callerOf(await makeUser({ superAdmin: true }));
    await audit({ tenantId: mine.tenantId, action: `${tag}.a`, targetType: "user", targetId: admin.id, targetLabel: admin.email, ip: "10.1.2.3" });
    await audit({ tenantId: mine.tenantId, action: `${tag}.b`, targetType: "user", targetId: "u-2", targetLabel: `second-${tag}@example.test`, ip: "192.168.0.9" });
    await audit({ tenantId: other.id, action: `${tag}.c`, targetType: "user", targetId: foreignAdmin.id, targetLabel: foreignAdmin.email, ip: "10.1.2.4" });
    const actions = async (c: typeof mine, p: Record<string, string>) => (await listAudit(c, q({ action: tag, ...p }))).rows.map((r) => r.action).sort();

    expect(await actions(mine, {})).toEqual([`${tag}.a`, `${tag}.b`]);
    // Passing the other tenant's id changes nothing for a tenant admin.
    expect(await actions(mine, { tenant: other.id })).toEqual([`${tag}.a`, `${tag}.b`]);
    expect(await actions(foreign, { tenant: mine.tenantId })).toEqual([`${tag}.c`]);
    expect(await actions(mine, { target: foreignAdmin.email })).toEqual([]);
    expect(await actions(mine, { ip: "10.1.2.4" })).toEqual([]);
    expect((await auditTenantOptions(mine)).map((t) => t.id)).toEqual([mine.tenantId]);

    expect(await actions(mine, { ip: "10.1." })).toEqual([`${tag}.a`]);
    expect(await actions(mine, { target: admin.id })).toEqual([`${tag}.a`]);
    expect(await actions(mine, { target: `second-${tag}` })).toEqual([`${tag}.b`]);
    expect(await actions(mine, { target: admin.email.toUpperCase() })).toEqual([`${tag}.a`]);

    // Super admins see every tenant, or one they pick; rows carry the tenant's name.
    expect(await actions(root, {})).toEqual([`${tag}.a`, `${tag}.b`, `${tag}.c`]);
    expect(await actions(root, { tenant: other.id })).toEqual([`${tag}.c`]);
    expect(await actions(root, { ip: "10.1.2." })).toEqual([`${tag}.a`, `${tag}.c`]);
    expect((await listAudit(root, q({ action: `${tag}.c` }))).rows[0]!.tenantName).toBe(other.name);
    expect((await auditTenantOptions(root)).map((t) => t.id)).toContain(other.id);

    const member = await makeUser();
    await expect(listAudit(callerOf(member), q())).rejects.toThrow(/permission/);
  });

  it("names the actor of an event recorded without an address, and the target user as the caller may see them", async () => {
    const tag = `who${Date.now().toString(36)}`;
    const admin = callerOf(await makeUser({ roles: ["admin"] }));
    const member = await makeUser();
    await db.update(users).set({ fullName: "Grace Hopper" }).where(eq(users.id, member.id));
    const foreign = await makeUser({ tenantId: (await makeTenant()).id });
    // A failed second factor used to be recorded with the actor's id only.
    await audit({ tenantId: admin.tenantId, actorId: member.id, action: `${tag}.mfa`, targetType: "user", targetId: member.id, targetLabel: "old@example.test" });
    await audit({ tenantId: admin.tenantId, actorId: admin.userId, actorEmail: admin.email, action: `${tag}.foreign`, targetType: "user", targetId: foreign.id, targetLabel: foreign.email });
    const rows = (await listAudit(admin, q({ action: tag }))).rows;
    const mfa = rows.find((r) => r.action === `${tag}.mfa`)!;
    expect(mfa.actorEmail).toBe(member.email);
    expect(mfa.targetUser).toEqual({ email: member.email, fullName: "Grace Hopper" });
    // Someone outside the tenant is shown by the label recorded, never looked up (nor linked).
    expect(rows.find((r) => r.action === `${tag}.foreign`)!.targetUser).toBeUndefined();
    const csv = await auditCsv(admin, q({ action: `${tag}.mfa` }));
    expect(csv.split("\n")[1]).toContain(`"${member.email}","${tag}.mfa"`);
  });

  it("recent events are the caller's tenant's, newest first, for a super admin too", async () => {
    const tag = `rec${Date.now().toString(36)}`;
    const other = await makeTenant();
    const root = await makeUser({ superAdmin: true });
    const here = callerOf(root);
    await audit({ tenantId: here.tenantId, action: `${tag}.first` });
    await audit({ tenantId: other.id, action: `${tag}.elsewhere` });
    await audit({ tenantId: null, action: `${tag}.no_tenant` });
    await new Promise((r) => setTimeout(r, 5));
    await audit({ tenantId: here.tenantId, action: `${tag}.second` });
    const mine = (await recentAudit(here, 50)).map((e) => e.action).filter((a) => a.startsWith(tag));
    expect(mine).toEqual([`${tag}.second`, `${tag}.first`]);
    await expect(recentAudit(callerOf(await makeUser()))).rejects.toThrow(/permission/);
  });
});
