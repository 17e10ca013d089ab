import { and, eq, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { lowerPrefix, nameStartsWith, orderedJoin, prefix, selectRows } from "@/db/dialect";
import { groupMembers, membershipRoles, memberships, roles, users } from "@/db/schema";
import { requirePermission, requireTenant, type Caller } from "@/lib/authz/caller";
import { validation } from "@/lib/errors";
import type { BulkAction } from "./bulk";
import { asInvitedMember } from "./invitations";

import { PAGE_SIZES, SORTS } from "./list-params";

export { PAGE_SIZES, SORTS };

/** The users table's URL state, parsed once; bad values fall back to defaults instead of failing. */
export const userQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z.enum(["active", "disabled"]).optional().catch(undefined),
  role: z.string().max(100).optional().catch(undefined),
  group: z.string().max(100).optional().catch(undefined),
  mfa: z.enum(["yes", "no"]).optional().catch(undefined),
  loginFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  loginTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  sort: z.enum(SORTS).default("created").catch("created"),
  dir: z.enum(["asc", "desc"]).default("desc").catch("desc"),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
  size: z.coerce.number().pipe(z.union(PAGE_SIZES.map((n) => z.literal(n)) as [z.ZodLiteral<10>, z.ZodLiteral<25>, z.ZodLiteral<50>, z.ZodLiteral<100>])).default(25).catch(25),
});
export type UserQuery = z.infer<typeof userQuerySchema>;

/** Counting stops here: beyond it the UI says "More than 1,000" instead of scanning every row. */
export const COUNT_CAP = 1_000;

/** WHERE clause for a tenant's users matching the filters (shared by the table, bulk "all matching" and CSV). */
export function userFilter(tenantId: string, q: Omit<UserQuery, "sort" | "dir" | "page" | "size">): SQL {
  const where: SQL[] = [eq(memberships.tenantId, tenantId)];
  const member = isNull(memberships.invitedAt);
  const pending = isNotNull(memberships.invitedAt);
  if (q.q) {
    // Prefix ranges use the email and username indexes; a plain LIKE '%x%' would scan every row.
    // Names match case-insensitively ("grace" finds "Grace Hopper"): a prefix match served by the
    // case-insensitive index users_full_name_nocase_idx (on SQLite a COLLATE NOCASE range would
    // defeat the OR optimisation; see db/dialect.ts). Emails are stored lower-case.
    const name = q.q;
    where.push(
      or(
        lowerPrefix(users.email, q.q),
        and(nameStartsWith(users.fullName, name), member),
        and(prefix(users.username, name), member),
      )!,
    );
  }
  // A pending invitation shows only the address (see asInvitedMember): filters on the account's own
  // columns treat it as that blank row (active, no MFA, never signed in), so they cannot probe it.
  if (q.status === "active") where.push(or(eq(users.active, true), pending)!);
  if (q.status === "disabled") where.push(and(eq(users.active, false), member)!);
  if (q.mfa === "yes") where.push(and(eq(users.mfaEnrolled, true), member)!);
  if (q.mfa === "no") where.push(or(eq(users.mfaEnrolled, false), pending)!);
  if (q.loginFrom) where.push(and(gte(users.lastLoginAt, new Date(`${q.loginFrom}T00:00:00Z`)), member)!);
  if (q.loginTo) where.push(and(lte(users.lastLoginAt, new Date(`${q.loginTo}T23:59:59.999Z`)), member)!);
  // Role and group filters start from their own (small, indexed) tables instead of probing every user.
  if (q.role)
    where.push(
      inArray(
        memberships.id,
        db.select({ id: membershipRoles.membershipId }).from(membershipRoles).innerJoin(roles, eq(roles.id, membershipRoles.roleId)).where(and(eq(roles.tenantId, tenantId), or(eq(roles.name, q.role), eq(roles.id, q.role)))),
      ),
    );
  if (q.group) where.push(inArray(users.id, db.select({ id: groupMembers.userId }).from(groupMembers).where(eq(groupMembers.groupId, q.group))));
  return and(...where)!;
}

const sortColumn = { email: users.email, name: users.fullName, created: memberships.createdAt, lastLogin: users.lastLoginAt, status: users.active } as const;

export async function listUsers(caller: Caller, q: UserQuery, tenantId = caller.tenantId) {
  await requirePermission(caller, "User", "Read");
  await requireTenant(caller, tenantId);
  const where = userFilter(tenantId, q);
  const col = sortColumn[q.sort];
  // LIMIT/OFFSET go in as literals: with bound parameters SQLite cannot tell the page is small and
  // prefers scanning every user and sorting, instead of walking the sort index and stopping early.
  // Sorting by membership date without a search: walk the tenant's membership index newest first
  // and stop after one page (orderedJoin pins that order on SQLite, which would otherwise scan all
  // users for an unindexed filter such as status). Searches and user-column sorts are left to the
  // planner, which starts from the email/name/last-sign-in indexes.
  const indexedFilter = q.q || q.loginFrom || q.loginTo || q.role || q.group;
  const join = q.sort === "created" && !indexedFilter ? orderedJoin : sql`inner join`;
  // Raw rows: timestamps are numbers on SQLite, Date (or strings) on PostgreSQL; new Date() takes each.
  const page = await selectRows<{ id: string; joined: number | string | Date; invitedAt: number | string | Date | null }>(
    sql`select ${users.id} as id, ${memberships.createdAt} as joined, ${memberships.invitedAt} as "invitedAt" from ${memberships} ${join} ${users} on ${users.id} = ${memberships.userId} where ${where} order by ${col} ${sql.raw(q.dir === "asc" ? "asc nulls first" : "desc nulls last")}, ${users.id} asc limit ${sql.raw(String(q.size))} offset ${sql.raw(String((q.page - 1) * q.size))}`,
  );
  const byId = new Map(page.length ? (await db.select().from(users).where(inArray(users.id, page.map((p) => p.id)))).map((u) => [u.id, u]) : []);
  // "Invited" until the person has accepted and signed in once: the same for an address that had an
  // account elsewhere and for a new one, with or without an initial password (nothing tells them apart).
  const rows = page.map((p) => {
    const user = byId.get(p.id)!;
    const shown = p.invitedAt != null ? asInvitedMember(user, new Date(p.invitedAt)) : user;
    return { ...shown, joinedAt: new Date(p.joined), invited: p.invitedAt != null || !user.lastLoginAt };
  });
  // Capped count: exact up to COUNT_CAP, then "more than".
  const [c] = await selectRows<{ n: number | string }>(
    sql`select count(*) as n from (select 1 from ${memberships} inner join ${users} on ${users.id} = ${memberships.userId} where ${where} limit ${COUNT_CAP + 1}) as matched`,
  );
  const counted = Number(c!.n);
  return { rows, total: Math.min(counted, COUNT_CAP), capped: counted > COUNT_CAP };
}

/**
 * Bulk changes other than delete run inside one request and transaction (and some bind every id as
 * an SQL variable), so "all matching" is refused beyond this many users; delete is a background job.
 */
export const BULK_CHANGE_LIMIT = 10_000;

/** Every matching user id (bulk actions on "all matching the filter"), within the action's limit. */
export async function matchingUserIds(caller: Caller, q: Omit<UserQuery, "sort" | "dir" | "page" | "size">, action: BulkAction) {
  await requirePermission(caller, "User", "Read");
  const filter = userFilter(caller.tenantId, q);
  const matching = (where: SQL) => db.select({ id: users.id }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(where);
  if (action === "delete") return (await matching(filter)).map((r) => r.id);
  // Pending invitations can only be withdrawn (deleted): other changes skip them instead of failing on them.
  const ids = (await matching(and(filter, isNull(memberships.invitedAt))!).limit(BULK_CHANGE_LIMIT + 1)).map((r) => r.id);
  if (ids.length > BULK_CHANGE_LIMIT) throw validation(`Narrow the filter: bulk changes other than delete apply to at most ${BULK_CHANGE_LIMIT.toLocaleString("en-US")} users at a time`);
  return ids;
}
