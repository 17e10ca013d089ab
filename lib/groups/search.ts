import { and, type SQL } from "drizzle-orm";
import { contains, searchIndex, type SearchTarget } from "@/db/dialect";
import { groups } from "@/db/schema";
import { searchWords } from "@/lib/search/words";

const target: SearchTarget = { table: groups, name: "groups_search", columns: [groups.name] };

/**
 * Groups whose name contains every word of `text`, any case ("ops" finds "Platform Ops"). Words
 * of 3+ characters go through the trigram index; shorter ones are tested on the rows it found, or
 * on the tenant's groups when no word is long enough (a tenant has few enough for that).
 */
export function groupMatches(text: string): SQL | undefined {
  const { long, short } = searchWords(text);
  if (!long.length && !short.length) return undefined;
  return and(...(long.length ? [searchIndex(target, long)] : []), ...short.map((w) => contains(groups.name, w)));
}
