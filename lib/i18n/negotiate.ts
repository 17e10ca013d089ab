/** The languages the console is written in; the first is the fallback. */
export const LOCALES = ["en", "de", "fr"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export const isLocale = (value: unknown): value is Locale => typeof value === "string" && (LOCALES as readonly string[]).includes(value);

/**
 * The languages of an Accept-Language header, best first: "fr-CH, fr;q=0.9, de;q=0.8, *;q=0.5".
 * Entries with q=0 ("not this one") and malformed ones are dropped; equal weights keep header order.
 */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  const entries: { tag: string; q: number; at: number }[] = [];
  header.split(",").forEach((part, at) => {
    const [rawTag, ...params] = part.trim().split(";");
    const tag = rawTag.trim().toLowerCase();
    if (!/^([a-z]{1,8}(-[a-z0-9]{1,8})*|\*)$/.test(tag)) return;
    let q = 1;
    for (const p of params) {
      const [name, value] = p.split("=").map((x) => x.trim());
      if (name === "q") q = /^[0-9.]+$/.test(value ?? "") ? Number(value) : NaN;
    }
    if (Number.isFinite(q) && q > 0 && q <= 1) entries.push({ tag, q, at });
  });
  return entries.sort((a, b) => b.q - a.q || a.at - b.at).map((e) => e.tag);
}

/** The first of the header's languages we have, by primary subtag ("de-AT" → de); "*" means any, so the default. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | undefined {
  for (const tag of parseAcceptLanguage(header)) {
    if (tag === "*") return DEFAULT_LOCALE;
    const primary = tag.split("-")[0];
    if (isLocale(primary)) return primary;
  }
  return undefined;
}

/**
 * The locale of a request: the signed-in user's language setting when we have that language, else
 * the browser's Accept-Language, else English. A setting of a language we do not have (the
 * settings API accepts a few more) falls through to the browser's.
 */
export function negotiateLocale({ setting, acceptLanguage }: { setting?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(setting)) return setting;
  return localeFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}
