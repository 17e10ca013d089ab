import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { enableAuthenticator } from "@/lib/mfa/methods";
import { generateTotpSecret, totpAt } from "@/lib/mfa/totp";
import { FREE_FAILURES } from "@/lib/security/throttle";
import { makeTenant, makeUser, PASSWORD, uniqueEmail } from "@/test/factories";
import { ensureMembership } from "@/lib/users/records";
import { db } from "@/db/client";
import { auditEvents, authChallenges, users } from "@/db/schema";
import { completeMfa, consumeTicket, issueTicket, passwordLogin, trustDevice } from "./login";

const auditCount = async (action: string, targetId: string) =>
  (await db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)))).length;
/** Settles every promise and counts the rejection messages matching each pattern. */
async function outcomes(tries: Promise<unknown>[]) {
  const settled = await Promise.allSettled(tries);
  const messages = settled.map((r) => (r.status === "rejected" ? String((r.reason as Error).message) : "ok"));
  return (re: RegExp) => messages.filter((m) => re.test(m)).length;
}

const ctx = () => ({ ip: `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });

describe("password sign-in", () => {
  it("answers unknown email and wrong password with the same message", async () => {
    const user = await makeUser();
    const a = await passwordLogin({ loginId: uniqueEmail(), password: PASSWORD }, ctx()).catch((e) => e.message);
    const b = await passwordLogin({ loginId: user.email, password: "wrong password!" }, ctx()).catch((e) => e.message);
    expect(a).toBe("Invalid email or password");
    expect(b).toBe(a);
  });

  it("succeeds case-insensitively on the email", async () => {
    const user = await makeUser();
    const out = await passwordLogin({ loginId: user.email.toUpperCase(), password: PASSWORD }, ctx());
    expect(out.status).toBe("ok");
  });

  it("throttles an account after 5 failures, even with the right password", async () => {
    const user = await makeUser();
    for (let i = 0; i < 5; i++) await passwordLogin({ loginId: user.email, password: "nope nope nope" }, ctx()).catch(() => undefined);
    await expect(passwordLogin({ loginId: user.email, password: PASSWORD }, ctx())).rejects.toThrow(/Try again in \d+ s/);
  });

  it("a burst of parallel wrong passwords verifies at most the free failures; the right one is then throttled", async () => {
    const user = await makeUser();
    const ip = ctx();
    const count = await outcomes(Array.from({ length: 12 }, (_, i) => passwordLogin({ loginId: user.email, password: `wrong password ${i}` }, ip)));
    expect(count(/Invalid email or password/)).toBeLessThanOrEqual(FREE_FAILURES);
    expect(count(/Try again in \d+ s/)).toBeGreaterThanOrEqual(12 - FREE_FAILURES);
    await expect(passwordLogin({ loginId: user.email, password: PASSWORD }, ctx())).rejects.toThrow(/Try again in \d+ s/);
    expect(await auditCount("login.throttled", user.id)).toBeGreaterThanOrEqual(1 + 12 - FREE_FAILURES);
  });

  it("a success clears the counter, so a user choosing a tenant is never locked out", async () => {
    const user = await makeUser();
    await ensureMembership(db, user.id, (await makeTenant()).id);
    for (let i = 0; i < FREE_FAILURES + 2; i++) expect((await passwordLogin({ loginId: user.email, password: PASSWORD }, ctx())).status).toBe("choose_tenant");
  });

  it("accepts a username as login id, sharing the account's throttle with its email", async () => {
    const user = await makeUser();
    const username = `user_${user.id.slice(0, 8)}`;
    await db.update(users).set({ username }).where(eq(users.id, user.id));
    expect(await passwordLogin({ loginId: username, password: PASSWORD }, ctx())).toMatchObject({ status: "ok", userId: user.id });
    await expect(passwordLogin({ loginId: username, password: "wrong password!" }, ctx())).rejects.toThrow("Invalid email or password");
    for (let i = 0; i < FREE_FAILURES - 1; i++) await passwordLogin({ loginId: user.email, password: "nope nope nope" }, ctx()).catch(() => undefined);
    await expect(passwordLogin({ loginId: username, password: PASSWORD }, ctx())).rejects.toThrow(/Try again in \d+ s/);
  });

  it("audits a sign-in attempt on a disabled account", async () => {
    const user = await makeUser();
    await db.update(users).set({ active: false }).where(eq(users.id, user.id));
    await expect(passwordLogin({ loginId: user.email, password: PASSWORD }, ctx())).rejects.toThrow(/disabled/);
    expect(await auditCount("login.disabled_account", user.id)).toBe(1);
  });

  it("asks for a tenant when the user belongs to several", async () => {
    const user = await makeUser();
    const other = await makeTenant();
    await ensureMembership(db, user.id, other.id);
    const out = await passwordLogin({ loginId: user.email, password: PASSWORD }, ctx());
    expect(out.status).toBe("choose_tenant");
    const chosen = await passwordLogin({ loginId: user.email, password: PASSWORD, tenantId: other.id }, ctx());
    expect(chosen).toMatchObject({ status: "ok", tenantId: other.id });
  });
});

describe("second factor", () => {
  it("requires a code when the user has MFA, accepts a valid one once", async () => {
    const user = await makeUser();
    const secret = generateTotpSecret();
    await enableAuthenticator(user.id, secret, totpAt(secret, Date.now() - 30_000), { id: user.id, email: user.email, ip: "" });
    const out = await passwordLogin({ loginId: user.email, password: PASSWORD }, ctx());
    expect(out.status).toBe("mfa");
    if (out.status !== "mfa") return;
    await expect(completeMfa({ twoFactorId: out.twoFactorId, code: "000000" }, ctx())).rejects.toThrow(/not valid/);
    const done = await completeMfa({ twoFactorId: out.twoFactorId, code: totpAt(secret, Date.now()) }, ctx());
    expect(done.userId).toBe(user.id);
    await expect(completeMfa({ twoFactorId: out.twoFactorId, code: totpAt(secret, Date.now()) }, ctx())).rejects.toThrow(/expired|already/);
  });

  it("a burst of parallel wrong codes gets no more than 5 checks; the right code is then refused", async () => {
    const user = await makeUser();
    const secret = generateTotpSecret();
    await enableAuthenticator(user.id, secret, totpAt(secret, Date.now() - 30_000), { id: user.id, email: user.email, ip: "" });
    const out = await passwordLogin({ loginId: user.email, password: PASSWORD }, ctx());
    if (out.status !== "mfa") throw new Error("expected an MFA challenge");
    const count = await outcomes(Array.from({ length: 12 }, () => completeMfa({ twoFactorId: out.twoFactorId, code: "000000" }, ctx())));
    expect(count(/not valid/)).toBeLessThanOrEqual(5);
    expect(count(/not valid|expired|Try again/)).toBe(12);
    const [row] = await db.select().from(authChallenges).where(eq(authChallenges.userId, user.id));
    expect(row!.attempts).toBe(5);
    await expect(completeMfa({ twoFactorId: out.twoFactorId, code: totpAt(secret, Date.now()) }, ctx())).rejects.toThrow(/expired/);
  });

  it("skips the code on a trusted device, and trusting it is audited", async () => {
    const user = await makeUser();
    const secret = generateTotpSecret();
    await enableAuthenticator(user.id, secret, totpAt(secret, Date.now()), { id: user.id, email: user.email, ip: "" });
    const { token } = await trustDevice(user.id, "t", ctx());
    expect(await auditCount("mfa.device_trusted", user.id)).toBe(1);
    expect((await passwordLogin({ loginId: user.email, password: PASSWORD, trustToken: token }, ctx())).status).toBe("ok");
    expect((await passwordLogin({ loginId: user.email, password: PASSWORD, trustToken: "forged" }, ctx())).status).toBe("mfa");
  });
});

describe("sign-in tickets", () => {
  it("are single-use", async () => {
    const user = await makeUser();
    const ticket = await issueTicket(user.id, "t");
    expect(await consumeTicket(ticket)).toEqual({ userId: user.id, tenantId: "t" });
    expect(await consumeTicket(ticket)).toBeUndefined();
    expect(await consumeTicket("made-up")).toBeUndefined();
  });
});
