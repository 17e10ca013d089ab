import { and, count, eq } from "drizzle-orm";
import { db, type DB, type Tx } from "@/db/client";
import { mfaMethods, passkeys, recoveryCodes } from "@/db/schema";

export type PasskeyRow = typeof passkeys.$inferSelect;

export const passkeysOf = async (userId: string, tx: Tx | DB = db) => await tx.select().from(passkeys).where(eq(passkeys.userId, userId)).orderBy(passkeys.createdAt);

export async function passkeyOf(userId: string, passkeyId: string) {
  const [row] = await db.select().from(passkeys).where(and(eq(passkeys.id, passkeyId), eq(passkeys.userId, userId)));
  return row;
}

export async function passkeyByCredentialId(credentialId: string) {
  const [row] = await db.select().from(passkeys).where(eq(passkeys.credentialId, credentialId));
  return row;
}

/** Second factors besides passkeys (TOTP, PIN) plus passkeys: what "the last method" counts. */
export async function factorCount(userId: string, tx: Tx | DB = db) {
  const [m] = await tx.select({ n: count() }).from(mfaMethods).where(eq(mfaMethods.userId, userId));
  const [p] = await tx.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, userId));
  return { methods: m!.n, passkeys: p!.n };
}

/** With no factor left, the recovery codes go too (as when the last TOTP method is removed). */
export async function dropRecoveryCodesIfNoFactor(userId: string, tx: Tx | DB) {
  const left = await factorCount(userId, tx);
  if (left.methods + left.passkeys === 0) await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

/** The public view of a passkey (never the key itself). */
export const passkeyView = (p: PasskeyRow) => ({
  id: p.id,
  name: p.name,
  createdAt: p.createdAt.toISOString(),
  lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
  storage: p.deviceType === "multiDevice" ? ("synced" as const) : ("device-bound" as const),
  backedUp: p.backedUp,
});
export type PasskeyView = ReturnType<typeof passkeyView>;
