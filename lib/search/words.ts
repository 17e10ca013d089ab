import { TRIGRAM } from "@/db/dialect";

/**
 * A search box's text as words (split on spaces; every word must match, in any searched column).
 * Words of TRIGRAM characters or more go through the trigram index; shorter ones ("jo", "a") hold
 * no trigram and only narrow what the longer words found, or, when no word is long enough, each
 * capability falls back to a prefix match on its indexed columns.
 */
export function searchWords(text: string) {
  const words = [...new Set(text.trim().toLowerCase().split(/\s+/).filter(Boolean))];
  return { long: words.filter((w) => [...w].length >= TRIGRAM), short: words.filter((w) => [...w].length < TRIGRAM) };
}
