import { db } from "@/db/client";
import type { Caller } from "@/lib/authz/caller";
import { audit } from "@/lib/audit/record";
import { notFound, validation } from "@/lib/errors";
import { selfOrPermitted } from "@/lib/users/scope";
import { revokeAllCredentials } from "./revoke-all";
import { listActiveSessions, revokeByTokens, revokeSession } from "./sessions";

/** An admin's view of another user's sessions (User/Read in that user's tenant). */
export async function userSessions(caller: Caller, userId: string) {
  await selfOrPermitted(caller, userId, "Read");
  return listActiveSessions(userId);
}

export async function revokeUserSession(caller: Caller, userId: string, sessionId: string) {
  await selfOrPermitted(caller, userId, "Edit");
  await db.transaction(async (tx) => {
    await revokeSession(userId, sessionId, tx);
    await audit({ tenantId: caller.tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "session.revoked", targetType: "user", targetId: userId, data: { sessionId } }, tx);
  });
}

/** An admin's "sign out everywhere" for another user: every session, API token and trusted browser of theirs ends. */
export async function signOutUserEverywhere(caller: Caller, userId: string) {
  const user = await selfOrPermitted(caller, userId, "Edit", "session.revoked_all");
  return db.transaction(async (tx) => {
    const ended = await revokeAllCredentials(user.id, {}, tx);
    await audit({ tenantId: caller.tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "session.revoked_all", targetType: "user", targetId: user.id, targetLabel: user.email, data: { count: ended.sessions, tokensRevoked: ended.tokens } }, tx);
    return ended;
  });
}

/**
 * Signing out: `global` ends every credential of the caller (sessions, API tokens, trusted browsers); named
 * tokens end those sessions only and must match one; with neither, the calling session ends.
 */
export async function signOut(caller: Caller, opts: { global?: boolean; tokens?: { token?: string; refreshToken?: string } } = {}) {
  const entry = { tenantId: caller.tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, targetType: "user", targetId: caller.userId };
  if (!opts.global && opts.tokens && !opts.tokens.token && !opts.tokens.refreshToken)
    throw validation("tokens: give token or refreshToken", "tokens");
  if (!opts.global && !opts.tokens && !caller.sessionId) throw validation("tokens: name the session to end", "tokens");
  return db.transaction(async (tx) => {
    if (opts.global) {
      const ended = await revokeAllCredentials(caller.userId, {}, tx);
      await audit({ ...entry, action: "session.revoked_all", data: { count: ended.sessions, tokensRevoked: ended.tokens } }, tx);
      return ended.sessions;
    }
    if (opts.tokens) {
      const count = await revokeByTokens(caller.userId, opts.tokens, tx);
      if (!count) throw notFound("No session of yours matches these tokens");
      await audit({ ...entry, action: "session.signed_out", data: { count } }, tx);
      return count;
    }
    await revokeSession(caller.userId, caller.sessionId!, tx);
    await audit({ ...entry, action: "session.signed_out", data: { sessionId: caller.sessionId } }, tx);
    return 1;
  });
}
