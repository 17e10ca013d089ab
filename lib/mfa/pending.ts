import { and, eq, inArray } from "drizzle-orm";
import { db, type DB, type Tx } from "@/db/client";
import { userSettings, users } from "@/db/schema";
import type { Caller } from "@/lib/authz/caller";
import { AppError, notFound } from "@/lib/errors";
import { decryptSecret, encryptSecret } from "@/lib/security/crypto";
import { addAuthenticator } from "./self-service";
import { generateTotpSecret } from "./totp";

/**
 * The authenticator secret of an enrolment in progress, one per user until it is confirmed or
 * cancelled, so a QR code scanned before a reload still matches after it. Kept as a user setting
 * under a key the settings API does not know (lib/settings/settings.ts answers only its own keys),
 * sealed like an enrolled secret (AES-256-GCM) and tagged with the credentials epoch: when every
 * credential of the user ends (password reset, sign out everywhere, MFA reset) the secret a
 * possibly stolen session saw is never offered again.
 */
const KEY = "mfa_pending_totp";

interface Sealed {
  secret: string;
  epoch: number;
}

const parse = (value: string): Sealed | null => {
  try {
    const v = JSON.parse(value) as Partial<Sealed>;
    return typeof v.secret === "string" && typeof v.epoch === "number" ? { secret: v.secret, epoch: v.epoch } : null;
  } catch {
    return null;
  }
};

async function stored(userId: string) {
  const [row] = await db
    .select({ value: userSettings.value, epoch: users.credentialsEpoch })
    .from(users)
    .leftJoin(userSettings, and(eq(userSettings.userId, users.id), eq(userSettings.key, KEY)))
    .where(eq(users.id, userId));
  if (!row) throw notFound("User not found");
  const sealed = row.value === null ? null : parse(row.value);
  return { value: row.value, current: sealed && sealed.epoch === row.epoch ? decryptSecret(sealed.secret) : null, epoch: row.epoch };
}

/**
 * The caller's pending authenticator secret, created on first use. Two tabs opening the page at
 * once get the same one: the insert does nothing on conflict and both re-read the row; a stale one
 * (older credentials epoch) is swapped by a conditional update, so again only one write wins.
 */
export async function pendingAuthenticatorSecret(caller: Caller): Promise<string> {
  const first = await stored(caller.userId);
  if (first.current) return first.current;
  const value = JSON.stringify({ secret: encryptSecret(generateTotpSecret()), epoch: first.epoch } satisfies Sealed);
  if (first.value === null) await db.insert(userSettings).values({ userId: caller.userId, key: KEY, value }).onConflictDoNothing();
  else await db.update(userSettings).set({ value }).where(and(eq(userSettings.userId, caller.userId), eq(userSettings.key, KEY), eq(userSettings.value, first.value)));
  const after = await stored(caller.userId);
  if (!after.current) throw new AppError("conflict", "Your account changed while setting up: reload the page");
  return after.current;
}

/** Ends the enrolment in progress: the next visit shows a new secret (and QR code). */
export async function cancelPendingAuthenticator(caller: Caller) {
  await dropPendingAuthenticators([caller.userId]);
}

/** For admin MFA resets and removals: an enrolment someone started is not finished after them. */
export async function dropPendingAuthenticators(userIds: string[], tx: Tx | DB = db) {
  if (userIds.length) await tx.delete(userSettings).where(and(inArray(userSettings.userId, userIds), eq(userSettings.key, KEY)));
}

/**
 * Confirms the enrolment in progress with a current code from the app: the authenticator is added
 * with the stored secret (never one the browser sends) and the pending secret is gone.
 */
export async function confirmPendingAuthenticator(caller: Caller, code: string) {
  const { current } = await stored(caller.userId);
  if (!current) throw new AppError("precondition", "This setup has expired: reload the page to get a new QR code");
  const result = await addAuthenticator(caller, caller.userId, current, code);
  await dropPendingAuthenticators([caller.userId]);
  return result;
}
