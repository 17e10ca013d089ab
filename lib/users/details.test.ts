import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { mfaMethods, pgpKeys, tenants } from "@/db/schema";
import { groupsOfUser } from "@/lib/groups/groups";
import { listMethods } from "@/lib/mfa/methods";
import { hasPgpKey } from "@/lib/pgp/keys";
import { roleCodesOf } from "@/lib/roles/roles";
import { makeDetailedTenant, makeGroup, makeTenant, makeUser } from "@/test/factories";
import { detailsOfUsers, registrationsOf, tenantForcesMfa } from "./details";
import { ensureMembership } from "./records";

describe("user details read for a whole list", () => {
  it("match what the per-user reads answer, user by user, in the tenant only", async () => {
    const { t, other, a, b, c } = await makeDetailedTenant();
    await makeGroup(t.id, "beta", [a.id, b.id]);
    await makeGroup(t.id, "alpha", [a.id]);
    await makeGroup(other.id, "elsewhere", [a.id, c.id]);
    await db.insert(mfaMethods).values([{ userId: a.id, kind: "authenticator", secretEnc: "x" }, { userId: a.id, kind: "pin", pinHash: "y" }, { userId: c.id, kind: "pin", pinHash: "z" }]);
    await db.insert(pgpKeys).values({ userId: b.id, publicKey: "k", fingerprint: "f", algorithm: "rsa" });

    const of = await detailsOfUsers([a.id, b.id, c.id, a.id], t.id);
    for (const u of [a, b, c]) {
      const d = of(u.id);
      expect(d.roleNames).toEqual(await roleCodesOf(u.id, t.id));
      // The same groups and methods, with only the fields an answer shows (no secret or PIN hash).
      expect(d.groups).toEqual((await groupsOfUser(u.id, t.id)).map(({ id, name, isSystem }) => ({ id, name, isSystem })));
      expect(d.methods).toEqual((await listMethods(u.id)).map(({ kind }) => ({ kind })));
      expect(d.hasPgpKey).toBe(await hasPgpKey(u.id));
    }
    expect(of(a.id).roleNames).toEqual(["admin", "member"]);
    expect(of(a.id).groups.map((g) => g.name)).toEqual(["alpha", "beta"]);
    expect(of(a.id).methods.map((m) => m.kind).sort()).toEqual(["authenticator", "pin"]);
    expect(of(b.id)).toMatchObject({ roleNames: [], methods: [], hasPgpKey: true });
    expect(of(c.id).groups).toEqual([]);
    expect(of("not-in-the-list")).toEqual({ methods: [], passkeyCount: 0, groups: [], roleNames: [], hasPgpKey: false });
    expect((await detailsOfUsers([], t.id))(a.id).roleNames).toEqual([]);
  });

  it("tenantForcesMfa follows the tenant setting", async () => {
    const t = await makeTenant();
    expect(await tenantForcesMfa(t.id)).toBe(false);
    await db.update(tenants).set({ forceMfa: true }).where(eq(tenants.id, t.id));
    expect(await tenantForcesMfa(t.id)).toBe(true);
    expect(await tenantForcesMfa("no-such-tenant")).toBe(false);
  });

  it("registrations list each membership with its roles, only in the visible tenants when given", async () => {
    const t = await makeTenant();
    const other = await makeTenant();
    const u = await makeUser({ tenantId: t.id, roles: ["admin"] });
    await ensureMembership(db, u.id, other.id, ["member", "admin"]);
    const byTenant = (regs: Awaited<ReturnType<typeof registrationsOf>>) => Object.fromEntries(regs.map((r) => [r.membership.tenantId, [...r.roleNames].sort()]));
    expect(byTenant(await registrationsOf(u.id))).toEqual({ [t.id]: ["admin"], [other.id]: ["admin", "member"] });
    expect(byTenant(await registrationsOf(u.id, [other.id]))).toEqual({ [other.id]: ["admin", "member"] });
    expect(await registrationsOf(u.id, [])).toEqual([]);
  });
});
