import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, randomToken, sha256 } from "./crypto";
import { assertPasswordPolicy, DEFAULT_POLICY, hashPassword, verifyPassword } from "./password";
import { assertNotThrottled, claimAttempt, clearFailures, consumeRate, delayFor, failedAttempt, FREE_FAILURES, recordFailure, succeededAttempt } from "./throttle";

describe("password hashing", () => {
  it("uses argon2id with the OWASP parameters and verifies only the right password", async () => {
    const h = await hashPassword("a long passphrase here");
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, "a long passphrase here")).toBe(true);
    expect(await verifyPassword(h, "a long passphrase herE")).toBe(false);
    expect(await verifyPassword(null, "anything")).toBe(false);
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });

  it("salts: the same password hashes differently", async () => {
    expect(await hashPassword("same password 123")).not.toBe(await hashPassword("same password 123"));
  });

  it("enforces minimum length and rejects common passwords", () => {
    expect(() => assertPasswordPolicy("short", DEFAULT_POLICY)).toThrow(/at least 10/);
    expect(() => assertPasswordPolicy("password123", DEFAULT_POLICY)).toThrow(/too common/);
    expect(() => assertPasswordPolicy("qwertyuiop", DEFAULT_POLICY)).toThrow(/too common/);
    expect(() => assertPasswordPolicy("violet-kettle-41-drum", DEFAULT_POLICY)).not.toThrow();
    expect(() => assertPasswordPolicy("password123", { passwordMinLength: 8, rejectCommonPasswords: false })).not.toThrow();
  });
});

describe("secret encryption", () => {
  it("round-trips with AES-256-GCM and a random IV", () => {
    const a = encryptSecret("JBSWY3DPEHPK3PXP");
    const b = encryptSecret("JBSWY3DPEHPK3PXP");
    expect(a).not.toBe(b);
    expect(a).not.toContain("JBSWY3DPEHPK3PXP");
    expect(decryptSecret(a)).toBe("JBSWY3DPEHPK3PXP");
  });

  it("detects tampering", () => {
    const sealed = encryptSecret("secret");
    const parts = sealed.split(".");
    const ct = Buffer.from(parts[3]!, "base64url");
    ct[0]! ^= 1;
    parts[3] = ct.toString("base64url");
    expect(() => decryptSecret(parts.join("."))).toThrow();
  });

  // With DATABASE_URL, APP_SECRET is required (lib/env.ts), so only the default install has a key file.
  it.skipIf(!!process.env.APP_SECRET)("creates the instance key file with mode 0600 when APP_SECRET is unset", () => {
    encryptSecret("x");
    const stat = fs.statSync(path.join(process.env.DATA_DIR!, "secret.key"));
    expect(stat.mode & 0o777).toBe(0o600);
  });

  it("tokens are 256-bit and hashed deterministically", () => {
    expect(Buffer.from(randomToken(), "base64url")).toHaveLength(32);
    expect(sha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("throttling", () => {
  it("allows free failures, then locks with a growing delay, and clears on success", async () => {
    const key = `acct:throttle-${Date.now()}`;
    const t0 = 1_000_000_000_000;
    for (let i = 0; i < FREE_FAILURES - 1; i++) await recordFailure([key], t0);
    await expect(assertNotThrottled([key], t0)).resolves.toBeUndefined();
    await recordFailure([key], t0);
    await expect(assertNotThrottled([key], t0)).rejects.toThrow(/Try again in 2 s/);
    await expect(assertNotThrottled([key], t0 + 2_001)).resolves.toBeUndefined();
    await recordFailure([key], t0 + 3_000);
    await expect(assertNotThrottled([key], t0 + 3_000)).rejects.toThrow(/Try again in 4 s/);
    await clearFailures([key]);
    await expect(assertNotThrottled([key], t0 + 3_000)).resolves.toBeUndefined();
  });

  it("a parallel burst gets no more tries than a sequence: the attempts past the free ones wait, then are refused", async () => {
    const key = `acct:claim-${Date.now()}`;
    const state: string[] = [];
    const claims = Array.from({ length: FREE_FAILURES + 3 }, (_, i) =>
      claimAttempt([key]).then(
        () => (state[i] = "claimed"),
        (e: Error) => (state[i] = e.message),
      ),
    );
    // Which attempts get through first is up to the engine's scheduling (PostgreSQL runs them on
    // several connections); how many is not.
    const claimed = () => state.filter((s) => s === "claimed").length;
    while (claimed() < FREE_FAILURES) await new Promise((r) => setTimeout(r, 10));
    // The in-flight claims are not failures yet: nothing is locked while they are being checked.
    await expect(assertNotThrottled([key])).resolves.toBeUndefined();
    for (let i = 0; i < FREE_FAILURES; i++) await failedAttempt([key]);
    await Promise.all(claims);
    expect(claimed()).toBe(FREE_FAILURES);
    expect(state.filter((s) => s !== "claimed")).toEqual(Array(3).fill(expect.stringMatching(/Try again in \d+ s/)));
  });

  it("parallel correct attempts never lock each other out", async () => {
    const key = `acct:parallel-ok-${Date.now()}`;
    const attempt = async () => {
      await claimAttempt([key]);
      await succeededAttempt([key]);
      return "ok";
    };
    expect(await Promise.all(Array.from({ length: 8 }, attempt))).toEqual(Array(8).fill("ok"));
  });

  it("a failed attempt's lock runs from when its check ended", async () => {
    const key = `acct:late-${Date.now()}`;
    const t0 = Date.now();
    for (let i = 0; i < FREE_FAILURES - 1; i++) await recordFailure([key], t0);
    await claimAttempt([key]);
    await failedAttempt([key], t0 + 60_000);
    await expect(assertNotThrottled([key], t0 + 61_000)).rejects.toThrow(/Try again in 1 s/);
    await expect(assertNotThrottled([key], t0 + 62_001)).resolves.toBeUndefined();
  });

    it("caps the delay", () => {
    expect(delayFor(FREE_FAILURES + 30)).toBe(15 * 60);
    expect(delayFor(0)).toBe(0);
  });

  it("rate-limits open operations per window with a retry time", async () => {
    const key = `rate-${Date.now()}`;
    const t0 = Date.now();
    await consumeRate(key, 2, 60, t0);
    await consumeRate(key, 2, 60, t0 + 1);
    await expect(consumeRate(key, 2, 60, t0 + 2)).rejects.toThrow(/Try again in 60 s/);
    await expect(consumeRate(key, 2, 60, t0 + 61_000)).resolves.toBeUndefined();
  });
});
