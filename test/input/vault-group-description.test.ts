import { describe, expect, it } from "vitest";
import { handle } from "@/app/api/_shared/route";
import { Login } from "@/app/api/iambackoffice.IamBackoffice/_ops/login";
import { groupAdd } from "@/app/api/user/_ops/vault";
import { exportBackup, importBackup } from "@/lib/vault/backup";
import { addVaultGroup, listVaultGroups } from "@/lib/vault/vault";
import { makeUser, PASSWORD } from "@/test/factories";

// A vault group description is capped at 2,000 characters where groups are made, as the backup
// schema is: a longer one made the owner's own export impossible to re-import.

const ctx = { params: Promise.resolve({}) };
const post = (path: string, body: unknown, token?: string) =>
  new Request(`http://localhost${path}`, { method: "POST", headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });

describe("vault group description", () => {
  it("addVaultGroup refuses more than 2,000 characters; 2,000 still round-trips through a backup", async () => {
    const u = await makeUser();
    await expect(addVaultGroup(u.id, { name: "Big", description: "d".repeat(2001) })).rejects.toThrow("Group description is too long (at most 2,000 characters)");
    const ok = await addVaultGroup(u.id, { name: "Edge", description: "d".repeat(2000) });
    const other = await makeUser();
    await expect(importBackup(other.id, await exportBackup(u.id, ok.id))).resolves.toMatchObject({ groups: 1 });
    expect((await listVaultGroups(other.id)).find((g) => g.name === "Edge")?.description).toHaveLength(2000);
  });

  it("Forgiva metadata/group/add answers 400 for a longer description and creates nothing", async () => {
    const u = await makeUser();
    const token = ((await (await handle(Login)(post(Login.path, { loginId: u.email, password: PASSWORD }), ctx)).json()) as { tokens: { token: string } }).tokens.token;
    const before = (await listVaultGroups(u.id)).length;
    const res = await handle(groupAdd)(post(groupAdd.path, { group: { groupName: "Big", groupDescription: "d".repeat(3000) } }, token), ctx);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("groupDescription must be at most 2000 characters");
    expect(await listVaultGroups(u.id)).toHaveLength(before);
  });
});
