"use client";

import { useLocale, useTimeZone } from "next-intl";
import { useSyncExternalStore } from "react";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "5 min ago" in the given locale; under a minute reads "now". */
export function relative(date: Date, now: Date, locale: string) {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "short" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, "second");
}

// One clock for every RelativeTime on the page, ticking once a minute.
const MINUTE = 60_000;
function subscribe(onTick: () => void) {
  const timer = setInterval(onTick, MINUTE);
  return () => clearInterval(timer);
}
const currentMinute = () => Math.floor(Date.now() / MINUTE) * MINUTE;
const noClock = () => null;

/**
 * A relative time with the exact time (in the viewer's locale and time zone) on hover. The server
 * renders the exact time so the first paint never disagrees with the client's clock; the relative
 * label replaces it after hydration and refreshes every minute. Locale and time zone default to
 * the viewer's (next-intl: their language and profile time zone).
 */
export function RelativeTime({
  date,
  locale,
  timeZone,
}: {
  date: Date | string | number;
  locale?: string;
  timeZone?: string;
}) {
  const viewerLocale = useLocale();
  const viewerTimeZone = useTimeZone();
  locale ??= viewerLocale;
  timeZone ??= viewerTimeZone;
  const value = new Date(date);
  const exact = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(value);
  const now = useSyncExternalStore(subscribe, currentMinute, noClock);
  return (
    <time dateTime={value.toISOString()} title={exact}>
      {now === null ? exact : relative(value, new Date(now), locale)}
    </time>
  );
}
