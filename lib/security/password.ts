import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";
import { validation } from "@/lib/errors";

// OWASP argon2id parameters: 19 MiB memory, 2 iterations, 1 lane. Algorithm 2 = Argon2id.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (plain: string) => hash(plain, OPTIONS);

export async function verifyPassword(stored: string | null | undefined, plain: string) {
  if (!stored) {
    // Spend the same time as a real check so a missing account is not observable.
    await hash(plain, OPTIONS);
    return false;
  }
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

let common: Set<string> | undefined;
const commonPasswords = () =>
  (common ??= new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase())));

export interface PasswordPolicy {
  passwordMinLength: number;
  rejectCommonPasswords: boolean;
}

export const DEFAULT_POLICY: PasswordPolicy = { passwordMinLength: 10, rejectCommonPasswords: true };

/** Throws a field error naming what is wrong with the password. */
export function assertPasswordPolicy(password: string, policy: PasswordPolicy, field = "password", email?: string) {
  if (password.length < policy.passwordMinLength)
    throw validation(`Password must be at least ${policy.passwordMinLength} characters`, field);
  if (password.length > 256) throw validation("Password must be at most 256 characters", field);
  if (policy.rejectCommonPasswords) {
    const lower = password.toLowerCase();
    if (commonPasswords().has(lower)) throw validation("This password is too common; choose another", field);
    if (email && lower.includes(email.toLowerCase().split("@")[0]!) && email.split("@")[0]!.length >= 4)
      throw validation("Password must not contain your email address", field);
  }
}
