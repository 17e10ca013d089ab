import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { rolePermissions, roles } from "@/db/schema";
import { callerOf, makeTenant, makeUser } from "@/test/factories";
import { eq } from "drizzle-orm";
import { can, requireTenant } from "./caller";
import { grants } from "./catalogue";

describe("permission evaluation", () => {
  it("treats All as a wildcard on either axis", () => {
    expect(grants([{ resource: "All", action: "All" }], "User", "Delete")).toBe(true);
    expect(grants([{ resource: "User", action: "All" }], "User", "Delete")).toBe(true);
    expect(grants([{ resource: "User", action: "All" }], "Role", "Read")).toBe(false);
    expect(grants([{ resource: "All", action: "Read" }], "Role", "Read")).toBe(true);
    expect(grants([{ resource: "All", action: "Read" }], "Role", "Edit")).toBe(false);
  });

  it("grants nothing for enum strings outside our catalogue", () => {
    expect(grants([{ resource: "Invoice", action: "All" }], "User", "Read")).toBe(false);
  });

  it("admin role grants, member (default) role does not; retiring a role takes effect at once", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const member = await makeUser();
    expect(await can(callerOf(admin), "User", "Delete")).toBe(true);
    expect(await can(callerOf(member), "User", "Read")).toBe(false);
    const tenantId = callerOf(admin).tenantId;
    const [role] = await db.insert(roles).values({ tenantId, name: `readers-${Date.now()}` }).returning();
    await db.insert(rolePermissions).values({ roleId: role!.id, resource: "User", action: "Read" });
    const reader = await makeUser({ roles: [role!.name] });
    expect(await can(callerOf(reader), "User", "Read")).toBe(true);
    expect(await can(callerOf(reader), "User", "Edit")).toBe(false);
    await db.update(roles).set({ revokedAt: new Date() }).where(eq(roles.id, role!.id));
    expect(await can(callerOf(reader), "User", "Read")).toBe(false);
  });

  it("read-only callers can only read", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const ro = callerOf(admin, undefined, { readOnly: true });
    expect(await can(ro, "User", "Read")).toBe(true);
    expect(await can(ro, "User", "Edit")).toBe(false);
  });

  it("objects of another tenant are not found, except for a super admin", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const other = await makeTenant();
    await expect(requireTenant(callerOf(admin), other.id)).rejects.toThrow(/not found/i);
    const root = await makeUser({ superAdmin: true });
    await expect(requireTenant(callerOf(root), other.id)).resolves.toBeUndefined();
  });
});
