import { generateRegistrationOptions, verifyRegistrationResponse, type AuthenticatorTransportFuture, type RegistrationResponseJSON } from "@simplewebauthn/server";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { passkeys, recoveryCodes, users } from "@/db/schema";
import { assertCurrentPassword } from "@/lib/account/credentials";
import { audit } from "@/lib/audit/record";
import { requireRecentSignIn } from "@/lib/auth/step-up";
import { requirePermission, type Caller } from "@/lib/authz/caller";
import { AppError, conflict, notFound, validation } from "@/lib/errors";
import { checkSecondFactor, newRecoveryCodes, syncEnrolled } from "@/lib/mfa/methods";
import { mfaForced } from "@/lib/mfa/self-service";
import { revokeAllCredentials } from "@/lib/sessions/revoke-all";
import { manageableUser } from "@/lib/users/scope";
import { consumeChallenge, storeChallenge } from "./challenges";
import { challengeOf, passkeyName, relyingParty, userHandleOf } from "./rules";
import { dropRecoveryCodesIfNoFactor, factorCount, passkeyOf, passkeysOf } from "./store";

const log = (caller: Caller, action: string, userId: string, data: Record<string, unknown> = {}) => ({
  tenantId: caller.tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action, targetType: "user", targetId: userId, data,
});

/**
 * Options for adding a passkey to one's own account: a discoverable credential with user
 * verification, attestation "none", the existing credentials excluded. Like adding an
 * authenticator, it needs a recent sign-in.
 */
export async function registrationOptions(caller: Caller) {
  requireRecentSignIn(caller);
  const [user] = await db.select().from(users).where(eq(users.id, caller.userId));
  if (!user) throw notFound("User not found");
  const { rpID, rpName } = relyingParty();
  const existing = await passkeysOf(user.id);
  const options = await generateRegistrationOptions({
    rpName,
    rpID,
    userName: user.email,
    userDisplayName: user.fullName || user.email,
    userID: userHandleOf(user.id),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports as AuthenticatorTransportFuture[] })),
    authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
  });
  await storeChallenge("register", options.challenge, { userId: user.id });
  return options;
}

/** Verifies the browser's answer to registrationOptions and keeps the credential. The first factor of an account also creates recovery codes, returned once. */
export async function registerPasskey(caller: Caller, input: { name: string; response: RegistrationResponseJSON }) {
  requireRecentSignIn(caller);
  const name = passkeyName(input.name);
  if (!name) throw validation("Give the passkey a name", "name");
  const challenge = challengeOf(input.response.response.clientDataJSON);
  const row = await consumeChallenge("register", challenge);
  if (!row || row.userId !== caller.userId) throw validation("This passkey request has expired. Try again.");
  const { rpID, origin } = relyingParty();
  let info;
  try {
    const v = await verifyRegistrationResponse({ response: input.response, expectedChallenge: challenge!, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: true });
    // The library returns the credential id from inside the attestation without comparing it to
    // the one the answer names (bounded in wire.ts): a browser's never differ, a crafted answer's
    // could be far longer than WebAuthn allows.
    info = v.verified && v.registrationInfo.credential.id === input.response.id ? v.registrationInfo : undefined;
  } catch {
    info = undefined;
  }
  if (!info) throw validation("The passkey could not be verified. Try again.");
  const { credential, credentialDeviceType, credentialBackedUp, aaguid } = info;
  const [taken] = await db.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.credentialId, credential.id));
  if (taken) throw conflict("This passkey is already registered");
  return await db.transaction(async (tx) => {
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, caller.userId));
    if (!user) throw notFound("User not found");
    const [passkey] = await tx
      .insert(passkeys)
      .values({
        userId: caller.userId,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString("base64url"),
        counter: credential.counter,
        transports: credential.transports ?? [],
        deviceType: credentialDeviceType,
        backedUp: credentialBackedUp,
        aaguid,
        name,
      })
      .returning();
    const hadCodes = (await tx.select({ id: recoveryCodes.id }).from(recoveryCodes).where(eq(recoveryCodes.userId, caller.userId)).limit(1)).length > 0;
    const codes = hadCodes ? [] : await newRecoveryCodes(caller.userId, tx);
    await syncEnrolled(caller.userId, tx);
    await audit({ ...log(caller, "passkey.added", caller.userId, { passkeyId: passkey!.id, name, storage: credentialDeviceType === "multiDevice" ? "synced" : "device-bound" }), targetLabel: user.email }, tx);
    return { passkey: passkey!, recoveryCodes: codes };
  });
}

export async function renamePasskey(caller: Caller, passkeyId: string, newName: string) {
  const name = passkeyName(newName);
  if (!name) throw validation("Give the passkey a name", "name");
  if (!(await passkeyOf(caller.userId, passkeyId))) throw notFound("Passkey not found");
  await db.transaction(async (tx) => {
    await tx.update(passkeys).set({ name }).where(and(eq(passkeys.id, passkeyId), eq(passkeys.userId, caller.userId)));
    await audit(log(caller, "passkey.renamed", caller.userId, { passkeyId, name }), tx);
  });
}

/**
 * Removes one of one's own passkeys after the password (or a current code). Refused for the last
 * way to sign in (no password and no other passkey) and for the last second factor when MFA is
 * forced; every precondition is checked before the password or code.
 */
export async function removeOwnPasskey(caller: Caller, passkeyId: string, proof: { password?: string; code?: string }) {
  if (!(await passkeyOf(caller.userId, passkeyId))) throw notFound("Passkey not found");
  const [user] = await db.select().from(users).where(eq(users.id, caller.userId));
  if (!user) throw notFound("User not found");
  const left = await factorCount(caller.userId);
  if (!user.passwordHash && left.passkeys <= 1) throw new AppError("precondition", "This passkey is your only way to sign in: set a password before removing it");
  if (left.methods + left.passkeys <= 1 && (await mfaForced(caller.userId, caller.tenantId)))
    throw new AppError("precondition", "Two-factor authentication is required for this account: add another method before removing this passkey");
  if (proof.password) await assertCurrentPassword(caller, proof.password, "password");
  else if (proof.code) {
    if (!(await checkSecondFactor(caller.userId, proof.code))) throw validation("The code is not valid", "code");
  } else throw validation("Enter your password to confirm", "password");
  await deletePasskey(caller, caller.userId, passkeyId);
}

/** `endCredentials`: the user's sessions and tokens end with the passkey, in the same transaction (all but `keepSessionId`). */
async function deletePasskey(caller: Caller, userId: string, passkeyId: string, endCredentials?: { keepSessionId?: string }) {
  await db.transaction(async (tx) => {
    const removed = await tx.delete(passkeys).where(and(eq(passkeys.id, passkeyId), eq(passkeys.userId, userId))).returning({ id: passkeys.id, name: passkeys.name });
    if (removed.length === 0) throw notFound("Passkey not found");
    await dropRecoveryCodesIfNoFactor(userId, tx);
    await syncEnrolled(userId, tx);
    if (endCredentials) await revokeAllCredentials(userId, endCredentials, tx);
    await audit(log(caller, "passkey.removed", userId, { passkeyId, name: removed[0]!.name }), tx);
  });
}

/**
 * An administrator removes a user's passkey: the same checks as removing MFA (User/Reset,
 * escalation, recent sign-in on oneself), and, like an MFA reset, every credential of the user
 * ends with it: an admin removes a passkey because the device is lost or in the wrong hands, and
 * the sessions it opened must not outlive it. On oneself the session doing it stays.
 */
export async function adminRemovePasskey(caller: Caller, userId: string, passkeyId: string) {
  await requirePermission(caller, "User", "Reset");
  if (userId === caller.userId) requireRecentSignIn(caller);
  await manageableUser(caller, userId);
  await deletePasskey(caller, userId, passkeyId, { keepSessionId: userId === caller.userId ? caller.sessionId : undefined });
}

export { passkeysOf };
