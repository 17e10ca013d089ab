import { and, desc, eq, gt, isNull, ne } from "drizzle-orm";
import { db, type DB, type Tx } from "@/db/client";
import { sessions, tenants } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { randomToken, sha256 } from "@/lib/security/crypto";

export type SessionRow = typeof sessions.$inferSelect;

/** lastSeenAt is written at most this often, so a busy session does not write on every request. */
const TOUCH_EVERY_MS = 60_000;
const REFRESH_LIFETIME_MS = 30 * 24 * 3600 * 1000;

export interface NewSession {
  userId: string;
  tenantId: string;
  kind: "browser" | "api";
  userAgent?: string;
  ip?: string;
  device?: string;
}

function lifetimeMs(tenantId: string) {
  const t = db.select({ m: tenants.sessionLifetimeMinutes }).from(tenants).where(eq(tenants.id, tenantId)).get();
  return (t?.m ?? 720) * 60_000;
}

/** Starts a session. API sessions get an access token and a refresh token, shown once. */
export function createSession(input: NewSession, tx: Tx | DB = db) {
  const now = Date.now();
  const accessToken = input.kind === "api" ? randomToken() : undefined;
  const refreshToken = input.kind === "api" ? randomToken() : undefined;
  const row = tx
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
      expiresAt: new Date(now + lifetimeMs(input.tenantId)),
    })
    .returning()
    .get();
  return { session: row, accessToken, refreshToken };
}

function active(row: SessionRow | undefined, now: number) {
  if (!row || row.revokedAt || row.expiresAt.getTime() <= now) return undefined;
  if (now - row.lastSeenAt.getTime() > TOUCH_EVERY_MS)
    db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, row.id)).run();
  return row;
}

/** The live session behind a browser JWT, or undefined once revoked or expired. */
export function activeSessionById(id: string, now = Date.now()) {
  return active(db.select().from(sessions).where(eq(sessions.id, id)).get(), now);
}

export function activeSessionByAccessToken(token: string, now = Date.now()) {
  return active(db.select().from(sessions).where(eq(sessions.accessTokenHash, sha256(token))).get(), now);
}

/** Exchanges a refresh token for a new access token (the refresh token rotates too). */
export function refreshSession(refreshToken: string, now = Date.now()) {
  const row = db.select().from(sessions).where(eq(sessions.refreshTokenHash, sha256(refreshToken))).get();
  if (!row || row.revokedAt || row.createdAt.getTime() + REFRESH_LIFETIME_MS < now) throw notFound("Unknown or expired refresh token");
  const accessToken = randomToken();
  const next = randomToken();
  db.update(sessions)
    .set({
      accessTokenHash: sha256(accessToken),
      refreshTokenHash: sha256(next),
      expiresAt: new Date(now + lifetimeMs(row.tenantId)),
      lastSeenAt: new Date(now),
    })
    .where(eq(sessions.id, row.id))
    .run();
  return { session: row, accessToken, refreshToken: next };
}

export function listActiveSessions(userId: string, now = Date.now()) {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date(now))))
    .orderBy(desc(sessions.lastSeenAt))
    .all();
}

/** Revokes one of the user's sessions; another user's session id answers not found. */
export function revokeSession(userId: string, sessionId: string, tx: Tx | DB = db) {
  const res = tx
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .run();
  if (res.changes === 0) throw notFound("Session not found");
}

/** Ends every session of the user, optionally keeping the current one (sessions only: see revokeAllCredentials). */
export function revokeAllSessions(userId: string, exceptSessionId?: string, tx: Tx | DB = db) {
  const where = exceptSessionId
    ? and(eq(sessions.userId, userId), isNull(sessions.revokedAt), ne(sessions.id, exceptSessionId))
    : and(eq(sessions.userId, userId), isNull(sessions.revokedAt));
  return tx.update(sessions).set({ revokedAt: new Date() }).where(where).run().changes;
}

export function revokeByTokens(userId: string, tokens: { token?: string; refreshToken?: string }, tx: Tx | DB = db) {
  let changed = 0;
  for (const [col, value] of [
    [sessions.accessTokenHash, tokens.token],
    [sessions.refreshTokenHash, tokens.refreshToken],
  ] as const) {
    if (!value) continue;
    changed += tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(col, sha256(value)), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
      .run().changes;
  }
  return changed;
}

/** Moves a browser session into another tenant (tenant switcher); access is checked by the caller. */
export function switchSessionTenant(sessionId: string, tenantId: string) {
  db.update(sessions).set({ tenantId }).where(eq(sessions.id, sessionId)).run();
}
