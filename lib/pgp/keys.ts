import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { pgpKeys } from "@/db/schema";
import type { Caller } from "@/lib/authz/caller";
import { notFound } from "@/lib/errors";
import { selfOrPermitted } from "@/lib/users/scope";

export type PgpKeyRow = typeof pgpKeys.$inferSelect;

export const hasPgpKey = async (userId: string) => (await db.select({ id: pgpKeys.id }).from(pgpKeys).where(eq(pgpKeys.userId, userId)).limit(1)).length > 0;

/** A user's key; the (browser-encrypted) private part only for its owner. */
export async function getPgpKey(caller: Caller, userId: string) {
  await selfOrPermitted(caller, userId, "Read");
  const [key] = await db.select().from(pgpKeys).where(eq(pgpKeys.userId, userId));
  if (!key) throw notFound("This user has no PGP key");
  return userId === caller.userId ? key : { ...key, privateKeyEncrypted: null };
}
