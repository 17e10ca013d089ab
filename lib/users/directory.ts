import { and, asc, count, desc, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { jsonArray, jsonRow, rowsFromJson, selectiveEq, type RowOf } from "@/db/dialect";
import { preparedOnce, writtenLimit } from "@/db/prepared";
import { groupMembers, groups, membershipRoles, memberships, mfaMethods, passkeys, pgpKeys, roles, tenants, users } from "@/db/schema";
import { requirePermission, requireTenant, type Caller } from "@/lib/authz/caller";
import { notFound } from "@/lib/errors";
import { detailColumns, seenByTenant, type UserDetails } from "./details";
import { asInvitedMember } from "./invitations";
import { normalizeEmail, type UserRow } from "./records";
import { userInScope } from "./scope";

/** Users of one tenant, newest first by default (API listings). */
export async function listTenantUsers(caller: Caller, q: { tenantId?: string; offset?: number; records?: number; order?: "ASC" | "DESC"; orderBy?: "created" | "updated" | "name" }) {
  await requirePermission(caller, "User", "Read");
  const tenantId = q.tenantId ?? caller.tenantId;
  await requireTenant(caller, tenantId);
  const col = q.orderBy === "name" ? users.email : q.orderBy === "updated" ? users.updatedAt : users.createdAt;
  const rows = (
    await db
      .select({ user: users, invitedAt: memberships.invitedAt })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.tenantId, tenantId))
      .orderBy(q.order === "ASC" ? asc(col) : desc(col), asc(users.id))
      .limit(Math.min(q.records ?? 10, 500))
      .offset(q.offset ?? 0)
  ).map(asSeenByTenant);
  const [counted] = await db.select({ n: count() }).from(memberships).where(eq(memberships.tenantId, tenantId));
  return { rows, total: counted!.n, tenantId };
}

/** A user by email, if the caller may see them (self, or User/Read in a shared tenant). */
export async function userByEmailInScope(caller: Caller, email: string) {
  const [u] = await db.select().from(users).where(eq(users.email, normalizeEmail(email)));
  if (!u) throw notFound("User not found");
  const user = await userInScope(caller, u.id);
  if (user.id !== caller.userId) await requirePermission(caller, "User", "Read");
  return user;
}

/** Live tenants the user belongs to, invitations not yet accepted aside (every tenant for a super admin). */
export async function organizationsOf(caller: Caller) {
  if (caller.isSuperAdmin) return await db.select().from(tenants).orderBy(asc(tenants.name));
  const rows = await db
    .select({ t: tenants })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, caller.userId), isNull(memberships.invitedAt)))
    .orderBy(asc(tenants.name));
  return rows.map((r) => r.t);
}

/**
 * What a listing with details shows of each user: the list reads only these, so it never carries
 * password hashes or other fields it does not answer with (and maps a third of the columns).
 */
const listedColumns = {
  id: users.id,
  email: users.email,
  fullName: users.fullName,
  active: users.active,
  isSuperAdmin: users.isSuperAdmin,
  mfaRequired: users.mfaRequired,
  quota: users.quota,
  preferredLanguages: users.preferredLanguages,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};
export type ListedUser = RowOf<typeof listedColumns>;
const listed = (u: UserRow): ListedUser => Object.fromEntries(Object.keys(listedColumns).map((k) => [k, u[k as keyof ListedUser]])) as ListedUser;

/**
 * Every user of the caller's tenant by email, up to 10,000 (the Quatrix listing has no paging),
 * with what the answer shows beside each (UserDetails, the tenant's force_mfa) in the same
 * statement: each kind of detail is a correlated subquery aggregated to JSON per user, so the list
 * costs one round trip on PostgreSQL, not one per kind. Same reads as detailsOfUsers: groups and
 * roles in this tenant (the membership row is the user's in it), each by name.
 */
const tenantUsersWithDetails = preparedOnce("tenant_users_with_details", () =>
  db
    .select({
      user: listedColumns,
      invitedAt: memberships.invitedAt,
      tenantForcesMfa: tenants.forceMfa,
      methods: sql`(select ${jsonArray(jsonRow(detailColumns.method))} from ${mfaMethods} where ${mfaMethods.userId} = ${users.id})`.mapWith(
        rowsFromJson(detailColumns.method),
      ),
      passkeyCount: sql`(select count(*) from ${passkeys} where ${passkeys.userId} = ${users.id})`.mapWith(Number),
      groups: sql`(select ${jsonArray(jsonRow(detailColumns.group), groups.name)} from ${groupMembers} inner join ${groups} on ${groups.id} = ${groupMembers.groupId}
        where ${groupMembers.userId} = ${users.id} and ${groups.tenantId} = ${memberships.tenantId})`.mapWith(rowsFromJson(detailColumns.group)),
      roleNames: sql`(select ${jsonArray(roles.name, roles.name)} from ${membershipRoles} inner join ${roles} on ${roles.id} = ${membershipRoles.roleId}
        where ${membershipRoles.membershipId} = ${memberships.id})`.mapWith((text: string) => JSON.parse(text) as string[]),
      hasPgpKey: sql`exists (select 1 from ${pgpKeys} where ${pgpKeys.userId} = ${users.id})`.mapWith(Boolean),
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(selectiveEq(memberships.tenantId, "tenantId"))
    .orderBy(asc(users.email))
    .limit(writtenLimit(10_000)),
);

/** The caller's tenant's users as the tenant sees them, each with its details: one query. */
export async function allTenantUsersWithDetails(caller: Caller): Promise<{ user: ListedUser; details: UserDetails; tenantForcesMfa: boolean }[]> {
  await requirePermission(caller, "User", "Read");
  return (await tenantUsersWithDetails({ tenantId: caller.tenantId })).map(({ user, invitedAt, tenantForcesMfa, ...details }) => ({
    user: invitedAt ? listed(asInvitedMember(user, invitedAt)) : user,
    details: seenByTenant(details, invitedAt !== null),
    tenantForcesMfa,
  }));
}

/** A listed member as the tenant may see them: a pending invitation shows only its address. */
const asSeenByTenant = (r: { user: UserRow; invitedAt: Date | null }) => (r.invitedAt ? asInvitedMember(r.user, r.invitedAt) : r.user);
