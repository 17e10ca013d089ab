/**
 * Request size limits, in one place: next.config.ts, proxy.ts and the handlers read them, and the
 * README documents them. Past each one the answer is 413.
 */
const MB = 1024 * 1024;

/** Every JSON body of the four APIs (a Forgiva backup/import travels inside it). */
export const API_MAX_BODY_BYTES = 20 * MB;
/** Sign-in, sign-out and CSRF posts to next-auth (/api/auth/*): a few hundred bytes in practice. */
export const AUTH_MAX_BODY_BYTES = 16 * 1024;
/** The backup file uploaded from /vault/backup. */
export const BACKUP_UPLOAD_MAX_BYTES = 64 * MB;
/** Server action bodies (forms); bigger uploads go to route handlers. */
export const SERVER_ACTION_MAX_BYTES = 2 * MB;
export const SERVER_ACTION_LIMIT = "2mb";

export const megabytes = (bytes: number) => `${Math.floor(bytes / MB)} MB`;
