import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { passkeys, webauthnChallenges } from "@/db/schema";
import { registrationOptions } from "@/lib/passkeys/passkeys";
import { relyingParty } from "@/lib/passkeys/rules";
import { passwordlessOptions } from "@/lib/passkeys/sign-in";
import { authenticationResponse, CREDENTIAL_ID_MAX, registrationResponse } from "@/lib/passkeys/wire";
import { sha256 } from "@/lib/security/crypto";
import { callerOf, makeUser } from "@/test/factories";
import { SoftAuthenticator } from "@/test/webauthn";

// A passkey answer comes from the browser, but anyone can post one. Every field is bounded by the
// action's schema, before the database: a credential id over the WebAuthn maximum of 1023 bytes
// used to be stored, and on PostgreSQL the unique index on it refused a long one (index row size
// limit), so the action failed with "Something went wrong on our side".

const currentCaller = vi.fn();
vi.mock("@/lib/auth/current", async (importOriginal) => ({ ...(await importOriginal<object>()), currentCaller: () => currentCaller() }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined, set: () => undefined }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next-intl/server", () => ({ getTranslations: async () => Object.assign((k: string) => `t:${k}`, { has: () => true }) }));
const { addPasskeyAction } = await import("@/app/(app)/account/passkeys/actions");
const { passkeyLoginAction } = await import("@/app/(auth)/login/actions");

const { origin } = relyingParty();
const REFUSED = "t:validation.passkeyResponse";
const storedFor = async (userId: string) => await db.select({ credentialId: passkeys.credentialId }).from(passkeys).where(eq(passkeys.userId, userId));
const challengeUsed = async (challenge: string) =>
  (await db.select({ usedAt: webauthnChallenges.usedAt }).from(webauthnChallenges).where(eq(webauthnChallenges.challengeHash, sha256(challenge))))[0]!.usedAt !== null;

async function signedIn() {
  const user = await makeUser();
  const caller = callerOf(user, undefined, { authenticatedAt: new Date(), sessionId: "s" });
  currentCaller.mockResolvedValue(caller);
  return { user, caller };
}

describe("passkey registration", () => {
  it("keeps a credential id of 1023 bytes, the WebAuthn maximum, and signs in with it", async () => {
    const { user, caller } = await signedIn();
    const auth = new SoftAuthenticator(1023);
    expect(auth.id).toHaveLength(CREDENTIAL_ID_MAX);
    expect(await addPasskeyAction({ name: "Key", response: auth.register(await registrationOptions(caller), origin) })).toMatchObject({ ok: true });
    expect(await storedFor(user.id)).toEqual([{ credentialId: auth.id }]);
    const login = await passkeyLoginAction({ response: auth.assert(await passwordlessOptions(), origin, 1) });
    expect(login).toMatchObject({ ok: true, data: { status: "ok" } });
  });

  it("keeps the transports it knows and drops ones newer than it (WebAuthn: unknown values are ignored), so a new browser still registers", async () => {
    const { user, caller } = await signedIn();
    const answer = new SoftAuthenticator().register(await registrationOptions(caller), origin);
    const response = { ...answer, response: { ...answer.response, transports: ["usb", "quantum-link", "hybrid", "usb"] } };
    expect(await addPasskeyAction({ name: "Key", response })).toMatchObject({ ok: true });
    expect(await db.select({ transports: passkeys.transports }).from(passkeys).where(eq(passkeys.userId, user.id))).toEqual([{ transports: ["usb", "hybrid"] }]);
    expect(registrationResponse.safeParse({ ...answer, response: { ...answer.response, transports: ["x".repeat(33)] } }).success).toBe(false);
  });

  it("refuses a longer credential id with a validation message, before the challenge is used or anything stored", async () => {
    const { user, caller } = await signedIn();
    for (const bytes of [1024, 8000]) {
      const options = await registrationOptions(caller);
      const result = await addPasskeyAction({ name: "Key", response: new SoftAuthenticator(bytes).register(options, origin) });
      expect(result).toMatchObject({ ok: false, message: REFUSED, code: "validation.passkeyResponse", fieldErrors: { "response.id": REFUSED, "response.rawId": REFUSED } });
      expect(await challengeUsed(options.challenge)).toBe(false);
    }
    expect(await storedFor(user.id)).toEqual([]);
  });

  it("refuses an attestation carrying another, longer credential id than the answer names", async () => {
    const { user, caller } = await signedIn();
    const forged = { ...new SoftAuthenticator(8000).register(await registrationOptions(caller), origin), id: "c2hvcnQ", rawId: "c2hvcnQ" };
    expect(await addPasskeyAction({ name: "Key", response: forged })).toMatchObject({ ok: false, code: "errors.passkeyNotVerified" });
    expect(await storedFor(user.id)).toEqual([]);
  });

  it("bounds every other field of the answer, and the name", async () => {
    const { caller } = await signedIn();
    const good = new SoftAuthenticator().register(await registrationOptions(caller), origin);
    const over = (n: number) => "A".repeat(n + 1);
    const cases: [string, unknown][] = [
      ["response.clientDataJSON", { ...good, response: { ...good.response, clientDataJSON: over(8192) } }],
      ["response.attestationObject", { ...good, response: { ...good.response, attestationObject: over(16_384) } }],
      ["response.authenticatorData", { ...good, response: { ...good.response, authenticatorData: over(16_384) } }],
      ["response.publicKey", { ...good, response: { ...good.response, publicKey: over(8192) } }],
      ["response.transports", { ...good, response: { ...good.response, transports: Array(11).fill("usb") } }],
      ["response.clientDataJSON", { ...good, response: { ...good.response, clientDataJSON: "not base64url!" } }],
    ];
    for (const [field, response] of cases) expect(registrationResponse.safeParse(response).error?.issues.map((i) => [i.path.join("."), i.message]), field).toEqual([[field, "validation.passkeyResponse"]]);
    expect(await addPasskeyAction({ name: "n".repeat(65), response: good })).toMatchObject({ ok: false, fieldErrors: { name: "t:validation.max64" } });
  });
});

describe("passkey sign-in", () => {
  it("refuses oversized fields with a validation message, before the challenge is used", async () => {
    const good = new SoftAuthenticator().assert(await passwordlessOptions(), origin, 1);
    const over = (n: number) => "A".repeat(n + 1);
    const cases: [string, typeof good][] = [
      ["id", { ...good, id: over(CREDENTIAL_ID_MAX) }],
      ["rawId", { ...good, rawId: over(CREDENTIAL_ID_MAX) }],
      ["response.clientDataJSON", { ...good, response: { ...good.response, clientDataJSON: over(8192) } }],
      ["response.authenticatorData", { ...good, response: { ...good.response, authenticatorData: over(8192) } }],
      ["response.signature", { ...good, response: { ...good.response, signature: over(8192) } }],
      ["response.userHandle", { ...good, response: { ...good.response, userHandle: over(86) } }],
    ];
    for (const [field, response] of cases) {
      expect(authenticationResponse.safeParse(response).error?.issues.map((i) => [i.path.join("."), i.message]), field).toEqual([[field, "validation.passkeyResponse"]]);
      expect(await passkeyLoginAction({ response }), field).toMatchObject({ ok: false, message: REFUSED, fieldErrors: { [`response.${field}`]: REFUSED } });
    }
    const options = await passwordlessOptions();
    const huge = new SoftAuthenticator().assert(options, origin, 1);
    expect(await passkeyLoginAction({ response: { ...huge, id: over(16_384), rawId: over(16_384) } })).toMatchObject({ ok: false, message: REFUSED });
    expect(await challengeUsed(options.challenge)).toBe(false);
  });
});
