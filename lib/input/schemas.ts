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
