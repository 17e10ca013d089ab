import { and, eq, isNull } from "drizzle-orm";
import { db, type DB, type Tx } from "@/db/client";
import { apiTokens, trustedDevices } from "@/db/schema";
import { revokeAllSessions } from "./sessions";

/**
 * The one place where a user's credentials end together: password change or reset, sign out
 * everywhere, admin MFA reset or force, deactivation. Every browser session, session token (and its
 * refresh token), permanent and temporary API token (and refresh token) and trusted device stops
 * working on the next request. Revoked rows stay revoked, so reactivating the account revives none.
 * `keepSessionId` spares the session that just proved the password (a password change in place).
 */
export function revokeAllCredentials(userId: string, opts: { keepSessionId?: string } = {}, tx: Tx | DB = db) {
  const devices = tx.delete(trustedDevices).where(eq(trustedDevices.userId, userId)).run().changes;
  const tokens = tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .run().changes;
  const sessions = revokeAllSessions(userId, opts.keepSessionId, tx);
  return { sessions, tokens, devices };
}
