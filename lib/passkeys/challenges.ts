import { and, eq, gt, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { webauthnChallenges } from "@/db/schema";
import { sha256 } from "@/lib/security/crypto";
import { CHALLENGE_TTL_MS } from "./rules";

type Purpose = (typeof webauthnChallenges.$inferSelect)["purpose"];

/** Keeps only the SHA-256 of the challenge (or token), for 5 minutes. */
export async function storeChallenge(purpose: Purpose, challenge: string, opts: { userId?: string; ref?: string } = {}, now = Date.now()) {
  await db.insert(webauthnChallenges).values({
    purpose,
    challengeHash: sha256(challenge),
    userId: opts.userId ?? null,
    ref: opts.ref ?? null,
    expiresAt: new Date(now + CHALLENGE_TTL_MS),
  });
}

/**
 * Uses a challenge up: one conditional update, so of two requests with the same challenge only
 * one gets it, and a challenge is used up even when the response then fails to verify.
 */
export async function consumeChallenge(purpose: Purpose, challenge: string | undefined, now = Date.now()) {
  if (!challenge) return undefined;
  const [row] = await db
    .update(webauthnChallenges)
    .set({ usedAt: new Date(now) })
    .where(
      and(
        eq(webauthnChallenges.challengeHash, sha256(challenge)),
        eq(webauthnChallenges.purpose, purpose),
        isNull(webauthnChallenges.usedAt),
        gt(webauthnChallenges.expiresAt, new Date(now)),
      ),
    )
    .returning();
  return row;
}
