import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { recoveryCodes as recoveryCodeRows, users } from "@/db/schema";
import { keyedHash, sha256 } from "@/lib/security/crypto";
import { FREE_FAILURES } from "@/lib/security/throttle";
import { callerOf, makeUser } from "@/test/factories";
import { enableAuthenticator, listMethods, remainingRecoveryCodes, verifySecondFactor } from "./methods";
import { disableMethod, disableOwnMethod, regenerateRecoveryCodes } from "./self-service";
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
    // One fixed instant: two Date.now() calls could fall on either side of a 30 s step.
    const now = Date.UTC(2026, 0, 1, 12, 0, 15);
    await expect(enableAuthenticator(user.id, secret, "000000", { id: user.id, email: user.email, ip: "" }, now)).rejects.toThrow(/does not match/);
    const { recoveryCodes } = await enableAuthenticator(user.id, secret, totpAt(secret, now), { id: user.id, email: user.email, ip: "" }, now);
    expect(recoveryCodes).toHaveLength(10);
    const [m] = await listMethods(user.id);
    expect(m!.secretEnc).not.toContain(secret);
    // The enrolment code itself cannot be replayed at sign-in.
    expect(await verifySecondFactor(user.id, totpAt(secret, now), now)).toBeNull();
    expect(await verifySecondFactor(user.id, recoveryCodes[0]!)).toBe("recovery");
    expect(await verifySecondFactor(user.id, recoveryCodes[0]!)).toBeNull();
    expect(await remainingRecoveryCodes(user.id)).toBe(9);
  });

  it("a TOTP code is accepted once", async () => {
    const user = await makeUser();
    const secret = generateTotpSecret();
    const now = Date.UTC(2026, 0, 1, 12, 0, 15);
    await enableAuthenticator(user.id, secret, totpAt(secret, now - 30_000), { id: user.id, email: user.email, ip: "" }, now);
    const code = totpAt(secret, now);
    expect(await verifySecondFactor(user.id, code, now)).toBe("authenticator");
    expect(await verifySecondFactor(user.id, code, now)).toBeNull();
  });

  it("stores recovery codes as an HMAC under the instance key, not a plain SHA-256", async () => {
    const user = await makeUser();
    const secret = generateTotpSecret();
    const { recoveryCodes } = await enableAuthenticator(user.id, secret, totpAt(secret, Date.now()), { id: user.id, email: user.email, ip: "" });
    const stored = (await db.select().from(recoveryCodeRows).where(eq(recoveryCodeRows.userId, user.id))).map((r) => r.codeHash);
    const plain = recoveryCodes[0]!.replace("-", "");
    expect(stored).not.toContain(sha256(plain));
    expect(stored).toContain(keyedHash("recovery-codes", plain));
    expect(await verifySecondFactor(user.id, recoveryCodes[0]!.toUpperCase())).toBe("recovery");
  });

  it("disabling needs a valid code; regenerating invalidates old recovery codes", async () => {
    const user = await makeUser();
    const caller = callerOf(user);
    const secret = generateTotpSecret();
    const { recoveryCodes } = await enableAuthenticator(user.id, secret, totpAt(secret, Date.now() - 30_000), { id: user.id, email: user.email, ip: "" });
    const fresh = await regenerateRecoveryCodes(caller, recoveryCodes[0]!);
    expect(await verifySecondFactor(user.id, recoveryCodes[1]!)).toBeNull();
    const methodId = (await listMethods(user.id))[0]!.id;
    await expect(disableOwnMethod(caller, methodId, "999999")).rejects.toThrow(/not valid/);
    await disableOwnMethod(caller, methodId, fresh[0]!);
    expect(await listMethods(user.id)).toHaveLength(0);
    expect(await remainingRecoveryCodes(user.id)).toBe(0);
  });

  it("code checks are throttled per user, also against a parallel burst", async () => {
    const user = await makeUser();
    const caller = callerOf(user);
    const secret = generateTotpSecret();
    const { recoveryCodes } = await enableAuthenticator(user.id, secret, totpAt(secret, Date.now() - 30_000), { id: user.id, email: user.email, ip: "" });
    const settled = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => regenerateRecoveryCodes(caller, `0000-00${String(i).padStart(2, "0")}`)));
    const messages = settled.map((r) => (r.status === "rejected" ? (r.reason as Error).message : "ok"));
    expect(messages.filter((m) => /not valid/.test(m)).length).toBeLessThanOrEqual(FREE_FAILURES);
    expect(messages.filter((m) => /Try again in \d+ s/.test(m)).length).toBeGreaterThanOrEqual(12 - FREE_FAILURES);
    // Locked: even a valid recovery code is refused, and not consumed.
    await expect(disableOwnMethod(caller, (await listMethods(user.id))[0]!.id, recoveryCodes[0]!)).rejects.toThrow(/Try again in \d+ s/);
    expect(await remainingRecoveryCodes(user.id)).toBe(10);
  });

  it("a refused removal (wrong method, MFA forced) consumes no recovery code", async () => {
    const user = await makeUser();
    const admin = callerOf(await makeUser({ superAdmin: true }));
    const secret = generateTotpSecret();
    const { recoveryCodes } = await enableAuthenticator(user.id, secret, totpAt(secret, Date.now() - 30_000), { id: user.id, email: user.email, ip: "" });
    await expect(disableMethod(admin, user.id, "00000000-0000-4000-8000-000000000000", recoveryCodes[0]!)).rejects.toThrow(/not found/);
    await db.update(users).set({ mfaRequired: true }).where(eq(users.id, user.id));
    await expect(disableMethod(admin, user.id, (await listMethods(user.id))[0]!.id, recoveryCodes[0]!)).rejects.toThrow(/required/);
    expect(await remainingRecoveryCodes(user.id)).toBe(10);
    expect(await verifySecondFactor(user.id, recoveryCodes[0]!)).toBe("recovery");
  });
});
