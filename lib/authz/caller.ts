import { aliasedTable, and, eq, exists, isNotNull, isNull, notExists, or, sql, type SQLWrapper } from "drizzle-orm";
import { db } from "@/db/client";
import { membershipRoles, memberships, rolePermissions, roles, tenants } from "@/db/schema";
import { notFound } from "@/lib/errors";
import type { UserRow } from "@/lib/users/records";
import { grants, type Action, type PermissionPair, type Resource } from "./catalogue";
import { denied } from "./denied";

/** Who is acting, resolved on the server from a session cookie or a bearer token. */
export interface Caller {
  userId: string;
  email: string;
  tenantId: string;
  isSuperAdmin: boolean;
  /** Public temporary tokens may only read. */
  readOnly: boolean;
  sessionId?: string;
  tokenId?: string;
  /** When the sign-in behind a session (browser or session token) happened; API tokens have none. */
  authenticatedAt?: Date;
  ip: string;
  /** What the user must do before anything else, as read when this request resolved the caller. */
  pending?: "password" | "mfa" | null;
  /** The caller's permissions in the tenant, as read when this request resolved the caller (see heldBy). */
  permissions?: PermissionPair[];
  /** The caller's own record, when the operation asked for it with the caller (users/mine). */
  own?: OwnRecord;
}

/** A user's row without its password hash, and whether they have an authenticator app. */
export interface OwnRecord {
  user: Omit<UserRow, "passwordHash">;
  hasAuthenticator: boolean;
}

/**
 * The join condition for a user's live roles in a tenant, given their membership joined as
 * `memberships` (a left join: no membership, no roles): the membership's non-retired roles, or
 * the tenant's default role when it holds none. Roles always belong to their membership's tenant.
 */
export function liveRoleOf(tenantId: SQLWrapper) {
  const holds = db
    .select({ one: sql`1` })
    .from(membershipRoles)
    .where(and(eq(membershipRoles.membershipId, memberships.id), eq(membershipRoles.roleId, roles.id)));
  const heldRole = aliasedTable(roles, "held_role");
  const holdsAnyLive = db
    .select({ one: sql`1` })
    .from(membershipRoles)
    .innerJoin(heldRole, and(eq(heldRole.id, membershipRoles.roleId), isNull(heldRole.revokedAt)))
    .where(eq(membershipRoles.membershipId, memberships.id));
  return and(
    eq(roles.tenantId, tenantId),
    isNull(roles.revokedAt),
    or(exists(holds), and(eq(roles.isDefault, true), isNotNull(memberships.id), notExists(holdsAnyLive))),
  );
}

/** The join condition for a joined role's live permissions. */
export const livePermissionOf = and(eq(rolePermissions.roleId, roles.id), isNull(rolePermissions.revokedAt));

/**
 * Active permissions of a user in a tenant (any membership, an invitation's roles included), in
 * one round trip (on PostgreSQL every query is one). Read fresh on every call so a role change
 * takes effect on the holder's next request.
 */
export async function permissionsOf(userId: string, tenantId: string): Promise<PermissionPair[]> {
  return db
    .select({ resource: rolePermissions.resource, action: rolePermissions.action })
    .from(memberships)
    .innerJoin(roles, liveRoleOf(memberships.tenantId))
    .innerJoin(rolePermissions, livePermissionOf)
    .where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId)));
}

/**
 * What the caller holds: as read when this request resolved the caller (lib/auth/resolve reads
 * it in the same query), else read now. Like the caller's other attributes it is per request,
 * never kept across requests: a role change takes effect on the holder's next request.
 */
export const heldBy = async (caller: Caller) => caller.permissions ?? permissionsOf(caller.userId, caller.tenantId);

export async function can(caller: Caller, resource: Resource, action: Action) {
  if (caller.readOnly && action !== "Read") return false;
  if (caller.isSuperAdmin) return true;
  return grants(await heldBy(caller), resource, action);
}

/** Refuses with a 403 naming the missing permission, recorded in the audit log as "authz.denied". */
export async function requirePermission(caller: Caller, resource: Resource, action: Action) {
  if (await can(caller, resource, action)) return;
  const needed = `${resource}/${action}`;
  const message = caller.readOnly && action !== "Read" ? "This token can only read" : `You need the ${needed} permission to do this`;
  throw await denied(caller, message, { action: needed, data: { missing: [needed] } });
}

/**
 * Objects of another tenant answer exactly like missing ones; so does a tenant that does not exist.
 * `missing`: the message a missing object of the caller's kind gets ("Group not found"), so the two
 * cannot be told apart by their words either.
 */
export async function requireTenant(caller: Caller, tenantId: string | null | undefined, missing?: string) {
  if (!tenantId || (tenantId !== caller.tenantId && !caller.isSuperAdmin)) throw notFound(missing);
  if (tenantId === caller.tenantId) return;
  const [tenant] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) throw notFound("Tenant not found");
}

/** Any admin permission at all: decides whether the admin console is shown. */
export async function isAdmin(caller: Caller) {
  if (caller.isSuperAdmin) return true;
  return (await heldBy(caller)).some((p) =>
    grants([p], "User", "Read") || grants([p], "Role", "Read") || grants([p], "Group", "Read") || grants([p], "Audit", "Read"),
  );
}
