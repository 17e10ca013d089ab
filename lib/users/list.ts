import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { orderedJoin, selectRows } from "@/db/dialect";
import { groupMembers, membershipRoles, memberships, roles, users } from "@/db/schema";
import { requirePermission, requireTenant, type Caller } from "@/lib/authz/caller";
import { calendarDate } from "@/lib/input/schemas";
import { validation } from "@/lib/errors";
import type { BulkAction } from "./bulk";
import { asInvitedMember } from "./invitations";
import { forCount, onRow, userMatches, withSearchedUserColumns, type Membership } from "./search";

import { PAGE_SIZES, SORTS } from "./list-params";

export { PAGE_SIZES, SORTS };

/** The users table's URL state, parsed once; bad values fall back to defaults instead of failing. */
export const userQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z.enum(["active", "disabled"]).optional().catch(undefined),
  role: z.string().max(100).optional().catch(undefined),
  group: z.string().max(100).optional().catch(undefined),
  mfa: z.enum(["yes", "no"]).optional().catch(undefined),
  loginFrom: calendarDate.optional().catch(undefined),
  loginTo: calendarDate.optional().catch(undefined),
  sort: z.enum(SORTS).default("created").catch("created"),
  dir: z.enum(["asc", "desc"]).default("desc").catch("desc"),
  /** Keyset cursors (see cursorOf): the page after or before a row. At most one is used, `after` first. */
  after: z.string().max(500).optional().catch(undefined),
  before: z.string().max(500).optional().catch(undefined),
  size: z.coerce.number().pipe(z.union(PAGE_SIZES.map((n) => z.literal(n)) as [z.ZodLiteral<10>, z.ZodLiteral<25>, z.ZodLiteral<50>, z.ZodLiteral<100>])).default(25).catch(25),
});
export type UserQuery = z.infer<typeof userQuerySchema>;
/** The filters alone: what bulk "all matching" and the CSV export take. */
export type UserFilter = Omit<UserQuery, "sort" | "dir" | "after" | "before" | "size">;

/** Counting stops here: beyond it the UI says "More than 1,000" instead of scanning every row. */
export const COUNT_CAP = 1_000;

/**
 * How many rows of its sort order a page of a common search word or a prefix walks before
 * reading the matches through the indexes instead: enough for a word in every 256th row
 * ("linus tor" at a million users), little enough to cost a few milliseconds when it is rarer.
 * The email order walks an index that holds every column the row test reads (the members'
 * memberships_tenant_email_idx for a word, the accounts' users_email_walk_idx for a prefix), a
 * sixth of the cost a row: there it walks five times as far, as "hopper" by email rejects 23,000
 * rows before its first match at a million users.
 */
const WALK_ROWS = 10_000;
const COVERED_WALK_ROWS = 50_000;

/** The walk of the tenant's members (listUsers windowed) and its copy of the searched text. */
const WALKED = sql`${sql.identifier("walked")}`;
const walkedText = sql`${WALKED}.${sql.identifier("search_text")}`;

/** WHERE clause for a tenant's users matching the filters (shared by the table, bulk "all matching" and CSV). */
export async function userFilter(
  tenantId: string,
  q: UserFilter,
  sort?: UserQuery["sort"],
): Promise<{ where: SQL; rowTest: SQL; memberRowTest?: SQL; counted: SQL; walk: boolean; searched: boolean; accountFree: boolean; source?: { from: SQL; where: SQL } }> {
  const search = q.q ? await userMatches(q.q, { membersWalk: sort === "created" ? "always" : sort === "email" ? "dense" : undefined }) : undefined;
  // A pending invitation shows only the address (see asInvitedMember): filters on the account's own
  // columns treat it as that blank row (active, no MFA, never signed in), so they cannot probe it.
  // Built twice: with the membership's own invited_at (pages), and probing the index (the count).
  const filters = ({ member, pending }: Membership): SQL[] => {
    const where: SQL[] = [eq(memberships.tenantId, tenantId)];
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
    return where;
  };
  const [where, counted] = [filters(onRow), filters(forCount)];
  // Walk the sort index unless a filter narrows the rows through an index of its own.
  const walk = (!search || search.walk) && !q.loginFrom && !q.loginTo && !q.role && !q.group;
  // The search's own index as the rows' source (SQLite), the other filters tested on each.
  const source = search?.source && { from: search.source.from, where: and(search.source.where, ...counted)! };
  // Whether only the membership is tested (the tenant, a role): then counting needs no account.
  const accountFree = !search && !q.status && !q.mfa && !q.loginFrom && !q.loginTo && !q.group;
  const memberRowTest = search?.memberTest && and(search.memberTest(walkedText), ...where);
  return { where: and(search?.where, ...where)!, rowTest: and(search?.rowTest, ...where)!, memberRowTest, counted: and(search?.counted, ...counted)!, walk, searched: !!search, accountFree, source };
}

/**
 * Each sort: its column, the column breaking ties (the user id: the membership's copy for the
 * membership date, so the tenant's (tenant, created, user) index serves the whole order), and how
 * its raw values read back. Every sort index ends with the id (db/schema/users.ts).
 */
interface SortKey {
  col: AnyColumn;
  tie: AnyColumn;
  kind: "text" | "time" | "bool";
}

const SORT_KEYS: Record<UserQuery["sort"], SortKey> = {
  email: { col: users.email, tie: users.id, kind: "text" },
  name: { col: users.fullName, tie: users.id, kind: "text" },
  created: { col: memberships.createdAt, tie: memberships.userId, kind: "time" },
  lastLogin: { col: users.lastLoginAt, tie: users.id, kind: "time" },
  status: { col: users.active, tie: users.id, kind: "bool" },
};

/**
 * The order a walk of the tenant's members reads, on the membership's own columns: the same order
 * as the sort's (the email is the account's, copied), so a cursor from either reads the same.
 */
const MEMBER_KEYS: Partial<Record<UserQuery["sort"], SortKey>> = {
  created: SORT_KEYS.created,
  email: { col: memberships.email, tie: memberships.userId, kind: "text" },
};

type SortValue = string | number | boolean | null;
type Cursor = [SortValue, string];
const cursorSchema = z.tuple([z.union([z.string(), z.number(), z.boolean(), z.null()]), z.string().max(100)]);

/** A row's place in the sort order, as an opaque URL-safe cursor. */
export const cursorOf = (value: SortValue, id: string) => Buffer.from(JSON.stringify([value, id])).toString("base64url");

/**
 * Whether a cursor's value can be of this sort's column: a time must be a representable instant
 * (a string or an out-of-range number became an Invalid Date, which PostgreSQL's encoder throws on).
 */
function fitsKind(kind: SortKey["kind"], value: SortValue) {
  if (value === null) return true;
  if (kind === "time") return typeof value === "number" && !Number.isNaN(new Date(value).getTime());
  return typeof value === (kind === "bool" ? "boolean" : "string");
}

function readCursor(cursor: string | undefined, kind: SortKey["kind"]): Cursor | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return fitsKind(kind, parsed[0]) ? parsed : undefined;
  } catch {
    return undefined; // a hand-edited cursor starts from the first page
  }
}

/** Raw values differ per engine (ms numbers vs Date or strings, 0/1 vs booleans): one form for cursors. */
function sortValue(kind: "text" | "time" | "bool", raw: unknown): SortValue {
  if (raw == null) return null;
  if (kind === "time") return new Date(raw as number | string | Date).getTime();
  if (kind === "bool") return Boolean(Number(raw) || raw === true);
  return String(raw);
}

/**
 * Rows strictly after (`later`) or before a cursor in the ascending order "NULLs first, then
 * values, then ids"; descending is its exact reverse. Written as a range on the column plus a tie
 * test, so both engines seek the sort index instead of testing every row.
 */
function beyond(sort: SortKey, [raw, id]: Cursor, later: boolean): SQL {
  const [col, tie] = [sort.col, sort.tie];
  const value = raw === null ? null : sort.kind === "time" ? new Date(raw as number) : raw;
  if (value === null) return later ? or(and(isNull(col), gt(tie, id)), isNotNull(col))! : and(isNull(col), lt(tie, id))!;
  const earlier = and(lte(col, value), or(lt(col, value), lt(tie, id)))!;
  // "IS NULL OR" only where NULLs exist: on a NOT NULL column it would stop both engines from
  // seeking the index to the cursor (SQLite then walked half a million memberships to the middle).
  return later ? and(gte(col, value), or(gt(col, value), gt(tie, id)))! : col.notNull ? earlier : or(isNull(col), earlier)!;
}

/**
 * One page of the tenant's users for the console table, by keyset: the page after `q.after` or
 * before `q.before` in the chosen order (no OFFSET: page 2,000 costs what page 1 does). Cursors for
 * the neighbouring pages come back with the rows; `next`/`previous` are absent at either end.
 */
export async function listUsers(caller: Caller, q: UserQuery, tenantId = caller.tenantId) {
  await requirePermission(caller, "User", "Read");
  await requireTenant(caller, tenantId);
  const { where, rowTest, memberRowTest, counted, walk, searched, accountFree, source } = await userFilter(tenantId, q, q.sort);
  const sort = SORT_KEYS[q.sort];
  const after = readCursor(q.after, sort.kind);
  const before = after ? undefined : readCursor(q.before, sort.kind);
  // NULLS FIRST/LAST only where the column has NULLs: on PostgreSQL a NULLS clause that differs
  // from an index's own order (ASC NULLS LAST, read backwards as DESC NULLS FIRST) means a full sort.
  const nullable = !sort.col.notNull;
  const [up, down] = [sql`${sort.col} asc${sql.raw(nullable ? " nulls first" : "")}, ${sort.tie} asc`, sql`${sort.col} desc${sql.raw(nullable ? " nulls last" : "")}, ${sort.tie} desc`];
  // LIMIT goes in as a literal: with a bound parameter SQLite cannot tell the page is small and
  // prefers scanning every user and sorting, instead of walking the sort index and stopping early.
  // Sorting by membership date while nothing else narrows the rows: walk the tenant's membership
  // index in order and stop after one page (orderedJoin pins that order on SQLite, which would
  // otherwise scan all users for an unindexed filter such as status).
  const join = q.sort === "created" && walk ? orderedJoin : sql`inner join`;
  const limit = sql.raw(String(q.size + 1));
  type Row = { id: string; k: unknown; joined: number | string | Date; invitedAt: number | string | Date | null };
  const columns = sql`${users.id} as id, ${sort.col} as k, ${memberships.createdAt} as joined, ${memberships.invitedAt} as "invitedAt"`;
  const plain = (condition: SQL, orderBy: SQL, how: SQL) =>
    selectRows<Row>(sql`select ${columns} from ${memberships} ${how} ${users} on ${users.id} = ${memberships.userId} where ${condition} order by ${orderBy} limit ${limit}`);
  // A common search word or a prefix: walk the sort's own index for at most WALK_ROWS rows, testing
  // each (the window is a subquery named like its table, so every column reference still holds).
  // A window selects only the sort and what the row test reads, so the walk never leaves its
  // covering index. A word (memberRowTest) walks the tenant's members with their copy of the
  // searched text, memberships_tenant_idx newest first or memberships_tenant_email_idx by email, so
  // only the members that match are joined to their accounts; a prefix tests the account, walking
  // users_email_walk_idx by email or the members newest first.
  // If the window did not fill the page, the matches are fewer than the walk assumed (a rare word,
  // or one common elsewhere but rare in this tenant, or the last page): read them through the
  // indexes, which is cheap for so few. (Counting whether the window held every row, to skip that
  // read, cost as much as the read.)
  const windowed = async (cursor: Cursor | undefined, asc: boolean): Promise<Row[]> => {
    const bound = cursor && beyond(sort, cursor, asc);
    const orderBy = asc ? up : down;
    // The tenant's members in their own index (their copy of the text); else the accounts' (email)
    // or the members' (newest first) index, each row joined to the other.
    const memberKey = memberRowTest ? MEMBER_KEYS[q.sort] : undefined;
    const onMemberships = !!memberKey || q.sort === "created";
    const table = onMemberships ? memberships : users;
    const walkedBound = memberKey ? cursor && beyond(memberKey, cursor, asc) : bound;
    const inner = onMemberships ? and(eq(memberships.tenantId, tenantId), walkedBound) : bound;
    const budget = q.sort === "email" ? COVERED_WALK_ROWS : WALK_ROWS;
    const within = (walked: SQL, name: SQL, by: SQL) =>
      sql`(select ${walked} from ${table}${inner ? sql` where ${inner}` : sql``} order by ${by} limit ${sql.raw(String(budget))}) as ${name}`;
    const direction = sql.raw(asc ? "asc" : "desc");
    const [from, test, order] = memberKey
      ? [
          // Only what the member index holds; a match's own membership row is then read by its key.
          sql`${within(sql.join([memberships.tenantId, memberKey.col, memberships.userId, memberships.searchText].map((c) => sql`${c}`), sql`, `), WALKED, sql`${memberKey.col} ${direction}, ${memberKey.tie} ${direction}`)} ${orderedJoin} ${memberships} on ${memberships.userId} = ${WALKED}.${sql.identifier("user_id")} and ${memberships.tenantId} = ${WALKED}.${sql.identifier("tenant_id")} ${orderedJoin} ${users} on ${users.id} = ${memberships.userId}`,
          memberRowTest!,
          // In the window's own order, so SQLite stops after a page instead of sorting every match.
          sql`${WALKED}.${sql.identifier(memberKey.col.name)} ${direction}, ${WALKED}.${sql.identifier("user_id")} ${direction}`,
        ]
      : onMemberships
        ? [sql`${within(sql`*`, sql`${table}`, orderBy)} ${orderedJoin} ${users} on ${users.id} = ${memberships.userId}`, rowTest, orderBy]
        : [sql`${within(withSearchedUserColumns([users.id, users.active, users.mfaEnrolled, sort.col]), sql`${table}`, orderBy)} ${orderedJoin} ${memberships} on ${memberships.userId} = ${users.id}`, rowTest, orderBy];
    // A members walk is bounded inside its window only (walkedBound), the same bound on its own columns.
    const rows = await selectRows<Row>(sql`select ${columns} from ${from} where ${memberKey ? test : and(test, bound)} order by ${order} limit ${limit}`);
    return rows.length > q.size ? rows : plain(and(where, bound)!, orderBy, sql`inner join`);
  };
  // One row more than a page tells whether another page follows.
  const read = (cursor: Cursor | undefined, asc: boolean) =>
    searched && walk ? windowed(cursor, asc) : plain(and(where, cursor && beyond(sort, cursor, asc))!, asc ? up : down, join);
  let page: Awaited<ReturnType<typeof read>>;
  let hasPrevious = !!after;
  let hasNext: boolean;
  // The page before a cursor is read backwards (the reverse order, then reversed).
  const back = before ? await read(before, q.dir !== "asc") : [];
  if (back.length > q.size) {
    page = back.slice(0, q.size).reverse();
    hasPrevious = hasNext = true;
  } else {
    // No cursor, a cursor after a row, or a step back onto the first page (shown full).
    page = await read(after, q.dir === "asc");
    hasNext = page.length > q.size;
    page = page.slice(0, q.size);
  }
  const [first, last] = [page[0], page[page.length - 1]];
  const previous = hasPrevious && first ? cursorOf(sortValue(sort.kind, first.k), first.id) : undefined;
  const next = hasNext && last ? cursorOf(sortValue(sort.kind, last.k), last.id) : undefined;
  const ids = page.map((p) => p.id);
  const [accounts, held] = await Promise.all([
    ids.length ? db.select().from(users).where(inArray(users.id, ids)) : [],
    ids.length ? rolesOfMembers(tenantId, ids) : new Map<string, string[]>(),
  ]);
  const byId = new Map(accounts.map((u) => [u.id, u]));
  // "Invited" until the person has accepted and signed in once: the same for an address that had an
  // account elsewhere and for a new one, with or without an initial password (nothing tells them apart).
  const rows = page.map((p) => {
    const user = byId.get(p.id)!;
    const shown = p.invitedAt != null ? asInvitedMember(user, new Date(p.invitedAt)) : user;
    return { ...shown, joinedAt: new Date(p.joined), invited: p.invitedAt != null || !user.lastLoginAt, roles: held.get(p.id) ?? [] };
  });
  // Capped count: exact up to COUNT_CAP, then "more than". A search counts from its own index
  // (the trigram table on SQLite, read in its order until the cap; the prefix ranges otherwise).
  // Without a test on the account, the tenant's membership index alone is counted (every
  // membership has its user: a foreign key).
  const matched = source
    ? sql`select 1 from ${source.from} ${orderedJoin} ${memberships} on ${memberships.userId} = ${users.id} where ${source.where}`
    : accountFree
      ? sql`select 1 from ${memberships} where ${counted}`
      : sql`select 1 from ${memberships} ${searched ? sql`inner join` : join} ${users} on ${users.id} = ${memberships.userId} where ${counted}`;
  const [c] = await selectRows<{ n: number | string }>(sql`select count(*) as n from (${matched} limit ${COUNT_CAP + 1}) as matched`);
  const n = Number(c!.n);
  return { rows, total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP, next, previous };
}

/**
 * Role names each of these users holds in the tenant; a member with no role of their own holds the
 * tenant's default role (shown as such). A pending invitation holds nothing yet.
 */
async function rolesOfMembers(tenantId: string, userIds: string[]) {
  const [explicit, defaults, pending] = await Promise.all([
    db
      .select({ userId: memberships.userId, name: roles.name })
      .from(memberships)
      .innerJoin(membershipRoles, eq(membershipRoles.membershipId, memberships.id))
      .innerJoin(roles, eq(roles.id, membershipRoles.roleId))
      .where(and(eq(memberships.tenantId, tenantId), inArray(memberships.userId, userIds), isNull(roles.revokedAt)))
      .orderBy(asc(roles.name)),
    db.select({ name: roles.name }).from(roles).where(and(eq(roles.tenantId, tenantId), eq(roles.isDefault, true), isNull(roles.revokedAt))).limit(1),
    db.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.tenantId, tenantId), inArray(memberships.userId, userIds), isNotNull(memberships.invitedAt))),
  ]);
  const held = new Map<string, string[]>();
  for (const r of explicit) held.set(r.userId, [...(held.get(r.userId) ?? []), r.name]);
  const invited = new Set(pending.map((p) => p.userId));
  for (const id of userIds) if (!held.has(id) && !invited.has(id) && defaults[0]) held.set(id, [defaults[0].name]);
  return held;
}

/** The member pickers (add to a group, assign a role): the first 10 users matching `text`, by email. */
export async function pickUsers(caller: Caller, text: string) {
  return (await listUsers(caller, userQuerySchema.parse({ q: text, size: 10, sort: "email", dir: "asc" }))).rows.map((u) => ({ id: u.id, email: u.email, name: u.fullName }));
}

/**
 * Bulk changes other than delete run inside one request and transaction (and some bind every id as
 * an SQL variable), so "all matching" is refused beyond this many users; delete is a background job.
 */
export const BULK_CHANGE_LIMIT = 10_000;

/** Every matching user id (bulk actions on "all matching the filter"), within the action's limit. */
export async function matchingUserIds(caller: Caller, q: UserFilter, action: BulkAction) {
  await requirePermission(caller, "User", "Read");
  const { where: filter } = await userFilter(caller.tenantId, q);
  const matching = (where: SQL) => db.select({ id: users.id }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(where);
  if (action === "delete") return (await matching(filter)).map((r) => r.id);
  // Pending invitations can only be withdrawn (deleted): other changes skip them instead of failing on them.
  const ids = (await matching(and(filter, isNull(memberships.invitedAt))!).limit(BULK_CHANGE_LIMIT + 1)).map((r) => r.id);
  if (ids.length > BULK_CHANGE_LIMIT) throw validation(`Narrow the filter: bulk changes other than delete apply to at most ${BULK_CHANGE_LIMIT.toLocaleString("en-US")} users at a time`);
  return ids;
}
