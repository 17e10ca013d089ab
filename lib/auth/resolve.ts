import { and, eq, getTableColumns, isNull, sql, type Column, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { keyPlaceholder } from "@/db/dialect";
import { apiTokens, memberships, mfaMethods, rolePermissions, roles, sessions, tenants, users } from "@/db/schema";
import { livePermissionOf, liveRoleOf, type Caller, type OwnRecord } from "@/lib/authz/caller";
import type { PermissionPair } from "@/lib/authz/catalogue";
import { sha256 } from "@/lib/security/crypto";

/** lastSeenAt / lastUsedAt are written at most this often, so a busy credential does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Everything a request needs to know about its caller, read with the credential in ONE query (on
 * PostgreSQL every query is a round trip): the user, whether the tenant is live, whether the user
 * is a member of it (an invitation not yet accepted is no membership), what the user must do first,
 * and the permissions of their live roles there (one row per permission; one row with none).
 * Nothing of it is kept past the request: a revoked credential, a disabled user or a role change
 * takes effect on the next request, on every instance.
 */
const callerFields = {
  userId: users.id,
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
  resource: rolePermissions.resource,
  action: rolePermissions.action,
};
/**
 * The caller's own record as well (users/mine answers from it): the user row and whether they
 * have an authenticator app, read in the same query instead of a second round trip. EXISTS keeps
 * it one row per permission; its inner table is aliased, so only the outer "users"."id" binds.
 */
const userColumns = getTableColumns(users);
const publicColumns = Object.fromEntries(Object.entries(userColumns).filter(([name]) => name !== "passwordHash")) as Omit<typeof userColumns, "passwordHash">;
const ownFields = {
  // Every column but the password hash: nothing a Caller carries is a secret.
  own: publicColumns,
  hasAuthenticator: sql<boolean>`exists (select 1 from ${mfaMethods} as own_app where own_app.user_id = ${users.id} and own_app.kind = 'authenticator')`.mapWith(Boolean),
};
const noOwnFields = {};

const acceptedMembership = (userId: Column, tenantId: Column) =>
  and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId), isNull(memberships.invitedAt));

/** Sessions (browser, or API by access token) with their caller. */
const sessionRows = (where: SQL, extra: typeof ownFields | typeof noOwnFields = noOwnFields) =>
  db
    .select({
      kind: sql<"session" | "token">`'session'`,
      id: sessions.id,
      authenticatedAt: sql<Date | null>`${sessions.createdAt}`.mapWith(sessions.createdAt),
      expiresAt: sql<Date | null>`${sessions.expiresAt}`.mapWith(sessions.expiresAt),
      revokedAt: sessions.revokedAt,
      touchedAt: sql<Date | null>`${sessions.lastSeenAt}`.mapWith(sessions.lastSeenAt),
      readOnly: sql<boolean>`false`.mapWith(apiTokens.readOnly),
      ...callerFields,
      ...extra,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(tenants, eq(tenants.id, sessions.tenantId))
    .leftJoin(memberships, acceptedMembership(sessions.userId, sessions.tenantId))
    .leftJoin(roles, liveRoleOf(sessions.tenantId))
    .leftJoin(rolePermissions, livePermissionOf)
    .where(where);

/** Permanent and temporary API tokens with their caller: the same columns as sessionRows. */
const tokenRows = (where: SQL, extra: typeof ownFields | typeof noOwnFields = noOwnFields) =>
  db
    .select({
      kind: sql<"session" | "token">`'token'`,
      id: apiTokens.id,
      authenticatedAt: sql<Date | null>`null`.mapWith(sessions.createdAt),
      expiresAt: sql<Date | null>`${apiTokens.expiresAt}`.mapWith(apiTokens.expiresAt),
      revokedAt: apiTokens.revokedAt,
      touchedAt: sql<Date | null>`${apiTokens.lastUsedAt}`.mapWith(apiTokens.lastUsedAt),
      readOnly: sql<boolean>`${apiTokens.readOnly}`.mapWith(apiTokens.readOnly),
      ...callerFields,
      ...extra,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(tenants, eq(tenants.id, apiTokens.tenantId))
    .leftJoin(memberships, acceptedMembership(apiTokens.userId, apiTokens.tenantId))
    .leftJoin(roles, liveRoleOf(apiTokens.tenantId))
    .leftJoin(rolePermissions, livePermissionOf)
    .where(where);

type Row = Awaited<ReturnType<typeof sessionRows>>[number] & Partial<{ own: OwnRecord["user"]; hasAuthenticator: boolean }>;

/**
 * The caller queries (by session id, by token; each with or without the own record), built once:
 * Drizzle then does not rebuild their SQL on every request (a sizeable cost next to the query
 * itself), and on PostgreSQL they are named statements, parsed and planned once per connection.
 */
interface Prepared {
  execute(values: Record<string, string>): Promise<Row[]>;
}
const prepare = (query: unknown, name: string) => (query as { prepare(name: string): Prepared }).prepare(name);
type Statements = { bySession: Prepared; byToken: Prepared };
const build = (extra: typeof ownFields | typeof noOwnFields, suffix: string): Statements => ({
  bySession: prepare(sessionRows(eq(sessions.id, keyPlaceholder("sid")), extra), `caller_by_session${suffix}`),
  byToken: prepare(
    sessionRows(eq(sessions.accessTokenHash, keyPlaceholder("hash")), extra).unionAll(tokenRows(eq(apiTokens.tokenHash, keyPlaceholder("hash")), extra)),
    `caller_by_token${suffix}`,
  ),
});
const prepared: { plain?: Statements; own?: Statements } = {};
const statements = (withOwn: boolean) => (withOwn ? (prepared.own ??= build(ownFields, "_with_own")) : (prepared.plain ??= build(noOwnFields, "")));

/**
 * The caller behind a credential's rows, or null: the credential must be live (not revoked, not
 * expired), its user active, its tenant live, and the user a member of it (a super admin needs no
 * membership).
 */
async function callerFrom(rows: Row[], ip: string, now = Date.now()): Promise<Caller | null> {
  const kind = rows.some((r) => r.kind === "session") ? "session" : "token";
  const mine = rows.filter((r) => r.kind === kind);
  const row = mine[0];
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now)) return null;
  if (!row.touchedAt || now - row.touchedAt.getTime() > TOUCH_EVERY_MS) {
    if (kind === "session") await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, row.id));
    else await db.update(apiTokens).set({ lastUsedAt: new Date(now) }).where(eq(apiTokens.id, row.id));
  }
  if (!row.active || !row.tenantId || row.retiredAt) return null;
  if (!row.isSuperAdmin && !row.membershipId) return null;
  const pending = row.passwordChangeRequired ? "password" : !row.mfaEnrolled && (row.mfaRequired || row.forceMfa) ? "mfa" : null;
  const permissions: PermissionPair[] = mine.flatMap((r) => (r.resource !== null && r.action !== null ? [{ resource: r.resource, action: r.action }] : []));
  const credential = kind === "session" ? { sessionId: row.id, authenticatedAt: row.authenticatedAt! } : { tokenId: row.id };
  const own = row.own ? { own: { user: row.own, hasAuthenticator: !!row.hasAuthenticator } } : {};
  return { userId: row.userId, email: row.email, tenantId: row.tenantId, isSuperAdmin: row.isSuperAdmin, readOnly: row.readOnly, ip, pending, permissions, ...credential, ...own };
}

/**
 * The caller of a browser session (the id in its next-auth JWT), or null once it has ended.
 * `withOwn`: with the caller's own record (Caller.own), for an operation that answers with it.
 */
export const callerFromSessionId = async (sid: string, ip: string, withOwn = false) => callerFrom(await statements(withOwn).bySession.execute({ sid }), ip);

/** Bearer tokens: session access tokens first, then permanent and temporary API tokens; one query for both. */
export async function callerFromBearer(token: string, ip: string, withOwn = false): Promise<Caller | null> {
  if (!token || token.length > 512) return null;
  return callerFrom(await statements(withOwn).byToken.execute({ hash: sha256(token) }), ip);
}
