import { and, isNotNull, isNull, or, type SQL } from "drizzle-orm";
import { contains, lowerPrefix, nameStartsWith, prefix, searchIndex, searchPlan, searchRow, searchSource, walkPrefixes, type SearchTarget } from "@/db/dialect";
import { memberships, users } from "@/db/schema";
import { searchWords } from "@/lib/search/words";

const target: SearchTarget = { table: users, name: "users_search", columns: [users.email, users.fullName, users.username] };

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
  walk: boolean;
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
 */
export async function userMatches(text: string): Promise<UserMatches | undefined> {
  const { long, short } = searchWords(text);
  const member = isNull(memberships.invitedAt);
  if (!long.length && !short.length) return undefined;
  if (!long.length) {
    const whole = text.trim();
    const where = or(lowerPrefix(users.email, whole), and(nameStartsWith(users.fullName, whole), member), and(prefix(users.username, whole), member))!;
    return { where, rowTest: where, walk: walkPrefixes };
  }
  const walk = (await searchPlan(target, long, DENSE)) === "scan";
  const anyColumn = (w: string) => or(contains(users.email, w), contains(users.fullName, w), contains(users.username, w))!;
  const shown = or(and(member, ...short.map(anyColumn)), and(isNotNull(memberships.invitedAt), ...[...long, ...short].map((w) => contains(users.email, w))))!;
  const source = searchSource(target, long);
  return { where: and(searchIndex(target, long), shown)!, rowTest: and(walk ? searchRow(target, long) : searchIndex(target, long), shown)!, walk, source: source && { from: source.from, where: and(source.where, shown)! } };
}
