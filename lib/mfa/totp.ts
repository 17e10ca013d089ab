import { Secret, TOTP } from "otpauth";

export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
export const ISSUER = "IAM Console";

/** A fresh 160-bit secret, base32 so it drops straight into an otpauth:// URI. */
export const generateTotpSecret = () => new Secret({ size: 20 }).base32;

const totp = (secret: string, account = "") =>
  new TOTP({ issuer: ISSUER, label: account, algorithm: "SHA1", digits: TOTP_DIGITS, period: TOTP_PERIOD, secret: Secret.fromBase32(secret) });

export const otpauthUri = (secret: string, account: string) => totp(secret, account).toString();

export const isBase32Secret = (s: string) => /^[A-Z2-7]{16,128}=*$/.test(s);

/**
 * Checks a code against the current step ±1 and returns the matched time step, or null.
 * A step at or below lastUsedStep is refused: a code is accepted only once.
 */
export function matchTotp(secret: string, code: string, lastUsedStep: number, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secret).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / TOTP_PERIOD) + delta;
  return step > lastUsedStep ? step : null;
}

/** The code for a given time: used by tests and nowhere else. */
export const totpAt = (secret: string, now: number) => totp(secret).generate({ timestamp: now });
