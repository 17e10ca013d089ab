import { and, count, eq, isNull } from "drizzle-orm";
import { hash, verify } from "@node-rs/argon2";
import { db, type DB, type Tx } from "@/db/client";
import { keyPlaceholder } from "@/db/dialect";
import { preparedOnce } from "@/db/prepared";
import { mfaMethods, passkeys, recoveryCodes, users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import { notFound, validation } from "@/lib/errors";
import { decryptSecret, encryptSecret, keyedHash, randomToken } from "@/lib/security/crypto";
import { claimAttempt, failedAttempt, succeededAttempt } from "@/lib/security/throttle";
import { isBase32Secret, matchTotp } from "./totp";

export type SecondFactor = "authenticator" | "pin" | "recovery" | "passkey";
const RECOVERY_COUNT = 10;

const methodsOf = preparedOnce("mfa_methods_of", () => db.select().from(mfaMethods).where(eq(mfaMethods.userId, keyPlaceholder("userId"))));

export const listMethods = async (userId: string) => await methodsOf({ userId });

export async function hasAuthenticator(userId: string) {
  return (await listMethods(userId)).some((m) => m.kind === "authenticator");
}

export async function remainingRecoveryCodes(userId: string) {
  const [row] = await db.select({ n: count() }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row!.n;
}

/** Keeps users.mfaEnrolled in step with the methods and passkeys tables (the users list filters on it; a passkey is a second factor). */
export async function syncEnrolled(userId: string, tx: Tx | DB = db) {
  const [row] = await tx.select({ n: count() }).from(mfaMethods).where(eq(mfaMethods.userId, userId));
  const [keys] = await tx.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, userId));
  await tx.update(users).set({ mfaEnrolled: row!.n + keys!.n > 0 }).where(eq(users.id, userId));
}

/**
 * Recovery codes: 10 groups of 4+4 characters (about 40 bits each), shown once. Stored as an
 * HMAC under an instance key: a plain hash of so short a code could be reversed from a leaked table.
 */
export async function newRecoveryCodes(userId: string, tx: Tx | DB = db) {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  const codes = Array.from({ length: RECOVERY_COUNT }, () => {
    const raw = randomToken(8).replace(/[-_]/g, "x").slice(0, 8).toLowerCase();
    return `${raw.slice(0, 4)}-${raw.slice(4)}`;
  });
  await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: recoveryHash(c) })));
  return codes;
}

const normalizeRecovery = (code: string) => code.trim().toLowerCase().replace(/[\s-]/g, "");
export const recoveryHash = (code: string) => keyedHash("recovery-codes", normalizeRecovery(code));

/**
 * Verifies a code against the user's factors and consumes it: TOTP steps cannot be replayed,
 * recovery codes are single-use. Returns which factor matched, or null.
 */
export async function verifySecondFactor(userId: string, code: string, now = Date.now()): Promise<SecondFactor | null> {
  const input = code.trim().replace(/\s/g, "");
  for (const m of await listMethods(userId)) {
    if (m.kind === "authenticator" && m.secretEnc) {
      const step = matchTotp(decryptSecret(m.secretEnc), input, m.lastUsedStep, now);
      if (step !== null) {
        // Conditional update: two concurrent requests with the same code cannot both win.
        const won = await db
          .update(mfaMethods)
          .set({ lastUsedStep: step })
          .where(and(eq(mfaMethods.id, m.id), eq(mfaMethods.lastUsedStep, m.lastUsedStep)))
          .returning({ id: mfaMethods.id });
        if (won.length) return "authenticator";
      }
    }
    if (m.kind === "pin" && m.pinHash && /^\d{4,12}$/.test(input)) {
      if (await verify(m.pinHash, input).catch(() => false)) return "pin";
    }
  }
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date(now) })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, recoveryHash(input)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length ? "recovery" : null;
}

/**
 * The one code check of sign-in and of self-service changes: throttled per user (plus any extra
 * keys), the failure counted before the check so parallel guesses cannot exceed the limit.
 */
export async function checkSecondFactor(userId: string, code: string, extraKeys: string[] = []) {
  const keys = [`mfa:${userId}`, ...extraKeys];
  await claimAttempt(keys);
  const factor = await verifySecondFactor(userId, code);
  if (factor) await succeededAttempt(keys);
  else await failedAttempt(keys);
  return factor;
}

/**
 * Adds an authenticator after checking a current code for the secret. The first method also
 * creates recovery codes, returned once.
 */
export async function enableAuthenticator(userId: string, secret: string, code: string, actor: { id: string; email: string; ip: string; tenantId?: string }, now = Date.now()) {
  if (!isBase32Secret(secret)) throw validation("secret must be a base32 TOTP secret", "secret");
  const step = matchTotp(secret, code.trim(), 0, now);
  if (step === null) throw validation("The code does not match; check your device clock and try the current code", "code");
  return await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId));
    if (!user) throw notFound("User not found");
    const [method] = await tx.insert(mfaMethods).values({ userId, kind: "authenticator", secretEnc: encryptSecret(secret), lastUsedStep: step }).returning();
    const hadCodes = (await tx.select({ id: recoveryCodes.id }).from(recoveryCodes).where(eq(recoveryCodes.userId, userId)).limit(1)).length > 0;
    const codes = hadCodes ? [] : await newRecoveryCodes(userId, tx);
    await syncEnrolled(userId, tx);
    await audit({ tenantId: actor.tenantId, actorId: actor.id, actorEmail: actor.email, ip: actor.ip, action: "mfa.enabled", targetType: "user", targetId: userId, targetLabel: user.email, data: { methodId: method!.id } }, tx);
    return { method: method!, recoveryCodes: codes };
  });
}

/** Removes one method; the last method removed also drops the recovery codes. */
export async function deleteMethod(userId: string, methodId: string, actor: { id: string; email: string; ip: string; tenantId?: string }) {
  await db.transaction(async (tx) => {
    const removed = await tx.delete(mfaMethods).where(and(eq(mfaMethods.id, methodId), eq(mfaMethods.userId, userId))).returning({ id: mfaMethods.id });
    if (removed.length === 0) throw notFound("MFA method not found");
    const left = await tx.select({ id: mfaMethods.id }).from(mfaMethods).where(eq(mfaMethods.userId, userId)).limit(1);
    const keys = await tx.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, userId)).limit(1);
    if (left.length === 0 && keys.length === 0) await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await syncEnrolled(userId, tx);
    await audit({ tenantId: actor.tenantId, actorId: actor.id, actorEmail: actor.email, ip: actor.ip, action: "mfa.method_removed", targetType: "user", targetId: userId, data: { methodId } }, tx);
  });
}

export async function hashPin(pin: string) {
  if (!/^\d{4,12}$/.test(pin)) throw validation("PIN must be 4 to 12 digits", "code");
  return hash(pin, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}
