import { and, isNotNull, isNull, or, type SQL } from "drizzle-orm";
import { contains, lowerPrefix, nameStartsWith, prefix, searchIndex, searchPlan, searchRow, type SearchTarget } from "@/db/dialect";
import { memberships, users } from "@/db/schema";
import { searchWords } from "@/lib/search/words";

const target: SearchTarget = { table: users, name: "users_search", columns: [users.email, users.fullName, users.username] };

/**
 * Beyond this many matching accounts in the whole instance, a search walks the page's sort order
 * and tests each row instead of collecting every match from the index (see db/dialect searchPlan):
 * either way a page costs at most a few thousand row reads, whatever the table's size.
 */
const DENSE = 2_000;

/**
 * Tenant members (joined as `memberships` ⨝ `users`) whose email, name or username contains every
 * word of `text`, any case ("hopper", "LOVE", "grace.", "linus tor"). A pending invitation shows
 * only its address (see asInvitedMember), so only its email is searched. When no word has 3
 * characters ("jo", "a b") there is no trigram to look up: the text is then a prefix of the email,
 * the name (any case) or the username, each an index range. `walk` says the match is a per-row
 * test, for queries that should walk their sort index rather than start from the search.
 */
export async function userMatches(text: string): Promise<{ where: SQL; walk: boolean } | undefined> {
  const { long, short } = searchWords(text);
  const member = isNull(memberships.invitedAt);
  if (!long.length && !short.length) return undefined;
  if (!long.length) {
    const whole = text.trim();
    return { where: or(lowerPrefix(users.email, whole), and(nameStartsWith(users.fullName, whole), member), and(prefix(users.username, whole), member))!, walk: false };
  }
  const walk = (await searchPlan(target, long, DENSE)) === "scan";
  const found = walk ? searchRow(target, long) : searchIndex(target, long);
  const anyColumn = (w: string) => or(contains(users.email, w), contains(users.fullName, w), contains(users.username, w))!;
  const shown = or(and(member, ...short.map(anyColumn)), and(isNotNull(memberships.invitedAt), ...[...long, ...short].map((w) => contains(users.email, w))))!;
  return { where: and(found, shown)!, walk };
}
