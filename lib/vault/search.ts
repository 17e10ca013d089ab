import { and, or, type SQL } from "drizzle-orm";
import { contains, searchIndex, type SearchTarget } from "@/db/dialect";
import { vaultEntries } from "@/db/schema";
import { searchWords } from "@/lib/search/words";

const target: SearchTarget = { table: vaultEntries, name: "vault_entries_search", columns: [vaultEntries.host, vaultEntries.account] };

/**
 * Vault entries whose host or account contains every word of `text`, any case. Words of 3+
 * characters go through the trigram index; shorter ones are tested on the rows it found, or on the
 * owner's entries (by their user index) when no word is long enough.
 */
export function entryMatches(text: string): SQL | undefined {
  const { long, short } = searchWords(text);
  if (!long.length && !short.length) return undefined;
  return and(...(long.length ? [searchIndex(target, long)] : []), ...short.map((w) => or(contains(vaultEntries.host, w), contains(vaultEntries.account, w))!));
}
