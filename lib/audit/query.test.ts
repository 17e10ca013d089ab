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
    const other = makeTenant();
    const foreignAdmin = await makeUser({ roles: ["admin"], tenantId: other.id });
    const foreign = callerOf(foreignAdmin, other.id);
    const root = callerOf(await makeUser({ superAdmin: true }));
    audit({ tenantId: mine.tenantId, action: `${tag}.a`, targetType: "user", targetId: admin.id, targetLabel: admin.email, ip: "10.1.2.3" });
    audit({ tenantId: mine.tenantId, action: `${tag}.b`, targetType: "user", targetId: "u-2", targetLabel: `second-${tag}@example.test`, ip: "192.168.0.9" });
    audit({ tenantId: other.id, action: `${tag}.c`, targetType: "user", targetId: foreignAdmin.id, targetLabel: foreignAdmin.email, ip: "10.1.2.4" });
    const actions = (c: typeof mine, p: Record<string, string>) => listAudit(c, q({ action: tag, ...p })).rows.map((r) => r.action).sort();

    expect(actions(mine, {})).toEqual([`${tag}.a`, `${tag}.b`]);
    // Passing the other tenant's id changes nothing for a tenant admin.
    expect(actions(mine, { tenant: other.id })).toEqual([`${tag}.a`, `${tag}.b`]);
    expect(actions(foreign, { tenant: mine.tenantId })).toEqual([`${tag}.c`]);
    expect(actions(mine, { target: foreignAdmin.email })).toEqual([]);
    expect(actions(mine, { ip: "10.1.2.4" })).toEqual([]);
    expect(auditTenantOptions(mine).map((t) => t.id)).toEqual([mine.tenantId]);

    expect(actions(mine, { ip: "10.1." })).toEqual([`${tag}.a`]);
    expect(actions(mine, { target: admin.id })).toEqual([`${tag}.a`]);
    expect(actions(mine, { target: `second-${tag}` })).toEqual([`${tag}.b`]);
    expect(actions(mine, { target: admin.email.toUpperCase() })).toEqual([`${tag}.a`]);

    // Super admins see every tenant, or one they pick; rows carry the tenant's name.
    expect(actions(root, {})).toEqual([`${tag}.a`, `${tag}.b`, `${tag}.c`]);
    expect(actions(root, { tenant: other.id })).toEqual([`${tag}.c`]);
    expect(actions(root, { ip: "10.1.2." })).toEqual([`${tag}.a`, `${tag}.c`]);
    expect(listAudit(root, q({ action: `${tag}.c` })).rows[0]!.tenantName).toBe(other.name);
    expect(auditTenantOptions(root).map((t) => t.id)).toContain(other.id);

    const member = await makeUser();
    expect(() => listAudit(callerOf(member), q())).toThrow(/permission/);
  });
});
