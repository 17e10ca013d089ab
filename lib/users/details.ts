import { and, asc, eq, isNotNull, type AnyColumn } from "drizzle-orm";
import { db } from "@/db/client";
import { boundList, inBoundList, keyPlaceholder, selectiveEq, type RowOf } from "@/db/dialect";
import { preparedOnce } from "@/db/prepared";
import { groupMembers, groups, membershipRoles, memberships, mfaMethods, passkeys, pgpKeys, roles, tenants } from "@/db/schema";

/**
 * The parts of a user's MFA methods and groups an answer shows: only these are read, so no list
 * carries secrets (TOTP secrets, PIN hashes) it never shows, and each row maps fewer columns.
 */
export const detailColumns = {
  method: { kind: mfaMethods.kind },
  group: { id: groups.id, name: groups.name, isSystem: groups.isSystem },
};

/** What an API answer shows beside a user row in one tenant. */
export interface UserDetails {
  methods: RowOf<typeof detailColumns.method>[];
  /** How many passkeys the user has (each is a second factor too). */
  passkeyCount: number;
  groups: RowOf<typeof detailColumns.group>[];
  roleNames: string[];
  hasPgpKey: boolean;
}

const groupBy = <R, V>(rows: R[], key: (r: R) => string, value: (r: R) => V) => {
  const out = new Map<string, V[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(value(r));
    else out.set(k, [value(r)]);
  }
  return out;
};

/**
 * The six reads behind detailsOfUsers, each prepared once over the whole list bound as one
 * parameter (db/dialect inBoundList): building their SQL anew cost more than running them.
 */
const ids = (column: AnyColumn) => inBoundList(column, "ids");
const reads = {
  methods: preparedOnce("details_methods", () => db.select({ userId: mfaMethods.userId, ...detailColumns.method }).from(mfaMethods).where(ids(mfaMethods.userId))),
  groups: preparedOnce("details_groups", () =>
    db
      .select({ userId: groupMembers.userId, group: detailColumns.group })
      .from(groupMembers)
      .innerJoin(groups, eq(groups.id, groupMembers.groupId))
      .where(and(ids(groupMembers.userId), selectiveEq(groups.tenantId, "tenantId")))
      .orderBy(asc(groups.name)),
  ),
  roles: preparedOnce("details_roles", () =>
    db
      .select({ userId: memberships.userId, name: roles.name })
      .from(membershipRoles)
      .innerJoin(memberships, eq(memberships.id, membershipRoles.membershipId))
      .innerJoin(roles, eq(roles.id, membershipRoles.roleId))
      .where(and(ids(memberships.userId), selectiveEq(memberships.tenantId, "tenantId")))
      .orderBy(asc(roles.name)),
  ),
  keys: preparedOnce("details_pgp_keys", () => db.select({ userId: pgpKeys.userId }).from(pgpKeys).where(ids(pgpKeys.userId))),
  pending: preparedOnce("details_pending", () =>
    db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(selectiveEq(memberships.tenantId, "tenantId"), isNotNull(memberships.invitedAt), ids(memberships.userId))),
  ),
  passkeys: preparedOnce("details_passkeys", () => db.select({ userId: passkeys.userId }).from(passkeys).where(ids(passkeys.userId))),
};

/**
 * MFA methods, groups and roles in the tenant (each by name), and whether a PGP key exists, for a
 * whole list of users: one query per kind, not one per user (every query is a round trip on
 * PostgreSQL). Callers check that the users are theirs to read.
 */
export async function detailsOfUsers(userIds: string[], tenantId: string) {
  const list = { ids: boundList([...new Set(userIds)]) };
  const inTenantList = { ...list, tenantId };
  // Six independent reads outside any transaction: on PostgreSQL they run side by side on the
  // pool (six round trips in the time of one); on SQLite they queue on the one connection.
  const [methods, groupRows, roleRows, keys, invited, passkeyRows] = await Promise.all([
    reads.methods(list),
    reads.groups(inTenantList),
    reads.roles(inTenantList),
    reads.keys(list),
    reads.pending(inTenantList),
    reads.passkeys(list),
  ]);
  const withKey = new Set(keys.map((k) => k.userId));
  const pending = new Set(invited.map((r) => r.userId));
  const passkeyCounts = new Map<string, number>();
  for (const k of passkeyRows) passkeyCounts.set(k.userId, (passkeyCounts.get(k.userId) ?? 0) + 1);
  const methodsBy = groupBy(methods, (m) => m.userId, ({ kind }) => ({ kind }));
  const groupsBy = groupBy(groupRows, (r) => r.userId, (r) => r.group);
  const rolesBy = groupBy(roleRows, (r) => r.userId, (r) => r.name);
  return (userId: string) =>
    seenByTenant(
      {
        methods: methodsBy.get(userId) ?? [],
        passkeyCount: passkeyCounts.get(userId) ?? 0,
        groups: groupsBy.get(userId) ?? [],
        roleNames: rolesBy.get(userId) ?? [],
        hasPgpKey: withKey.has(userId),
      },
      pending.has(userId),
    );
}

/** A pending invitation's MFA and key are the account's, not the tenant's: shown as none. */
export const seenByTenant = (d: UserDetails, pending: boolean): UserDetails => (pending ? { ...d, methods: [], passkeyCount: 0, hasPgpKey: false } : d);

const forcedMfa = preparedOnce("tenant_forces_mfa", () => db.select({ f: tenants.forceMfa }).from(tenants).where(eq(tenants.id, keyPlaceholder("tenantId"))));

/** Whether the tenant forces MFA on every member. */
export async function tenantForcesMfa(tenantId: string) {
  const [t] = await forcedMfa({ tenantId });
  return !!t?.f;
}

const registrationRows = preparedOnce("registrations_of", () =>
  db
    .select({ membership: memberships, roleName: roles.name })
    .from(memberships)
    .leftJoin(membershipRoles, eq(membershipRoles.membershipId, memberships.id))
    .leftJoin(roles, eq(roles.id, membershipRoles.roleId))
    .where(eq(memberships.userId, keyPlaceholder("userId")))
    .orderBy(asc(memberships.createdAt), asc(memberships.id), asc(roles.name)),
);

/**
 * A user's memberships (every tenant, or only those listed) with the role names held in each, in
 * the order they were made: one prepared query (a sign-in's answer reads it).
 */
export async function registrationsOf(userId: string, visibleTenants?: string[]) {
  const out = new Map<string, { membership: typeof memberships.$inferSelect; roleNames: string[] }>();
  for (const { membership, roleName } of await registrationRows({ userId })) {
    if (visibleTenants && !visibleTenants.includes(membership.tenantId)) continue;
    const entry = out.get(membership.id) ?? { membership, roleNames: [] };
    if (roleName !== null) entry.roleNames.push(roleName);
    out.set(membership.id, entry);
  }
  return [...out.values()];
}
