import { keyedHash, randomToken, safeEqual } from "@/lib/security/crypto";

/**
 * OWASP "device cookies": a browser that completed a sign-in gets a cookie signed with an instance
 * key and bound to that account. A correct password from it is throttled on its own counter, so
 * failures from anywhere else (someone guessing the password) cannot lock its owner out; failures
 * from the device itself still count, on that counter. It proves nothing else: the password and
 * any second factor are still asked for.
 */
export const DEVICE_COOKIE = "iam.device";
export const DEVICE_COOKIE_MAX_AGE_S = 180 * 86400;

const sign = (userId: string, nonce: string) => keyedHash("device-cookie", `${userId}.${nonce}`);

export function newDeviceCookie(userId: string) {
  const nonce = randomToken(16);
  return `v1.${userId}.${nonce}.${sign(userId, nonce)}`;
}

/** The device's id when the cookie is genuine and bound to this account, else undefined. */
export function knownDevice(cookie: string | undefined, userId: string) {
  const [v, boundTo, nonce, sig] = cookie?.split(".") ?? [];
  if (v !== "v1" || boundTo !== userId || !nonce || !sig) return undefined;
  return safeEqual(sig, sign(userId, nonce)) ? nonce : undefined;
}
