import { and, eq, exists, inArray, isNull, notExists, or } from "drizzle-orm";
import { db } from "@/db/client";
import { membershipRoles, memberships, rolePermissions, roles, tenants } from "@/db/schema";
import { notFound } from "@/lib/errors";
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
}

/**
 * Active permissions of a user in a tenant: from the membership's non-retired roles, or from the
 * tenant's default role when the membership holds none. Read fresh on every call so a role change
 * takes effect on the holder's next request.
 */
export async function permissionsOf(userId: string, tenantId: string): Promise<PermissionPair[]> {
  // One round trip (on PostgreSQL every query is one): the membership's live roles, or the
  // tenant's default role when it holds none, and their live permissions.
  const membership = db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId)));
  const held = db
    .select({ id: membershipRoles.roleId })
    .from(membershipRoles)
    .innerJoin(roles, and(eq(roles.id, membershipRoles.roleId), isNull(roles.revokedAt)))
    .where(inArray(membershipRoles.membershipId, membership));
  const fallback = db.select({ id: roles.id }).from(roles).where(and(eq(roles.tenantId, tenantId), eq(roles.isDefault, true), isNull(roles.revokedAt)));
  return db
    .select({ resource: rolePermissions.resource, action: rolePermissions.action })
    .from(rolePermissions)
    .where(and(isNull(rolePermissions.revokedAt), or(inArray(rolePermissions.roleId, held), and(inArray(rolePermissions.roleId, fallback), exists(membership), notExists(held)))));
}

export async function can(caller: Caller, resource: Resource, action: Action) {
  if (caller.readOnly && action !== "Read") return false;
  if (caller.isSuperAdmin) return true;
  return grants(await permissionsOf(caller.userId, caller.tenantId), resource, action);
}

/** Refuses with a 403 naming the missing permission, recorded in the audit log as "authz.denied". */
export async function requirePermission(caller: Caller, resource: Resource, action: Action) {
  if (await can(caller, resource, action)) return;
  const needed = `${resource}/${action}`;
  const message = caller.readOnly && action !== "Read" ? "This token can only read" : `You need the ${needed} permission to do this`;
  throw await denied(caller, message, { action: needed, data: { missing: [needed] } });
}

/** Objects of another tenant answer exactly like missing ones; so does a tenant that does not exist. */
export async function requireTenant(caller: Caller, tenantId: string | null | undefined) {
  if (!tenantId || (tenantId !== caller.tenantId && !caller.isSuperAdmin)) throw notFound();
  if (tenantId === caller.tenantId) return;
  const [tenant] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) throw notFound("Tenant not found");
}

/** Any admin permission at all: decides whether the admin console is shown. */
export async function isAdmin(caller: Caller) {
  if (caller.isSuperAdmin) return true;
  return (await permissionsOf(caller.userId, caller.tenantId)).some((p) =>
    grants([p], "User", "Read") || grants([p], "Role", "Read") || grants([p], "Group", "Read") || grants([p], "Audit", "Read"),
  );
}
