import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { emails } from "@/db/schema";
import { assertCurrentPassword } from "@/lib/account/credentials";
import { redeemCode, requestPasswordReset } from "@/lib/account/one-time-codes";
import { openBody } from "@/lib/email/sealed";
import { FREE_FAILURES } from "@/lib/security/throttle";
import { callerOf, makeUser, PASSWORD } from "@/test/factories";
import { knownDevice, newDeviceCookie } from "./device-cookie";
import { passwordLogin } from "./login";

const ctx = { ip: "10.9.8.7" };
const lockOut = async (email: string, deviceCookie?: string) => {
  for (let i = 0; i < FREE_FAILURES + 1; i++) await passwordLogin({ loginId: email, password: `wrong guess ${i}`, deviceCookie }, ctx).catch(() => undefined);
};
const resetPassword = async (email: string, newPassword: string) => {
  await requestPasswordReset(email, ctx);
  const [mail] = await db.select().from(emails).where(and(eq(emails.to, email), eq(emails.subject, "Reset your password"))).orderBy(desc(emails.createdAt)).limit(1);
  await redeemCode({ code: openBody(mail!).text.match(/Code: (\S+)/)![1]!, newPassword }, ["reset"], ctx);
};

describe("device cookies", () => {
  it("are bound to one account and cannot be forged", async () => {
    const a = await makeUser();
    const b = await makeUser();
    const cookie = await newDeviceCookie(a.id);
    expect(await knownDevice(cookie, a.id)).toBeTruthy();
    expect(await knownDevice(cookie, b.id)).toBeUndefined();
    const [v, , nonce, sig] = cookie.split(".");
    expect(await knownDevice([v, b.id, nonce, sig].join("."), b.id)).toBeUndefined();
    expect(await knownDevice(`${cookie.slice(0, -1)}${cookie.endsWith("0") ? "1" : "0"}`, a.id)).toBeUndefined();
    expect(await knownDevice(undefined, a.id)).toBeUndefined();
  });

  it("one browser signing in does not forget another", async () => {
    const user = await makeUser();
    const first = await newDeviceCookie(user.id);
    await newDeviceCookie(user.id);
    expect(await knownDevice(first, user.id)).toBeTruthy();
  });

  it("kept from before a password reset, give no guesses of their own", async () => {
    const user = await makeUser();
    const stale = await newDeviceCookie(user.id);
    await resetPassword(user.email, "the owner's new passphrase");
    // Guesses through the stale cookie count on the account, as from any stranger.
    await lockOut(user.email, stale);
    await expect(passwordLogin({ loginId: user.email, password: "the owner's new passphrase" }, ctx)).rejects.toThrow(/Try again in \d+ s/);
    await expect(passwordLogin({ loginId: user.email, password: "the owner's new passphrase", deviceCookie: stale }, ctx)).rejects.toThrow(/Try again in \d+ s/);
    // A browser that signs in after the reset is a known device again.
    expect((await passwordLogin({ loginId: user.email, password: "the owner's new passphrase", deviceCookie: await newDeviceCookie(user.id) }, ctx)).status).toBe("ok");
  });
});

describe("nobody can lock a user out", () => {
  it("failures from elsewhere do not lock the owner's known browser; its own failures count apart", async () => {
    const user = await makeUser();
    const device = await newDeviceCookie(user.id);
    await lockOut(user.email);
    await expect(passwordLogin({ loginId: user.email, password: PASSWORD }, ctx)).rejects.toThrow(/Try again in \d+ s/);
    expect((await passwordLogin({ loginId: user.email, password: PASSWORD, deviceCookie: device }, ctx)).status).toBe("ok");
    // The owner's success does not reset the attackers' counter.
    await expect(passwordLogin({ loginId: user.email, password: PASSWORD }, ctx)).rejects.toThrow(/Try again in \d+ s/);
    // Guessing from the known browser is throttled too, on its own counter.
    await lockOut(user.email, device);
    await expect(passwordLogin({ loginId: user.email, password: PASSWORD, deviceCookie: device }, ctx)).rejects.toThrow(/Try again in \d+ s/);
    expect((await passwordLogin({ loginId: user.email, password: PASSWORD, deviceCookie: await newDeviceCookie(user.id) }, ctx)).status).toBe("ok");
  });

  it("another account's device cookie is no way around the lock", async () => {
    const user = await makeUser();
    const other = await makeUser();
    await lockOut(user.email);
    await expect(passwordLogin({ loginId: user.email, password: PASSWORD, deviceCookie: await newDeviceCookie(other.id) }, ctx)).rejects.toThrow(/Try again in \d+ s/);
  });

  it("a password reset lifts the account's lock", async () => {
    const user = await makeUser();
    await lockOut(user.email);
    await expect(passwordLogin({ loginId: user.email, password: PASSWORD }, ctx)).rejects.toThrow(/Try again in \d+ s/);
    await resetPassword(user.email, "a fresh passphrase 42");
    expect((await passwordLogin({ loginId: user.email, password: "a fresh passphrase 42" }, ctx)).status).toBe("ok");
  });

  it("8 parallel correct sign-ins of one account all succeed", async () => {
    const user = await makeUser();
    const results = await Promise.all(Array.from({ length: 8 }, () => passwordLogin({ loginId: user.email, password: PASSWORD }, ctx)));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill("ok"));
  });
});

describe("re-entering the password (a stolen API token)", () => {
  const reauthGuesses = async (user: { id: string; email: string; isSuperAdmin: boolean }) => {
    for (let i = 0; i < FREE_FAILURES + 1; i++) await assertCurrentPassword(callerOf(user), `wrong guess ${i}`).catch(() => undefined);
  };

  it("spends the account's sign-in guesses, not a set of its own", async () => {
    const user = await makeUser();
    const device = await newDeviceCookie(user.id);
    await reauthGuesses(user);
    await expect(passwordLogin({ loginId: user.email, password: PASSWORD }, ctx)).rejects.toThrow(/Try again in \d+ s/);
    // The owner's known browser still gets in.
    expect((await passwordLogin({ loginId: user.email, password: PASSWORD, deviceCookie: device }, ctx)).status).toBe("ok");
  });

  it("is refused while the account is locked", async () => {
    const user = await makeUser();
    await lockOut(user.email);
    await expect(assertCurrentPassword(callerOf(user), PASSWORD)).rejects.toThrow(/Try again in \d+ s/);
  });

  it("keeps its own count when the owner signs in between", async () => {
    const user = await makeUser();
    for (let i = 0; i < FREE_FAILURES - 1; i++) await assertCurrentPassword(callerOf(user), `wrong guess ${i}`).catch(() => undefined);
    expect((await passwordLogin({ loginId: user.email, password: PASSWORD }, ctx)).status).toBe("ok");
    await reauthGuesses(user);
    await expect(assertCurrentPassword(callerOf(user), PASSWORD)).rejects.toThrow(/Try again in \d+ s/);
  });
});
