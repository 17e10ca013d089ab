import { generateAuthenticationOptions, verifyAuthenticationResponse, type AuthenticationResponseJSON, type AuthenticatorTransportFuture } from "@simplewebauthn/server";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { passkeys, users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import { claimOrAudit, completeSecondStep, pendingSecondStep, signInTenants, throttleKeys, type LoginContext } from "@/lib/auth/login";
import { AppError, unauthenticated, validation } from "@/lib/errors";
import { randomToken } from "@/lib/security/crypto";
import { claimAttempt, failedAttempt, perClientKeys, succeededAttempt } from "@/lib/security/throttle";
import { consumeChallenge, storeChallenge } from "./challenges";
import { challengeOf, counterAccepted, relyingParty, userIdFromHandle } from "./rules";
import { passkeyByCredentialId, passkeysOf, type PasskeyRow } from "./store";

export const CLONED = "This passkey was refused: its signature counter did not increase, so a copy of it may be in use elsewhere. Remove it and add a new one.";
const EXPIRED = "This passkey request has expired. Try again.";

type Verdict = { ok: true } | { ok: false; reason: "invalid" | "cloned" };

/**
 * Checks an assertion against one stored credential: origin, RP ID, challenge, signature, user
 * verification when required, then the counter rule. The counter is raised with a conditional
 * update, so two uses of one counter value cannot both pass. Backup state is kept current.
 */
export async function verifyAssertion(pk: PasskeyRow, response: AuthenticationResponseJSON, challenge: string, requireUserVerification: boolean, now = new Date()): Promise<Verdict> {
  const { rpID, origin } = relyingParty();
  let info;
  try {
    const v = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      // The library's own counter check is replaced by ours (counterAccepted), which tells a clone apart.
      credential: { id: pk.credentialId, publicKey: new Uint8Array(Buffer.from(pk.publicKey, "base64url")), counter: 0, transports: pk.transports as AuthenticatorTransportFuture[] },
      requireUserVerification,
    });
    info = v.verified ? v.authenticationInfo : undefined;
  } catch {
    info = undefined;
  }
  if (!info) return { ok: false, reason: "invalid" };
  if (!counterAccepted(pk.counter, info.newCounter)) return { ok: false, reason: "cloned" };
  const won = await db
    .update(passkeys)
    .set({ counter: info.newCounter, lastUsedAt: now, backedUp: info.credentialBackedUp, deviceType: info.credentialDeviceType })
    .where(and(eq(passkeys.id, pk.id), eq(passkeys.counter, pk.counter)))
    .returning({ id: passkeys.id });
  if (!won.length && !(pk.counter === 0 && info.newCounter === 0)) return { ok: false, reason: "cloned" };
  return { ok: true };
}

const clonedAudit = (pk: PasskeyRow, ip: string, tenantId?: string) =>
  audit({ tenantId, action: "passkey.cloned", actorId: pk.userId, ip, targetType: "user", targetId: pk.userId, data: { passkeyId: pk.id, name: pk.name, storedCounter: pk.counter } });

/** Options for the second step of a password sign-in: only this user's passkeys are allowed. */
export async function secondFactorOptions(twoFactorId: string) {
  const pending = await pendingSecondStep(twoFactorId);
  if (!pending) throw unauthenticated("This sign-in has expired. Start again with your password.");
  const creds = await passkeysOf(pending.userId);
  if (!creds.length) throw validation("This account has no passkey");
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    userVerification: "preferred",
    allowCredentials: creds.map((p) => ({ id: p.credentialId, transports: p.transports as AuthenticatorTransportFuture[] })),
  });
  await storeChallenge("mfa", options.challenge, { userId: pending.userId, ref: pending.id });
  return options;
}

/** Completes a password sign-in's second step with a passkey (throttled like a code, on the same counter). */
export async function completeMfaWithPasskey(input: { twoFactorId: string; response: AuthenticationResponseJSON }, ctx: LoginContext) {
  let message = "The passkey could not be verified";
  return await completeSecondStep(
    input.twoFactorId,
    ctx,
    async (userId, challengeId) => {
      const keys = [`mfa:${userId}`, ...perClientKeys("ip", ctx.ip)];
      await claimAttempt(keys);
      const challenge = challengeOf(input.response.response.clientDataJSON);
      const row = await consumeChallenge("mfa", challenge);
      const pk = await passkeyByCredentialId(input.response.id);
      let verdict: Verdict = { ok: false, reason: "invalid" };
      if (row && row.userId === userId && row.ref === challengeId && pk && pk.userId === userId) verdict = await verifyAssertion(pk, input.response, challenge!, false);
      else if (!row) message = EXPIRED;
      if (!verdict.ok) {
        await failedAttempt(keys);
        if (verdict.reason === "cloned") {
          message = CLONED;
          await clonedAudit(pk!, ctx.ip);
        }
        return null;
      }
      await succeededAttempt(keys);
      return "passkey";
    },
    () => message,
  );
}

/** Options for a passwordless sign-in: any discoverable credential of this site, user verification required. */
export async function passwordlessOptions() {
  const options = await generateAuthenticationOptions({ rpID: relyingParty().rpID, userVerification: "required" });
  await storeChallenge("login", options.challenge);
  return options;
}

export type PasskeyLoginOutcome =
  | { status: "ok"; userId: string; tenantId: string }
  | { status: "choose_tenant"; token: string; tenants: { id: string; name: string }[] };

/**
 * Passwordless sign-in: a discoverable credential with user verification is both factors. The
 * attempt is throttled and audited like a password sign-in (same counters, same events, `via:
 * passkey`); a user of several tenants gets a single-use token to pick one.
 */
export async function passkeyLogin(input: { response: AuthenticationResponseJSON; deviceCookie?: string }, ctx: LoginContext): Promise<PasskeyLoginOutcome> {
  const challenge = challengeOf(input.response.response.clientDataJSON);
  if (!(await consumeChallenge("login", challenge))) throw unauthenticated(EXPIRED);
  const pk = await passkeyByCredentialId(input.response.id);
  const [user] = pk ? await db.select().from(users).where(eq(users.id, pk.userId)) : [];
  const label = user?.email ?? "";
  const entry = { actorEmail: label, ip: ctx.ip, targetType: "user", targetId: user?.id ?? null, targetLabel: label, data: { via: "passkey" } };
  const keys = await throttleKeys(user?.id, `passkey:${input.response.id.slice(0, 64)}`, ctx.ip, input.deviceCookie);
  await claimOrAudit(keys, entry);
  const handle = userIdFromHandle(input.response.response.userHandle);
  const verdict: Verdict = pk && user && (!handle || handle === user.id) ? await verifyAssertion(pk, input.response, challenge!, true) : { ok: false, reason: "invalid" };
  if (!verdict.ok) {
    await failedAttempt(keys);
    await audit({ ...entry, action: "login.failed" });
    if (verdict.reason === "cloned") {
      await clonedAudit(pk!, ctx.ip);
      throw unauthenticated(CLONED);
    }
    throw unauthenticated("This passkey is not valid for this site. Sign in with your password.");
  }
  await succeededAttempt(keys);
  if (!user!.active) {
    await audit({ ...entry, action: "login.disabled_account" });
    throw new AppError("forbidden", "This account is disabled. Contact your administrator.");
  }
  const allowed = await signInTenants(user!);
  if (allowed.length === 0) throw new AppError("forbidden", "This account has no tenant to sign in to");
  if (allowed.length === 1) return { status: "ok", userId: user!.id, tenantId: allowed[0]!.id };
  const token = randomToken();
  await storeChallenge("tenant", token, { userId: user!.id });
  return { status: "choose_tenant", token, tenants: allowed };
}

/** The tenant pick after a passkey sign-in: the token is single use and 5 minutes. */
export async function choosePasskeyTenant(input: { token: string; tenantId: string }) {
  const row = await consumeChallenge("tenant", input.token);
  if (!row?.userId) throw unauthenticated("This sign-in has expired. Start again.");
  const [user] = await db.select().from(users).where(eq(users.id, row.userId));
  if (!user?.active) throw new AppError("forbidden", "This account is disabled. Contact your administrator.");
  if (!(await signInTenants(user)).some((t) => t.id === input.tenantId)) throw unauthenticated("You are not a member of that tenant");
  return { userId: user.id, tenantId: input.tenantId };
}
