import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir, env } from "@/lib/env";

/** Opaque random token, 256 bits, URL-safe. */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString("base64url");

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

export function safeEqual(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

let masterKey: Buffer | undefined;

/**
 * The instance secret: APP_SECRET when set, otherwise 32 random bytes written once to
 * data/secret.key (mode 0600) so a fresh install is secure without configuration.
 */
function instanceSecret(): Buffer {
  if (masterKey) return masterKey;
  if (env.APP_SECRET) {
    masterKey = createHash("sha256").update(env.APP_SECRET).digest();
    return masterKey;
  }
  const file = path.join(dataDir, "secret.key");
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString("base64"), { flag: "wx", mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  masterKey = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
  return masterKey;
}

/** Separate keys per purpose, derived from the one instance secret. */
export const deriveKey = (purpose: string) => createHmac("sha256", instanceSecret()).update(purpose).digest();

/** HMAC-SHA256 under a purpose key: short secrets (recovery codes) cannot be brute-forced from a leaked table. */
export const keyedHash = (purpose: string, value: string) => createHmac("sha256", deriveKey(purpose)).update(value).digest("hex");

/** AES-256-GCM; output "v1.<iv>.<tag>.<ciphertext>" in base64url. */
export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey("secret-encryption"), iv);
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
}

export function decryptSecret(sealed: string): string {
  const [v, iv, tag, ct] = sealed.split(".");
  if (v !== "v1" || !iv || !tag || !ct) throw new Error("Unknown secret format");
  const decipher = createDecipheriv("aes-256-gcm", deriveKey("secret-encryption"), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}
