import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { apiTokens, memberships, tenants, users } from "@/db/schema";
import type { Caller } from "@/lib/authz/caller";
import { sha256 } from "@/lib/security/crypto";
import { activeSessionByAccessToken, activeSessionById, type SessionRow } from "@/lib/sessions/sessions";

/** A session or token only acts while its user is active and still belongs to the tenant (an invitation not yet accepted is no membership). */
function callerFor(userId: string, tenantId: string, ip: string, extra: Partial<Caller>): Caller | null {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user || !user.active) return null;
  const tenant = db.select({ retiredAt: tenants.retiredAt }).from(tenants).where(eq(tenants.id, tenantId)).get();
  if (!tenant || tenant.retiredAt) return null;
  if (!user.isSuperAdmin) {
    const m = db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId), isNull(memberships.invitedAt))).get();
    if (!m) return null;
  }
  return { userId, email: user.email, tenantId, isSuperAdmin: user.isSuperAdmin, readOnly: false, ip, ...extra };
}

export function callerFromSession(session: SessionRow | undefined, ip: string) {
  return session ? callerFor(session.userId, session.tenantId, ip, { sessionId: session.id, authenticatedAt: session.createdAt }) : null;
}

export const callerFromSessionId = (sid: string, ip: string) => callerFromSession(activeSessionById(sid), ip);

/** Bearer tokens: session access tokens first, then permanent and temporary API tokens. */
export function callerFromBearer(token: string, ip: string): Caller | null {
  if (!token || token.length > 512) return null;
  const session = activeSessionByAccessToken(token);
  if (session) return callerFromSession(session, ip);
  const row = db.select().from(apiTokens).where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt))).get();
  if (!row || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000)
    db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.id)).run();
  return callerFor(row.userId, row.tenantId, ip, { tokenId: row.id, readOnly: row.readOnly });
}
