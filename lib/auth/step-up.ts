import type { Caller } from "@/lib/authz/caller";
import { forbidden } from "@/lib/errors";

/** How recent a sign-in must be to change one's own credentials without a password or code. */
export const RECENT_SIGN_IN_MS = 10 * 60_000;

/**
 * Step-up for changing one's own email or MFA where the request carries no password or code
 * (Quatrix user/edit email, IamBackoffice EnableUserMfa, admin MFA operations on oneself): only a
 * session (browser or session token) whose sign-in was in the last 10 minutes may. An API token
 * never may: a leaked token must not become a takeover of the account.
 */
export function requireRecentSignIn(caller: Caller, now = Date.now()) {
  if (caller.tokenId || !caller.authenticatedAt)
    throw forbidden("API tokens cannot change your own credentials: sign in again (IamBackoffice Login) and use that session token");
  if (now - caller.authenticatedAt.getTime() > RECENT_SIGN_IN_MS)
    throw forbidden("This change needs a recent sign-in: sign in again (within 10 minutes) and retry");
}
