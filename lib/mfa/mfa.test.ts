import { describe, expect, it } from "vitest";
import { callerOf, makeUser } from "@/test/factories";
import { enableAuthenticator, listMethods, remainingRecoveryCodes, verifySecondFactor } from "./methods";
import { disableOwnMethod, regenerateRecoveryCodes } from "./self-service";
import { generateTotpSecret, matchTotp, otpauthUri, totpAt } from "./totp";

describe("TOTP", () => {
  const secret = generateTotpSecret();
  const now = Date.UTC(2026, 0, 1, 12, 0, 15);
  const step = Math.floor(now / 30_000);

  it("accepts the current code and its neighbours, not further ones", () => {
    expect(matchTotp(secret, totpAt(secret, now), 0, now)).toBe(step);
    expect(matchTotp(secret, totpAt(secret, now - 30_000), 0, now)).toBe(step - 1);
    expect(matchTotp(secret, totpAt(secret, now + 30_000), 0, now)).toBe(step + 1);
    expect(matchTotp(secret, totpAt(secret, now - 90_000), 0, now)).toBeNull();
    expect(matchTotp(secret, "12345", 0, now)).toBeNull();
  });

  it("refuses a step that was already used (no replay)", () => {
    expect(matchTotp(secret, totpAt(secret, now), step, now)).toBeNull();
    expect(matchTotp(secret, totpAt(secret, now - 30_000), step - 1, now)).toBeNull();
  });

  it("builds an otpauth URI with issuer and account", () => {
    const uri = otpauthUri(secret, "ada@example.test");
    expect(uri).toMatch(/^otpauth:\/\/totp\/IAM%20Console:ada%40example\.test\?/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain("issuer=IAM%20Console");
  });
});

describe("MFA methods", () => {
  it("enrols with a valid code, stores the secret encrypted, issues 10 single-use recovery codes", async () => {
    const user = await makeUser();
    const secret = generateTotpSecret();
    expect(() => enableAuthenticator(user.id, secret, "000000", { id: user.id, email: user.email, ip: "" })).toThrow(/does not match/);
    const { recoveryCodes } = enableAuthenticator(user.id, secret, totpAt(secret, Date.now()), { id: user.id, email: user.email, ip: "" });
    expect(recoveryCodes).toHaveLength(10);
    const [m] = listMethods(user.id);
    expect(m!.secretEnc).not.toContain(secret);
    // The enrolment code itself cannot be replayed at sign-in.
    expect(await verifySecondFactor(user.id, totpAt(secret, Date.now()))).toBeNull();
    expect(await verifySecondFactor(user.id, recoveryCodes[0]!)).toBe("recovery");
    expect(await verifySecondFactor(user.id, recoveryCodes[0]!)).toBeNull();
    expect(remainingRecoveryCodes(user.id)).toBe(9);
  });

  it("a TOTP code is accepted once", async () => {
    const user = await makeUser();
    const secret = generateTotpSecret();
    enableAuthenticator(user.id, secret, totpAt(secret, Date.now() - 30_000), { id: user.id, email: user.email, ip: "" });
    const code = totpAt(secret, Date.now());
    expect(await verifySecondFactor(user.id, code)).toBe("authenticator");
    expect(await verifySecondFactor(user.id, code)).toBeNull();
  });

  it("disabling needs a valid code; regenerating invalidates old recovery codes", async () => {
    const user = await makeUser();
    const caller = callerOf(user);
    const secret = generateTotpSecret();
    const { recoveryCodes } = enableAuthenticator(user.id, secret, totpAt(secret, Date.now() - 30_000), { id: user.id, email: user.email, ip: "" });
    const fresh = await regenerateRecoveryCodes(caller, recoveryCodes[0]!);
    expect(await verifySecondFactor(user.id, recoveryCodes[1]!)).toBeNull();
    const methodId = listMethods(user.id)[0]!.id;
    await expect(disableOwnMethod(caller, methodId, "999999")).rejects.toThrow(/not valid/);
    await disableOwnMethod(caller, methodId, fresh[0]!);
    expect(listMethods(user.id)).toHaveLength(0);
    expect(remainingRecoveryCodes(user.id)).toBe(0);
  });
});
