import { eq } from "drizzle-orm";
import * as openpgp from "openpgp";
import { db } from "@/db/client";
import { pgpKeys } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import type { Caller } from "@/lib/authz/caller";
import { notFound, validation } from "@/lib/errors";

const MAX_ARMOR = 64 * 1024;

const ALGORITHMS: Record<string, string> = { eddsaLegacy: "EdDSA", ed25519: "EdDSA", ed448: "EdDSA", rsaEncryptSign: "RSA", rsaSign: "RSA", ecdsa: "ECDSA", dsa: "DSA" };

/** "EdDSA (Ed25519)", "RSA 4096": openpgp's names without their "Legacy" suffixes. */
function describeAlgorithm(info: ReturnType<openpgp.Key["getAlgorithmInfo"]>) {
  const name = ALGORITHMS[info.algorithm] ?? info.algorithm;
  if ("curve" in info && info.curve) return `${name} (${String(info.curve).replace(/Legacy$/, "").replace(/^ed/, "Ed")})`;
  return "bits" in info && info.bits ? `${name} ${info.bits}` : name;
}

/** Reads and checks an armored public key (and, if given, its passphrase-protected private key). */
export async function inspectKeys(publicArmored: string, privateArmored?: string) {
  if (publicArmored.length > MAX_ARMOR) throw validation("The public key is too large", "publicKey");
  let key: openpgp.Key;
  try {
    key = await openpgp.readKey({ armoredKey: publicArmored });
  } catch {
    throw validation("This is not an armored OpenPGP public key", "publicKey");
  }
  if (key.isPrivate()) throw validation("Paste the public key here, not the private key", "publicKey");
  const fingerprint = key.getFingerprint().toUpperCase();
  if (privateArmored) {
    if (privateArmored.length > MAX_ARMOR) throw validation("The private key is too large", "privateKey");
    let priv: openpgp.PrivateKey;
    try {
      priv = await openpgp.readPrivateKey({ armoredKey: privateArmored });
    } catch {
      throw validation("This is not an armored OpenPGP private key", "privateKey");
    }
    // Only ever keep a private key that the browser encrypted with the user's passphrase.
    if (priv.isDecrypted()) throw validation("The private key must be protected with a passphrase", "privateKey");
    if (priv.getFingerprint().toUpperCase() !== fingerprint) throw validation("The private key does not belong to this public key", "privateKey");
  }
  const user = (await key.getPrimaryUser().catch(() => undefined))?.user.userID;
  const info = key.getAlgorithmInfo();
  const expires = await key.getExpirationTime().catch(() => null);
  return {
    fingerprint,
    algorithm: describeAlgorithm(info),
    name: user?.name ?? "",
    email: user?.email ?? "",
    created: key.getCreationTime(),
    expires: expires instanceof Date ? expires : null,
    publicKey: key.armor(),
  };
}

/** Stores (or replaces) the caller's own key. */
export async function saveOwnKey(caller: Caller, input: { publicKey: string; privateKey?: string }) {
  const k = await inspectKeys(input.publicKey, input.privateKey);
  const values = {
    userId: caller.userId,
    name: k.name,
    email: k.email,
    publicKey: k.publicKey,
    privateKeyEncrypted: input.privateKey ?? null,
    fingerprint: k.fingerprint,
    algorithm: k.algorithm,
    keyCreatedAt: k.created,
    keyExpiresAt: k.expires,
  };
  await db.transaction(async (tx) => {
    await tx.insert(pgpKeys).values(values).onConflictDoUpdate({ target: pgpKeys.userId, set: { ...values, updatedAt: new Date() } });
    await audit({ tenantId: caller.tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "pgp.key_saved", targetType: "user", targetId: caller.userId, data: { fingerprint: k.fingerprint, withPrivate: !!input.privateKey } }, tx);
  });
  return k;
}

export async function deleteOwnKey(caller: Caller) {
  await db.transaction(async (tx) => {
    const removed = await tx.delete(pgpKeys).where(eq(pgpKeys.userId, caller.userId)).returning({ id: pgpKeys.id });
    if (!removed.length) throw notFound("You have no PGP key");
    await audit({ tenantId: caller.tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "pgp.key_deleted", targetType: "user", targetId: caller.userId }, tx);
  });
}

export const ownKey = async (caller: Caller) => (await db.select().from(pgpKeys).where(eq(pgpKeys.userId, caller.userId)))[0];
