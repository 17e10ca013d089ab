import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users, userSettings } from "@/db/schema";
import { negotiateLocale, type Locale } from "./negotiate";

export interface LocalePreferences {
  /** The language setting, null when never chosen (the browser's language then applies). */
  language: string | null;
  /** The profile's languages (Quatrix `language`), best first. */
  preferredLanguages: string[];
  timeZone: string;
}

/** A user's language setting, profile languages and time zone, in one query. */
export async function localePreferences(userId: string): Promise<LocalePreferences> {
  const [row] = await db
    .select({ timeZone: users.timezone, preferredLanguages: users.preferredLanguages, language: userSettings.value })
    .from(users)
    .leftJoin(userSettings, and(eq(userSettings.userId, users.id), eq(userSettings.key, "language")))
    .where(eq(users.id, userId));
  return { language: row?.language ?? null, preferredLanguages: row?.preferredLanguages ?? [], timeZone: row?.timeZone || "UTC" };
}

/**
 * The language mail to this person is written in. Mail has no browser to ask, so the profile's
 * languages stand in for Accept-Language: the setting, else the first profile language we have,
 * else English.
 */
export async function recipientLocale(userId: string | undefined): Promise<Locale> {
  if (!userId) return negotiateLocale({});
  const p = await localePreferences(userId);
  return negotiateLocale({ setting: p.language, acceptLanguage: p.preferredLanguages.join(",") });
}
