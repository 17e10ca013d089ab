import { currentCaller, pendingRequirement } from "@/lib/auth/current";
import { ownKey } from "@/lib/pgp/store";

/** Downloads the signed-in user's armored public key. */
export async function GET() {
  const caller = await currentCaller();
  if (!caller) return new Response("Sign in first", { status: 401 });
  // Like the pages: a forced password change or MFA enrolment comes first.
  if (await pendingRequirement(caller)) return new Response("No PGP key", { status: 404 });
  const key = await ownKey(caller);
  if (!key) return new Response("No PGP key", { status: 404 });
  return new Response(key.publicKey, { headers: { "content-type": "application/pgp-keys", "content-disposition": `attachment; filename="${key.fingerprint.slice(-16)}.asc"`, "cache-control": "no-store" } });
}
