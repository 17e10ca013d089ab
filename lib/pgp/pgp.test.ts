import * as openpgp from "openpgp";
import { describe, expect, it } from "vitest";
import { callerOf, makeUser } from "@/test/factories";
import { getPgpKey, hasPgpKey } from "./keys";
import { deleteOwnKey, inspectKeys, saveOwnKey } from "./store";

const pair = (passphrase?: string) => openpgp.generateKey({ type: "ecc", curve: "curve25519Legacy", userIDs: [{ name: "Pat", email: "pat@example.test" }], passphrase, format: "armored" });

describe("PGP keys", () => {
  it("reads fingerprint, algorithm and user id; refuses garbage, private keys as public, and unprotected private keys", async () => {
    const { publicKey, privateKey } = await pair("a long passphrase");
    const k = await inspectKeys(publicKey, privateKey);
    expect(k).toMatchObject({ name: "Pat", email: "pat@example.test", expires: null });
    expect(k.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(k.algorithm).toBe("EdDSA (Ed25519)");
    await expect(inspectKeys("hello")).rejects.toThrow("not an armored OpenPGP public key");
    await expect(inspectKeys(privateKey)).rejects.toThrow(/public key/);
    const bare = await pair();
    await expect(inspectKeys(bare.publicKey, bare.privateKey)).rejects.toThrow("protected with a passphrase");
    await expect(inspectKeys(publicKey, (await pair("another passphrase")).privateKey)).rejects.toThrow("does not belong");
  });

  it("keeps the private part from everyone but its owner; replace and delete", async () => {
    const owner = await makeUser();
    const admin = await makeUser({ roles: ["admin"] });
    const first = await pair("a long passphrase");
    await saveOwnKey(callerOf(owner), first);
    expect((await getPgpKey(callerOf(owner), owner.id)).privateKeyEncrypted).toContain("PRIVATE KEY");
    expect((await getPgpKey(callerOf(admin), owner.id)).privateKeyEncrypted).toBeNull();
    const second = await pair();
    const saved = await saveOwnKey(callerOf(owner), { publicKey: second.publicKey });
    expect(await getPgpKey(callerOf(owner), owner.id)).toMatchObject({ fingerprint: saved.fingerprint, privateKeyEncrypted: null });
    await deleteOwnKey(callerOf(owner));
    expect(await hasPgpKey(owner.id)).toBe(false);
    await expect(deleteOwnKey(callerOf(owner))).rejects.toThrow("no PGP key");
  });
});
