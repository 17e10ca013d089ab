import { describe, expect, it } from "vitest";
import { handle } from "@/app/api/_shared/route";
import { getUser, listUsers } from "@/app/api/1.0/_ops/users";
import { Login } from "@/app/api/iambackoffice.IamBackoffice/_ops/login";
import { db } from "@/db/client";
import { groupMembers, groups, mfaMethods, passkeys, pgpKeys } from "@/db/schema";
import { makeTenant, makeUser, PASSWORD } from "@/test/factories";

const ctx = { params: Promise.resolve({}) };
const get = (path: string, token: string) => new Request(`http://localhost${path}`, { headers: { authorization: `Bearer ${token}` } });

async function signIn(email: string) {
  const res = await handle(Login)(new Request(`http://localhost${Login.path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ loginId: email, password: PASSWORD }) }), ctx);
  return ((await res.json()) as { tokens: { token: string } }).tokens.token;
}

describe("Quatrix GET /api/1.0/user", () => {
  it("answers each user byte for byte as GET /api/1.0/user/metadata/{id} does (one query against the per-kind reads)", async () => {
    const t = await makeTenant();
    const a = await makeUser({ tenantId: t.id, roles: ["admin", "member"] });
    const b = await makeUser({ tenantId: t.id });
    const c = await makeUser({ tenantId: t.id, roles: ["member"] });
    const token = await signIn(a.email); // before a has a second factor
    const [zeta] = await db.insert(groups).values({ tenantId: t.id, name: "zeta", isSystem: true }).returning();
    const [alpha] = await db.insert(groups).values({ tenantId: t.id, name: "Alpha" }).returning();
    await db.insert(groupMembers).values([
      { groupId: zeta!.id, userId: a.id },
      { groupId: alpha!.id, userId: a.id },
      { groupId: alpha!.id, userId: b.id },
    ]);
    await db.insert(mfaMethods).values([{ userId: a.id, kind: "pin", pinHash: "y" }, { userId: a.id, kind: "authenticator", secretEnc: "x" }, { userId: c.id, kind: "authenticator" }]);
    await db.insert(passkeys).values({ userId: b.id, credentialId: `cred-${b.id}`, publicKey: "p", deviceType: "multiDevice", name: "key" });
    await db.insert(pgpKeys).values({ userId: c.id, publicKey: "k", fingerprint: "f", algorithm: "rsa" });

    const list = (await (await handle(listUsers)(get(listUsers.path, token), ctx)).json()) as { id: string }[];
    expect(list.map((u) => u.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(list.find((u) => u.id === a.id)).toMatchObject({ super_admin: "Y", auth_methods: ["PIN", "2FA"], groups: [{ name: "Alpha" }, { name: "zeta", metadata: { is_system: true } }] });
    for (const u of list) {
      const one = await handle(getUser)(get(`/api/1.0/user/metadata/${u.id}`, token), { params: Promise.resolve({ id: u.id }) });
      expect(JSON.stringify(u)).toBe(await one.text());
    }
  });
});
