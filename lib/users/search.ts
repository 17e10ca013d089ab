import { aliasedTable, and, eq, exists, isNotNull, isNull, notExists, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { contains, countProbesInvitations, holdsWords, lowerPrefix, nameStartsWith, prefix, rowTestable, searchIndex, searchPlan, searchRow, searchSource, walkPrefixes, withSearchedColumns, type SearchTarget } from "@/db/dialect";
import { memberships, users } from "@/db/schema";
import { searchWords } from "@/lib/search/words";

/** How a query tells the listed membership (`memberships` in it) as a member or a pending invitation. */
export interface Membership {
  member: SQL;
  pending: SQL;
}

/** From the row's own invited_at: what a page reads anyway (the planners' estimates are built on it). */
export const onRow: Membership = { member: isNull(memberships.invitedAt), pending: isNotNull(memberships.invitedAt) };

const invitation = aliasedTable(memberships, "invitation");
const isInvitation = db
  .select({ one: sql`1` })
  .from(invitation)
  .where(and(eq(invitation.tenantId, memberships.tenantId), eq(invitation.userId, memberships.userId), isNotNull(invitation.invitedAt)));

/**
 * For a capped count: on PostgreSQL probed in the small partial index of pending invitations, so
 * the count reads only the (user, tenant) index of memberships, never the row (an index-only scan
 * instead of a heap read per match, which was half of a count at a million users); see
 * db/dialect countProbesInvitations. Not for pages: PostgreSQL estimates the probe as rejecting
 * half the rows and leaves its walk of the sort index for a hash join of every membership.
 */
export const forCount: Membership = countProbesInvitations ? { member: notExists(isInvitation), pending: exists(isInvitation) } : onRow;

const target: SearchTarget = { table: users, name: "users_search", columns: [users.email, users.fullName, users.username] };

/** A select list of these columns of users and every one a search's row test reads (any search). */
export const withSearchedUserColumns = (columns: AnyColumn[]) => withSearchedColumns(target, columns);

/**
 * Beyond this many matching accounts in the whole instance, a search walks the page's sort order
 * and tests each row instead of collecting every match from the index (see db/dialect searchPlan):
 * either way a page costs at most a few thousand row reads, whatever the table's size.
 */
const DENSE = 2_000;

export interface UserMatches {
  /** The match through the indexes (what a query that does not walk uses). */
  where: SQL;
  /** The same match tested on each row, for a walk of the sort index. */
  rowTest: SQL;
  /** `where` with invitations told apart as forCount says, for the capped count. */
  counted: SQL;
  walk: boolean;
  /**
   * The same match tested on a membership's own copy of the searched text (memberships.search_text,
   * the email alone for a pending invitation, as `text`), so a walk of the tenant's members reads no
   * account. Only when asked for (membersWalk), and never for a prefix search, which tests where
   * each column starts.
   */
  memberTest?: (text: SQL) => SQL;
  /** The matches in the trigram index's own order (SQLite), `where` told apart as `counted`. */
  source?: { from: SQL; where: SQL };
}

/**
 * Tenant members (joined as `memberships` ⨝ `users`) whose email, name or username contains every
 * word of `text`, any case ("hopper", "LOVE", "grace.", "linus tor"). A pending invitation shows
 * only its address (see asInvitedMember), so only its email is searched. When no word has 3
 * characters ("jo", "a b") there is no trigram to look up: the text is then a prefix of the email,
 * the name (any case) or the username, each an index range. `walk` says the match is a per-row
 * test, for queries that should walk their sort index rather than start from the search: a
 * common word, or a prefix (each row's test is cheap, while a prefix as common as "jo" holds tens
 * of thousands of rows to sort). `source` (SQLite) reads the matches from the trigram index
 * itself, with `where` then only what the index does not test: for a capped count.
 * `membersWalk`: the page may walk the tenant's members (memberTest), in the order of one of
 * their indexes. "always" (newest first): testing each membership's copy of the text costs so
 * little that the walk is always tried first (no count of the matches decides), the index read
 * only when the walk does not fill the page. "dense" (by email): only where a common word would
 * walk the accounts anyway; a rare word is read from the index, as a futile walk in email order
 * reads five times as far.
 */
export async function userMatches(text: string, { membersWalk }: { membersWalk?: "always" | "dense" } = {}): Promise<UserMatches | undefined> {
  const { long, short } = searchWords(text);
  if (!long.length && !short.length) return undefined;
  if (!long.length) {
    const whole = text.trim();
    const where = ({ member }: Membership) => or(lowerPrefix(users.email, whole), and(nameStartsWith(users.fullName, whole), member), and(prefix(users.username, whole), member))!;
    return { where: where(onRow), rowTest: where(onRow), counted: where(forCount), walk: walkPrefixes };
  }
  const words = [...long, ...short];
  const always = membersWalk === "always" && rowTestable(words);
  const dense = !always && (await searchPlan(target, long, DENSE)) === "scan";
  const onMembers = always || (membersWalk === "dense" && dense && rowTestable(words));
  const walk = always || dense;
  const anyColumn = (w: string) => or(contains(users.email, w), contains(users.fullName, w), contains(users.username, w))!;
  const shown = ({ member, pending }: Membership) => or(and(member, ...short.map(anyColumn)), and(pending, ...[...long, ...short].map((w) => contains(users.email, w))))!;
  const source = searchSource(target, long);
  return {
    where: and(searchIndex(target, long), shown(onRow))!,
    rowTest: and(walk ? searchRow(target, long) : searchIndex(target, long), shown(onRow))!,
    counted: and(searchIndex(target, long), shown(forCount))!,
    walk,
    memberTest: onMembers ? (copy: SQL) => holdsWords(copy, words) : undefined,
    source: source && { from: source.from, where: and(source.where, shown(forCount))! },
  };
}
