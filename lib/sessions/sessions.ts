import { and, desc, eq, gt, isNull, ne } from "drizzle-orm";
import { db, type DB, type Tx } from "@/db/client";
import { sessions, tenants } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { randomToken, sha256 } from "@/lib/security/crypto";


export interface NewSession {
  userId: string;
  tenantId: string;
  kind: "browser" | "api";
  userAgent?: string;
  ip?: string;
  device?: string;
  /** The tenant's session lifetime, when the caller has just read it (else it is read here). */
  lifetimeMinutes?: number;
}

async function lifetimeMs(tenantId: string, tx: Tx | DB = db) {
  const [t] = await tx.select({ m: tenants.sessionLifetimeMinutes }).from(tenants).where(eq(tenants.id, tenantId));
  return (t?.m ?? 720) * 60_000;
}

/** Starts a session. API sessions get an access token and a refresh token, shown once. */
export async function createSession(input: NewSession, tx: Tx | DB = db) {
  const now = Date.now();
  const accessToken = input.kind === "api" ? randomToken() : undefined;
  const refreshToken = input.kind === "api" ? randomToken() : undefined;
  const expiresAt = new Date(now + (input.lifetimeMinutes !== undefined ? input.lifetimeMinutes * 60_000 : await lifetimeMs(input.tenantId, tx)));
  const [row] = await tx
    .insert(sessions)
    .values({
      userId: input.userId,
      tenantId: input.tenantId,
      kind: input.kind,
      userAgent: (input.userAgent ?? "").slice(0, 300),
      ip: input.ip ?? "",
      device: (input.device ?? "").slice(0, 200),
      accessTokenHash: accessToken ? sha256(accessToken) : null,
      refreshTokenHash: refreshToken ? sha256(refreshToken) : null,
      lastSeenAt: new Date(now),
      expiresAt,
    })
    .returning();
  return { session: row!, accessToken, refreshToken };
}

export async function listActiveSessions(userId: string, now = Date.now()) {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date(now))))
    .orderBy(desc(sessions.lastSeenAt));
}

/** Revokes one of the user's sessions; another user's session id answers not found. */
export async function revokeSession(userId: string, sessionId: string, tx: Tx | DB = db) {
  const revoked = await tx
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  if (revoked.length === 0) throw notFound("Session not found");
}

/** Ends every session of the user, optionally keeping the current one (sessions only: see revokeAllCredentials). */
export async function revokeAllSessions(userId: string, exceptSessionId?: string, tx: Tx | DB = db) {
  const where = exceptSessionId
    ? and(eq(sessions.userId, userId), isNull(sessions.revokedAt), ne(sessions.id, exceptSessionId))
    : and(eq(sessions.userId, userId), isNull(sessions.revokedAt));
  return (await tx.update(sessions).set({ revokedAt: new Date() }).where(where).returning({ id: sessions.id })).length;
}

export async function revokeByTokens(userId: string, tokens: { token?: string; refreshToken?: string }, tx: Tx | DB = db) {
  let changed = 0;
  for (const [col, value] of [
    [sessions.accessTokenHash, tokens.token],
    [sessions.refreshTokenHash, tokens.refreshToken],
  ] as const) {
    if (!value) continue;
    changed += (
      await tx
        .update(sessions)
        .set({ revokedAt: new Date() })
        .where(and(eq(col, sha256(value)), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id })
    ).length;
  }
  return changed;
}

/** Moves a browser session into another tenant (tenant switcher); access is checked by the caller. */
export async function switchSessionTenant(sessionId: string, tenantId: string) {
  await db.update(sessions).set({ tenantId }).where(eq(sessions.id, sessionId));
}
