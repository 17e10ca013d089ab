import { and, eq, isNull, sql } from "drizzle-orm";
import { db, type DB, type Tx } from "@/db/client";
import { apiTokens, authChallenges, trustedDevices, users } from "@/db/schema";
import { revokeAllSessions } from "./sessions";

/**
 * The one place where a user's credentials end together: password change or reset, sign out
 * everywhere, admin MFA reset or force, deactivation. Every browser session, session token (and its
 * refresh token), permanent and temporary API token (and refresh token), trusted device and device
 * cookie stops working on the next request, and a sign-in still in progress (a pending second
 * factor, an unexchanged sign-in ticket) cannot be completed. Revoked rows stay revoked, so
 * reactivating the account revives none.
 * `keepSessionId` spares the session that just proved the password (a password change in place).
 */
export async function revokeAllCredentials(userId: string, opts: { keepSessionId?: string } = {}, tx: Tx | DB = db) {
  // One transaction (a savepoint inside the caller's): the credentials end all together or not at all.
  return tx.transaction(async (t) => {
    // Device cookies sign the epoch (lib/auth/device-cookie), so every one issued before now stops counting.
    await t.update(users).set({ credentialsEpoch: sql`${users.credentialsEpoch} + 1` }).where(eq(users.id, userId));
    const signIns = (
      await t
        .update(authChallenges)
        .set({ usedAt: new Date() })
        .where(and(eq(authChallenges.userId, userId), isNull(authChallenges.usedAt)))
        .returning({ id: authChallenges.id })
    ).length;
    const devices = (await t.delete(trustedDevices).where(eq(trustedDevices.userId, userId)).returning({ id: trustedDevices.id })).length;
    const tokens = (
      await t
        .update(apiTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
        .returning({ id: apiTokens.id })
    ).length;
    const sessions = await revokeAllSessions(userId, opts.keepSessionId, t);
    return { sessions, tokens, devices, signIns };
  });
}
