import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { apiTokens, memberships, tenants, users } from "@/db/schema";
import type { Caller } from "@/lib/authz/caller";
import { sha256 } from "@/lib/security/crypto";
import { activeSessionByAccessToken, activeSessionById, type SessionRow } from "@/lib/sessions/sessions";

/** A session or token only acts while its user is active and still belongs to the tenant (an invitation not yet accepted is no membership). */
async function callerFor(userId: string, tenantId: string, ip: string, extra: Partial<Caller>): Promise<Caller | null> {
  // One round trip: the user, whether the tenant is live, whether the user is a member of it, and
  // what the user must do first (read here so the request's gate needs no query of its own).
  const [row] = await db
    .select({
      email: users.email,
      active: users.active,
      isSuperAdmin: users.isSuperAdmin,
      passwordChangeRequired: users.passwordChangeRequired,
      mfaEnrolled: users.mfaEnrolled,
      mfaRequired: users.mfaRequired,
      tenantId: tenants.id,
      retiredAt: tenants.retiredAt,
      forceMfa: tenants.forceMfa,
      membershipId: memberships.id,
    })
    .from(users)
    .leftJoin(tenants, eq(tenants.id, tenantId))
    .leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.tenantId, tenantId), isNull(memberships.invitedAt)))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row || !row.active || !row.tenantId || row.retiredAt) return null;
  if (!row.isSuperAdmin && !row.membershipId) return null;
  const pending = row.passwordChangeRequired ? "password" : !row.mfaEnrolled && (row.mfaRequired || row.forceMfa) ? "mfa" : null;
  return { userId, email: row.email, tenantId, isSuperAdmin: row.isSuperAdmin, readOnly: false, ip, pending, ...extra };
}

export async function callerFromSession(session: SessionRow | undefined, ip: string) {
  return session ? callerFor(session.userId, session.tenantId, ip, { sessionId: session.id, authenticatedAt: session.createdAt }) : null;
}

export const callerFromSessionId = async (sid: string, ip: string) => callerFromSession(await activeSessionById(sid), ip);

/** Bearer tokens: session access tokens first, then permanent and temporary API tokens. */
export async function callerFromBearer(token: string, ip: string): Promise<Caller | null> {
  if (!token || token.length > 512) return null;
  const session = await activeSessionByAccessToken(token);
  if (session) return callerFromSession(session, ip);
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000)
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.id));
  return callerFor(row.userId, row.tenantId, ip, { tokenId: row.id, readOnly: row.readOnly });
}
