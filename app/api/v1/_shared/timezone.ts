/**
 * BillForward's `User.timezone` is a Java TimeZone: `rawOffset` is the standard offset from UTC
 * and `dstsavings` the extra offset during daylight saving time, both in milliseconds.
 * Computed with Intl for the IANA zone; an unset or unknown zone is shown as UTC.
 */
export interface BfTimeZone {
  id: string;
  displayName: string;
  rawOffset: number;
  dstsavings: number;
}

/** Offset of `zone` from UTC at `at`, in ms ("GMT+05:30" → 19,800,000). */
function offsetAt(zone: string, at: Date) {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /^GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(name);
  if (!m) return 0;
  const ms = (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0)) * 1000;
  return m[1] === "-" ? -ms : ms;
}

function longName(zone: string, at: Date) {
  return new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "long" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? zone;
}

export function bfTimeZone(zone: string | null | undefined, now = new Date()): BfTimeZone {
  let id = zone?.trim() || "UTC";
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: id });
  } catch {
    id = "UTC";
  }
  const year = now.getUTCFullYear();
  const jan = new Date(Date.UTC(year, 0, 1));
  const jul = new Date(Date.UTC(year, 6, 1));
  const [a, b] = [offsetAt(id, jan), offsetAt(id, jul)];
  // Standard time is the smaller offset in either hemisphere; the difference is the DST saving.
  const standardAt = a <= b ? jan : jul;
  return { id, displayName: longName(id, standardAt), rawOffset: Math.min(a, b), dstsavings: Math.abs(a - b) };
}
