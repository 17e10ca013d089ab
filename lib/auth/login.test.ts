import { describe, expect, it } from "vitest";
import { enableAuthenticator } from "@/lib/mfa/methods";
import { generateTotpSecret, totpAt } from "@/lib/mfa/totp";
import { makeTenant, makeUser, PASSWORD, uniqueEmail } from "@/test/factories";
import { ensureMembership } from "@/lib/users/records";
import { db } from "@/db/client";
import { completeMfa, consumeTicket, issueTicket, passwordLogin, trustDevice } from "./login";

const ctx = () => ({ ip: `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });

describe("password sign-in", () => {
  it("answers unknown email and wrong password with the same message", async () => {
    const user = await makeUser();
    const a = await passwordLogin({ email: uniqueEmail(), password: PASSWORD }, ctx()).catch((e) => e.message);
    const b = await passwordLogin({ email: user.email, password: "wrong password!" }, ctx()).catch((e) => e.message);
    expect(a).toBe("Invalid email or password");
    expect(b).toBe(a);
  });

  it("succeeds case-insensitively on the email", async () => {
    const user = await makeUser();
    const out = await passwordLogin({ email: user.email.toUpperCase(), password: PASSWORD }, ctx());
    expect(out.status).toBe("ok");
  });

  it("throttles an account after 5 failures, even with the right password", async () => {
    const user = await makeUser();
    for (let i = 0; i < 5; i++) await passwordLogin({ email: user.email, password: "nope nope nope" }, ctx()).catch(() => undefined);
    await expect(passwordLogin({ email: user.email, password: PASSWORD }, ctx())).rejects.toThrow(/Try again in \d+ s/);
  });

  it("asks for a tenant when the user belongs to several", async () => {
    const user = await makeUser();
    const other = makeTenant();
    ensureMembership(db, user.id, other.id);
    const out = await passwordLogin({ email: user.email, password: PASSWORD }, ctx());
    expect(out.status).toBe("choose_tenant");
    const chosen = await passwordLogin({ email: user.email, password: PASSWORD, tenantId: other.id }, ctx());
    expect(chosen).toMatchObject({ status: "ok", tenantId: other.id });
  });
});

describe("second factor", () => {
  it("requires a code when the user has MFA, accepts a valid one once", async () => {
    const user = await makeUser();
    const secret = generateTotpSecret();
    enableAuthenticator(user.id, secret, totpAt(secret, Date.now() - 30_000), { id: user.id, email: user.email, ip: "" });
    const out = await passwordLogin({ email: user.email, password: PASSWORD }, ctx());
    expect(out.status).toBe("mfa");
    if (out.status !== "mfa") return;
    await expect(completeMfa({ twoFactorId: out.twoFactorId, code: "000000" }, ctx())).rejects.toThrow(/not valid/);
    const done = await completeMfa({ twoFactorId: out.twoFactorId, code: totpAt(secret, Date.now()) }, ctx());
    expect(done.userId).toBe(user.id);
    await expect(completeMfa({ twoFactorId: out.twoFactorId, code: totpAt(secret, Date.now()) }, ctx())).rejects.toThrow(/expired|already/);
  });

  it("skips the code on a trusted device", async () => {
    const user = await makeUser();
    const secret = generateTotpSecret();
    enableAuthenticator(user.id, secret, totpAt(secret, Date.now()), { id: user.id, email: user.email, ip: "" });
    const { token } = trustDevice(user.id);
    expect((await passwordLogin({ email: user.email, password: PASSWORD, trustToken: token }, ctx())).status).toBe("ok");
    expect((await passwordLogin({ email: user.email, password: PASSWORD, trustToken: "forged" }, ctx())).status).toBe("mfa");
  });
});

describe("sign-in tickets", () => {
  it("are single-use", async () => {
    const user = await makeUser();
    const ticket = issueTicket(user.id, "t");
    expect(consumeTicket(ticket)).toEqual({ userId: user.id, tenantId: "t" });
    expect(consumeTicket(ticket)).toBeUndefined();
    expect(consumeTicket("made-up")).toBeUndefined();
  });
});
