import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { db, type DB, type Tx } from "@/db/client";
import { apiTokens, authChallenges, oneTimeCodes, trustedDevices, users, webauthnChallenges } from "@/db/schema";
import { revokeAllSessions } from "./sessions";

/**
 * The one place where a user's credentials end together: password change or reset, sign out
 * everywhere, admin MFA reset or force, deactivation. Every browser session, session token (and its
 * refresh token), permanent and temporary API token (and refresh token), trusted device and device
 * cookie stops working on the next request, and a sign-in still in progress (a pending second
 * factor, an unexchanged sign-in ticket, a passkey sign-in still picking its tenant) cannot be
 * completed, and no mailed reset or invitation code still sets a password. Revoked rows stay
 * revoked, so reactivating the account revives none.
 * `keepSessionId` spares the session that just proved the password (a password change in place).
 * `keepInvitation` spares an unaccepted invitation when nothing about the account is in doubt
 * (an admin forcing MFA: accepting it then leads straight to enrolment, as any sign-in would).
 */
export async function revokeAllCredentials(userId: string, opts: { keepSessionId?: string; keepInvitation?: boolean } = {}, tx: Tx | DB = db) {
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
    // A passkey sign-in waiting on its tenant pick (or any other passkey ceremony) must not finish after this.
    const passkeySignIns = (
      await t
        .update(webauthnChallenges)
        .set({ usedAt: new Date() })
        .where(and(eq(webauthnChallenges.userId, userId), isNull(webauthnChallenges.usedAt)))
        .returning({ id: webauthnChallenges.id })
    ).length;
    const codes = await endMailedCodes(userId, t, opts.keepInvitation ? ["reset"] : undefined);
    const devices = (await t.delete(trustedDevices).where(eq(trustedDevices.userId, userId)).returning({ id: trustedDevices.id })).length;
    const tokens = (
      await t
        .update(apiTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
        .returning({ id: apiTokens.id })
    ).length;
    const sessions = await revokeAllSessions(userId, opts.keepSessionId, t);
    return { sessions, tokens, devices, signIns: signIns + passkeySignIns, codes };
  });
}

/**
 * Voids the user's unused reset and invitation codes: they set a password, so they must die when
 * the credentials end and when the address they were mailed to stops being the account's. Join
 * codes (lib/account/join) are left alone: accepting one sets no new password (a self-registration's
 * needs the password chosen when registering), it only turns on a membership.
 */
export async function endMailedCodes(userId: string, tx: Tx | DB = db, purposes: ("reset" | "invite")[] = ["reset", "invite"]) {
  const ended = await tx
    .update(oneTimeCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(oneTimeCodes.userId, userId), inArray(oneTimeCodes.purpose, purposes), isNull(oneTimeCodes.usedAt)))
    .returning({ id: oneTimeCodes.id });
  return ended.length;
}
