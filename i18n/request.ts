import { getRequestConfig } from "next-intl/server";
import { headers } from "next/headers";
import { currentCaller } from "@/lib/auth/current";
import { localePreferences } from "@/lib/i18n/preferences";
import { negotiateLocale } from "@/lib/i18n/negotiate";

/**
 * Locale and time zone of a request (next-intl asks once per request): the signed-in user's language setting,
 * else the browser's Accept-Language, else English; the user's time zone, else UTC. No locale in
 * the URL: the same page answers in each person's language.
 */
async function requestLocale() {
  const h = await headers();
  const caller = await currentCaller();
  const prefs = caller ? await localePreferences(caller.userId) : undefined;
  return { locale: negotiateLocale({ setting: prefs?.language, acceptLanguage: h.get("accept-language") }), timeZone: prefs?.timeZone ?? "UTC" };
}

export default getRequestConfig(async () => {
  const { locale, timeZone } = await requestLocale();
  return { locale, timeZone, messages: (await import(`../messages/${locale}.json`)).default };
});
