/**
 * Day boundaries in a time zone, so "sign-ins per day" counts the viewer's days, not UTC's. Each
 * boundary is one instant: the range queries on audit_events stay plain index ranges.
 */

/** The zone's offset from UTC at `at`, in ms (positive east of Greenwich). */
function offsetAt(at: number, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(new Date(at))
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return asUtc - (at - (at % 1000));
}

/** The instant local midnight starts the given calendar day (y, m0, d) in the zone. */
function midnight(y: number, m0: number, d: number, timeZone: string) {
  const guess = Date.UTC(y, m0, d);
  const first = guess - offsetAt(guess, timeZone);
  // Across a DST change the offset at midnight differs from the one at the guess: take it again.
  return guess - offsetAt(first, timeZone);
}

/** A zone Intl knows, else UTC (users.timezone is free text from the APIs). */
export function knownZone(timeZone: string | null | undefined) {
  if (!timeZone) return "UTC";
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

export interface Day {
  /** YYYY-MM-DD in the zone. */
  date: string;
  start: Date;
  end: Date;
}

/** The last `count` days up to and including today in the zone, oldest first. */
export function lastDays(count: number, timeZone: string, now = new Date()): Day[] {
  const zone = knownZone(timeZone);
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const days: Day[] = [];
  for (let i = count - 1; i >= 0; i--) {
    // Date.UTC normalises day underflow ("March 0" is the last of February).
    const start = new Date(midnight(y, m - 1, d - i, zone));
    const end = new Date(midnight(y, m - 1, d - i + 1, zone));
    days.push({ date: new Date(Date.UTC(y, m - 1, d - i)).toISOString().slice(0, 10), start, end });
  }
  return days;
}
