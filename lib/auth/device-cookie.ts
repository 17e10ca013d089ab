import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { keyedHash, randomToken, safeEqual } from "@/lib/security/crypto";

/**
 * OWASP "device cookies": a browser that completed a sign-in gets a cookie signed with an instance
 * key and bound to that account. A correct password from it is throttled on its own counter, so
 * failures from anywhere else (someone guessing the password) cannot lock its owner out; failures
 * from the device itself still count, on that counter. It proves nothing else: the password and
 * any second factor are still asked for.
 *
 * The signature also covers the account's current password hash and credentials epoch (bumped by
 * revokeAllCredentials), so a cookie dies with every credential-ending event: someone who once knew
 * the password cannot keep a stack of cookies, each with free guesses, past the owner's reset.
 */
export const DEVICE_COOKIE = "iam.device";
export const DEVICE_COOKIE_MAX_AGE_S = 180 * 86400;

/** What the cookie is bound to besides the account. */
export interface DeviceCredentials {
  passwordHash: string | null;
  epoch: number;
}

/** undefined for an account that does not exist. */
async function credentialsOf(userId: string): Promise<DeviceCredentials | undefined> {
  const [credentials] = await db.select({ passwordHash: users.passwordHash, epoch: users.credentialsEpoch }).from(users).where(eq(users.id, userId));
  return credentials;
}

const sign = (userId: string, nonce: string, c: DeviceCredentials) =>
  keyedHash("device-cookie", `${userId}.${nonce}.${c.epoch}.${c.passwordHash ?? ""}`);

export async function newDeviceCookie(userId: string) {
  const credentials = await credentialsOf(userId);
  if (!credentials) throw new Error(`No user ${userId} to remember a device for`);
  const nonce = randomToken(16);
  return `v2.${userId}.${nonce}.${sign(userId, nonce, credentials)}`;
}

/**
 * The device's id when the cookie is genuine, bound to this account and issued since its
 * credentials last ended, else undefined. `known`: the account's credentials, when just read.
 */
export async function knownDevice(cookie: string | undefined, userId: string, known?: DeviceCredentials) {
  const [v, boundTo, nonce, sig] = cookie?.split(".") ?? [];
  if (v !== "v2" || boundTo !== userId || !nonce || !sig) return undefined;
  const credentials = known ?? (await credentialsOf(userId));
  return credentials && safeEqual(sig, sign(userId, nonce, credentials)) ? nonce : undefined;
}
