import { describe, expect, it } from "vitest";
import { callerOf, makeTenant, makeUser } from "@/test/factories";
import { audit } from "./record";
import { auditQuerySchema, auditTenantOptions, listAudit } from "./query";

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
});
