import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { groupMembers, groups, mfaMethods, passkeys, pgpKeys, tenants, users } from "@/db/schema";
import { callerOf, makeRoleWith, makeTenant, makeUser } from "@/test/factories";
import { createUser } from "./create";
import { detailsOfUsers, tenantForcesMfa } from "./details";
import { allTenantUsersWithDetails, listTenantUsers } from "./directory";
import { ensureMembership } from "./records";

const group = async (tenantId: string, name: string, userIds: string[], extra: { isSystem?: boolean; data?: Record<string, string> } = {}) => {
  const [g] = await db.insert(groups).values({ tenantId, name, ...extra }).returning();
  if (userIds.length) await db.insert(groupMembers).values(userIds.map((userId) => ({ groupId: g!.id, userId })));
  return g!;
};
const passkey = (userId: string, n: number) => ({ userId, credentialId: `cred-${userId}-${n}`, publicKey: "pk", deviceType: "multiDevice" as const, name: `key ${n}` });
const pgpKey = (userId: string) => ({ userId, publicKey: "k", fingerprint: `f-${userId}`, algorithm: "rsa" });

describe("a tenant's users with their details in one query", () => {
  it("answer as the per-kind reads do: same users in the same order, same details, pending invitations blanked", async () => {
    const t = await makeTenant();
    const other = await makeTenant();
    const a = await makeUser({ tenantId: t.id, roles: ["member", "admin"] });
    const b = await makeUser({ tenantId: t.id });
    const c = await makeUser({ tenantId: t.id, roles: ["member"] });
    await ensureMembership(db, a.id, other.id, ["admin"]);
    // An account of another tenant, invited here and not yet accepted: its MFA and key are not this tenant's.
    const invited = await makeUser({ tenantId: other.id });
    await createUser(callerOf(a, t.id), { email: invited.email });
    await db.update(users).set({ mfaRequired: true }).where(eq(users.id, c.id));

    await group(t.id, "beta", [a.id, b.id, invited.id], { data: { colour: "blue" } });
    await group(t.id, "alpha", [a.id], { isSystem: true });
    await group(other.id, "elsewhere", [a.id, c.id, invited.id]);
    await db.insert(mfaMethods).values([
      { userId: a.id, kind: "authenticator", secretEnc: "x", lastUsedStep: 7 },
      { userId: a.id, kind: "pin", pinHash: "y" },
      { userId: c.id, kind: "pin", pinHash: "z" },
      { userId: invited.id, kind: "authenticator", secretEnc: "w" },
    ]);
    await db.insert(passkeys).values([passkey(a.id, 1), passkey(a.id, 2), passkey(invited.id, 1)]);
    await db.insert(pgpKeys).values([pgpKey(b.id), pgpKey(invited.id)]);

    const caller = callerOf(a, t.id);
    const check = async () => {
      const rows = await allTenantUsersWithDetails(caller);
      const listed = await listTenantUsers(caller, { orderBy: "name", order: "ASC", records: 500 });
      expect(rows.map((r) => r.user)).toEqual(listed.rows);
      const of = await detailsOfUsers(rows.map((r) => r.user.id), t.id);
      for (const r of rows) expect(r.details).toEqual(of(r.user.id));
      const forced = await tenantForcesMfa(t.id);
      for (const r of rows) expect(r.tenantForcesMfa).toBe(forced);
      return new Map(rows.map((r) => [r.user.id, r]));
    };

    const by = await check();
    expect([...by.keys()].sort()).toEqual([a.id, b.id, c.id, invited.id].sort());
    const da = by.get(a.id)!.details;
    expect(da.roleNames).toEqual(["admin", "member"]);
    expect(da.groups.map((g) => [g.name, g.isSystem, g.data])).toEqual([
      ["alpha", true, {}],
      ["beta", false, { colour: "blue" }],
    ]);
    expect(da.groups[0]!.createdAt).toBeInstanceOf(Date);
    expect(da.methods.map((m) => m.kind).sort()).toEqual(["authenticator", "pin"]);
    expect(da.methods.every((m) => m.createdAt instanceof Date)).toBe(true);
    expect(da.passkeyCount).toBe(2);
    expect(by.get(b.id)!.details).toMatchObject({ roleNames: [], methods: [], passkeyCount: 0, hasPgpKey: true });
    expect(by.get(c.id)!.user.mfaRequired).toBe(true);
    expect(by.get(c.id)!.details.groups).toEqual([]);
    expect(by.get(invited.id)!.details).toMatchObject({ methods: [], passkeyCount: 0, hasPgpKey: false, roleNames: [] });
    expect(by.get(invited.id)!.details.groups.map((g) => g.name)).toEqual(["beta"]);
    expect(by.get(invited.id)!.user.email).toBe(invited.email);

    await db.update(tenants).set({ forceMfa: true }).where(eq(tenants.id, t.id));
    expect([...(await check()).values()].every((r) => r.tenantForcesMfa)).toBe(true);
  });

  it("reads only the caller's tenant, and only with User/Read", async () => {
    const t = await makeTenant();
    const other = await makeTenant();
    const admin = await makeUser({ tenantId: t.id, roles: ["admin"] });
    await makeUser({ tenantId: other.id });
    expect((await allTenantUsersWithDetails(callerOf(admin, t.id))).map((r) => r.user.id)).toEqual([admin.id]);
    const narrow = await makeRoleWith([{ resource: "Group", action: "Read" }], t.id);
    const reader = await makeUser({ tenantId: t.id, roles: [narrow.id] });
    await expect(allTenantUsersWithDetails(callerOf(reader, t.id))).rejects.toThrow();
  });
});
