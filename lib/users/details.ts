import { and, asc, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { groupMembers, groups, membershipRoles, memberships, mfaMethods, passkeys, pgpKeys, roles, tenants } from "@/db/schema";
import type { GroupRow } from "@/lib/groups/groups";
import { pendingIn } from "./invitations";

/** What an API answer shows beside a user row in one tenant. */
export interface UserDetails {
  methods: (typeof mfaMethods.$inferSelect)[];
  /** How many passkeys the user has (each is a second factor too). */
  passkeyCount: number;
  groups: GroupRow[];
  roleNames: string[];
  hasPgpKey: boolean;
}

/** Bound parameters per IN list, well under SQLite's (and PostgreSQL's) cap. */
const CHUNK = 5_000;
const chunks = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

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
 * MFA methods, groups and roles in the tenant (each by name), and whether a PGP key exists, for a
 * whole list of users: one query per kind, not one per user (every query is a round trip on
 * PostgreSQL). Callers check that the users are theirs to read.
 */
export async function detailsOfUsers(userIds: string[], tenantId: string) {
  const ids = [...new Set(userIds)];
  const parts = chunks(ids);
  const methods: (typeof mfaMethods.$inferSelect)[] = [];
  const groupRows: { userId: string; group: GroupRow }[] = [];
  const roleRows: { userId: string; name: string }[] = [];
  const withKey = new Set<string>();
  const passkeyCounts = new Map<string, number>();
  // A pending invitation's MFA and key are the account's, not the tenant's: shown as none.
  const pending = new Set<string>();
  for (const part of parts) {
    // Six independent reads outside any transaction: on PostgreSQL they run side by side on the
    // pool (six round trips in the time of one); on SQLite they queue on the one connection.
    const [m, g, r, keys, invited, passkeyRows] = await Promise.all([
      db.select().from(mfaMethods).where(inArray(mfaMethods.userId, part)),
      db
        .select({ userId: groupMembers.userId, group: groups })
        .from(groupMembers)
        .innerJoin(groups, eq(groups.id, groupMembers.groupId))
        .where(and(inArray(groupMembers.userId, part), eq(groups.tenantId, tenantId)))
        .orderBy(asc(groups.name)),
      db
        .select({ userId: memberships.userId, name: roles.name })
        .from(membershipRoles)
        .innerJoin(memberships, eq(memberships.id, membershipRoles.membershipId))
        .innerJoin(roles, eq(roles.id, membershipRoles.roleId))
        .where(and(inArray(memberships.userId, part), eq(memberships.tenantId, tenantId)))
        .orderBy(asc(roles.name)),
      db.select({ userId: pgpKeys.userId }).from(pgpKeys).where(inArray(pgpKeys.userId, part)),
      pendingIn(db, tenantId, part),
      db.select({ userId: passkeys.userId }).from(passkeys).where(inArray(passkeys.userId, part)),
    ]);
    methods.push(...m);
    groupRows.push(...g);
    roleRows.push(...r);
    for (const k of keys) withKey.add(k.userId);
    for (const id of invited) pending.add(id);
    for (const k of passkeyRows) passkeyCounts.set(k.userId, (passkeyCounts.get(k.userId) ?? 0) + 1);
  }
  // Slices are ordered by name each; several slices only ever hold different users, so per-user order holds.
  const methodsBy = groupBy(methods, (m) => m.userId, (m) => m);
  const groupsBy = groupBy(groupRows, (r) => r.userId, (r) => r.group);
  const rolesBy = groupBy(roleRows, (r) => r.userId, (r) => r.name);
  return (userId: string): UserDetails => ({
    methods: pending.has(userId) ? [] : (methodsBy.get(userId) ?? []),
    passkeyCount: pending.has(userId) ? 0 : (passkeyCounts.get(userId) ?? 0),
    groups: groupsBy.get(userId) ?? [],
    roleNames: rolesBy.get(userId) ?? [],
    hasPgpKey: !pending.has(userId) && withKey.has(userId),
  });
}

/** Whether the tenant forces MFA on every member. */
export async function tenantForcesMfa(tenantId: string) {
  const [t] = await db.select({ f: tenants.forceMfa }).from(tenants).where(eq(tenants.id, tenantId));
  return !!t?.f;
}

/**
 * A user's memberships (every tenant, or only those listed) with the role names held in each:
 * two queries however many tenants.
 */
export async function registrationsOf(userId: string, visibleTenants?: string[]) {
  const ms = (await db.select().from(memberships).where(eq(memberships.userId, userId))).filter((m) => !visibleTenants || visibleTenants.includes(m.tenantId));
  const roleRows = ms.length
    ? await db
        .select({ membershipId: membershipRoles.membershipId, name: roles.name })
        .from(membershipRoles)
        .innerJoin(roles, eq(roles.id, membershipRoles.roleId))
        .where(inArray(membershipRoles.membershipId, ms.map((m) => m.id)))
    : [];
  const rolesBy = groupBy(roleRows, (r) => r.membershipId, (r) => r.name);
  return ms.map((m) => ({ membership: m, roleNames: rolesBy.get(m.id) ?? [] }));
}
