import { z } from "zod";

/**
 * Length caps shared by every edge. An address is at most 254 characters (RFC 5321 path limit);
 * a sign-in id is an address or a username, 320 leaves room for either. Without them a request
 * could store megabytes per failed sign-in (audit rows, throttle keys) and PostgreSQL answered
 * 500 on index keys past ~2.7 KB.
 */
export const EMAIL_MAX = 254;
export const LOGIN_ID_MAX = 320;
/** Roles, groups and role codes named in one request: more than any tenant has, far below driver limits. */
export const LIST_MAX = 100;

/** An email address field. `invalid` is the field's own message (an API sentence or a UI message key). */
export const emailAddress = (invalid: string, tooLong = invalid) => z.email(invalid).max(EMAIL_MAX, tooLong);

/** An email address or a username used to sign in or to name an account. */
export const loginIdentifier = (field: string) =>
  z.string().min(1, `${field} is required`).max(LOGIN_ID_MAX, `${field} must be at most ${LOGIN_ID_MAX} characters`);

/** A list of role names, role codes or group ids. */
export const nameList = <T extends z.ZodType>(item: T, field: string) => z.array(item).max(LIST_MAX, `${field} must list at most ${LIST_MAX} entries`);

/** Quatrix quotas are stored in a 32-bit integer column; PostgreSQL refuses more ("integer out of range"). */
export const QUOTA_MAX = 2_147_483_647;

/** True for a real day of the Gregorian calendar written YYYY-MM-DD (no 2024-13-01, no 2024-02-30). */
export function isCalendarDate(text: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

/**
 * A date filter. The regex alone let 2024-13-01 through: it became an Invalid Date, which
 * Drizzle's PostgreSQL encoder throws on (500) and SQLite bound as NaN. Checked on the calendar
 * itself, as Date.parse rolls 2024-02-30 over to March in some engines.
 */
export const calendarDate = z.string().refine(isCalendarDate, "Enter a real date as YYYY-MM-DD");
