import { appUrl } from "@/lib/env";

/** Relying party: the ID is APP_URL's host name, the only accepted origin is APP_URL's origin. */
export function relyingParty(url = appUrl) {
  const u = new URL(url);
  return { rpID: u.hostname, origin: u.origin, rpName: "IAM Console" };
}

export const CHALLENGE_TTL_MS = 5 * 60_000;

/**
 * The signature counter rule (WebAuthn §6.1.1): authenticators that do not count send 0 every
 * time; any other response must raise the stored counter. A counter that stays or goes back means
 * a second copy of the credential signed in between: a clone.
 */
export function counterAccepted(stored: number, received: number) {
  if (stored === 0 && received === 0) return true;
  return received > stored;
}

/** multiDevice credentials may be synced (backup eligible); singleDevice ones stay on one authenticator. */
export const storage = (deviceType: string) => (deviceType === "multiDevice" ? "synced" : "device-bound");

/** The challenge a client signed, read from its clientDataJSON (base64url JSON); undefined when malformed. */
export function challengeOf(clientDataJSON: string): string | undefined {
  try {
    const data = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8")) as { challenge?: unknown };
    return typeof data.challenge === "string" && data.challenge.length >= 16 && data.challenge.length <= 200 ? data.challenge : undefined;
  } catch {
    return undefined;
  }
}

/** The user handle we put in every credential is the user's id as UTF-8. */
export const userHandleOf = (userId: string) => new TextEncoder().encode(userId);
export const userIdFromHandle = (handle?: string) => (handle ? Buffer.from(handle, "base64url").toString("utf8") : undefined);

export const passkeyName = (name: string) => name.trim().replace(/\s+/g, " ").slice(0, 64);
