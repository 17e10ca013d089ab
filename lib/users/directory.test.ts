import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { mfaMethods, passkeys, pgpKeys, tenants, users } from "@/db/schema";
import { callerOf, makeDetailedTenant, makeGroup, makeRoleWith, makeTenant, makeUser } from "@/test/factories";
import { createUser } from "./create";
import { detailsOfUsers, tenantForcesMfa } from "./details";
import { allTenantUsersWithDetails, listTenantUsers } from "./directory";

const passkey = (userId: string, n: number) => ({ userId, credentialId: `cred-${userId}-${n}`, publicKey: "pk", deviceType: "multiDevice" as const, name: `key ${n}` });
const pgpKey = (userId: string) => ({ userId, publicKey: "k", fingerprint: `f-${userId}`, algorithm: "rsa" });

describe("a tenant's users with their details in one query", () => {
  it("answer as the per-kind reads do: same users in the same order, same details, pending invitations blanked", async () => {
    const { t, other, a, b, c } = await makeDetailedTenant();
    // An account of another tenant, invited here and not yet accepted: its MFA and key are not this tenant's.
    const invited = await makeUser({ tenantId: other.id });
    await createUser(callerOf(a, t.id), { email: invited.email });
    await db.update(users).set({ mfaRequired: true }).where(eq(users.id, c.id));

    await makeGroup(t.id, "beta", [a.id, b.id, invited.id], { data: { colour: "blue" } });
    await makeGroup(t.id, "alpha", [a.id], { isSystem: true });
    await makeGroup(other.id, "elsewhere", [a.id, c.id, invited.id]);
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
      // The same users, each with exactly the fields a listing shows (no password hash).
      const fields = ["id", "email", "fullName", "active", "isSuperAdmin", "mfaRequired", "quota", "preferredLanguages", "lastLoginAt", "createdAt", "updatedAt"] as const;
      expect(rows.map((r) => r.user)).toEqual(listed.rows.map((u) => Object.fromEntries(fields.map((f) => [f, u[f]]))));
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
    // Booleans come back as booleans on both engines (SQLite's JSON holds 0/1), and nothing but the shown fields.
    expect(da.groups.map(({ id, ...g }) => [typeof id, g])).toEqual([
      ["string", { name: "alpha", isSystem: true }],
      ["string", { name: "beta", isSystem: false }],
    ]);
    expect(da.methods.sort((x, y) => x.kind.localeCompare(y.kind))).toEqual([{ kind: "authenticator" }, { kind: "pin" }]);
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
