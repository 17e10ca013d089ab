import { describe, expect, it } from "vitest";
import { changePassword } from "@/lib/account/credentials";
import { redeemCode, requestPasswordReset } from "@/lib/account/one-time-codes";
import { trustDevice } from "@/lib/auth/login";
import { callerFromBearer, callerFromSessionId } from "@/lib/auth/resolve";
import { defaultTenant } from "@/lib/bootstrap";
import { openBody } from "@/lib/email/sealed";
import { db } from "@/db/client";
import { auditEvents, emails, trustedDevices } from "@/db/schema";
import { and, desc, eq } from "drizzle-orm";
import { callerOf, makeUser, PASSWORD } from "@/test/factories";
import { signOut } from "./admin";
import { createSession, refreshSession, revokeAllSessions, revokeSession } from "./sessions";

const tenantId = () => defaultTenant()!.id;
const trustedCount = (userId: string) => db.select().from(trustedDevices).where(eq(trustedDevices.userId, userId)).all().length;
const audited = (action: string, userId: string) =>
  db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, userId))).all().length;

describe("sessions", () => {
  it("a revoked session stops resolving on the next request", async () => {
    const user = await makeUser();
    const { session } = createSession({ userId: user.id, tenantId: tenantId(), kind: "browser" });
    expect(callerFromSessionId(session.id, "")?.userId).toBe(user.id);
    revokeSession(user.id, session.id);
    expect(callerFromSessionId(session.id, "")).toBeNull();
  });

  it("API sessions authenticate by token hash and rotate on refresh", async () => {
    const user = await makeUser();
    const s = createSession({ userId: user.id, tenantId: tenantId(), kind: "api" });
    expect(callerFromBearer(s.accessToken!, "")?.userId).toBe(user.id);
    const r = refreshSession(s.refreshToken!);
    expect(callerFromBearer(s.accessToken!, "")).toBeNull();
    expect(callerFromBearer(r.accessToken, "")?.userId).toBe(user.id);
    expect(() => refreshSession(s.refreshToken!)).toThrow();
  });

  it("another user's session cannot be revoked", async () => {
    const a = await makeUser();
    const b = await makeUser();
    const { session } = createSession({ userId: a.id, tenantId: tenantId(), kind: "browser" });
    expect(() => revokeSession(b.id, session.id)).toThrow(/not found/i);
  });

  it("changing the password ends every other session", async () => {
    const user = await makeUser();
    const mine = createSession({ userId: user.id, tenantId: tenantId(), kind: "browser" }).session;
    const other = createSession({ userId: user.id, tenantId: tenantId(), kind: "browser" }).session;
    await changePassword(callerOf(user, tenantId(), { sessionId: mine.id }), { currentPassword: PASSWORD, newPassword: "a brand new passphrase" });
    expect(callerFromSessionId(mine.id, "")).not.toBeNull();
    expect(callerFromSessionId(other.id, "")).toBeNull();
  });

  it("a password reset ends every session and the code works once", async () => {
    const user = await makeUser();
    const s = createSession({ userId: user.id, tenantId: tenantId(), kind: "browser" }).session;
    await requestPasswordReset(user.email, { ip: "1.1.1.1" });
    const mail = db.select().from(emails).orderBy(desc(emails.createdAt)).get()!;
    expect(mail.to).toBe(user.email);
    const code = openBody(mail).text.match(/Code: (\S+)/)![1]!;
    await redeemCode({ code, newPassword: "another fine passphrase" }, ["reset"], { ip: "1.1.1.1" });
    expect(callerFromSessionId(s.id, "")).toBeNull();
    await expect(redeemCode({ code, newPassword: "another fine passphrase 2" }, ["reset"], { ip: "1.1.1.1" })).rejects.toThrow(/invalid or has expired/);
  });

  it("a reset request for an unknown address looks the same and sends nothing", async () => {
    const before = db.select().from(emails).all().length;
    const res = await requestPasswordReset("nobody-here@example.test", { ip: "2.2.2.2" });
    expect(res.expiresAt).toBeInstanceOf(Date);
    expect(db.select().from(emails).all().length).toBe(before);
  });

  it("sign out everywhere ends all sessions", async () => {
    const user = await makeUser();
    createSession({ userId: user.id, tenantId: tenantId(), kind: "browser" });
    createSession({ userId: user.id, tenantId: tenantId(), kind: "api" });
    expect(revokeAllSessions(user.id)).toBe(2);
  });

  it("trusted devices end on password change, password reset and sign out everywhere", async () => {
    const user = await makeUser();
    const caller = callerOf(user, tenantId(), { sessionId: createSession({ userId: user.id, tenantId: tenantId(), kind: "browser" }).session.id });
    trustDevice(user.id, tenantId(), { ip: "" });
    await changePassword(caller, { currentPassword: PASSWORD, newPassword: "a brand new passphrase" });
    expect(trustedCount(user.id)).toBe(0);

    trustDevice(user.id, tenantId(), { ip: "" });
    await requestPasswordReset(user.email, { ip: "3.3.3.3" });
    const mail = db.select().from(emails).where(and(eq(emails.to, user.email), eq(emails.subject, "Reset your password"))).get()!;
    const code = openBody(mail).text.match(/Code: (\S+)/)![1]!;
    await redeemCode({ code, newPassword: "another fine passphrase" }, ["reset"], { ip: "3.3.3.3" });
    expect(trustedCount(user.id)).toBe(0);

    trustDevice(user.id, tenantId(), { ip: "" });
    const s = createSession({ userId: user.id, tenantId: tenantId(), kind: "browser" }).session;
    expect(signOut(callerOf(user, tenantId(), { sessionId: s.id }), { global: true })).toBe(1);
    expect(trustedCount(user.id)).toBe(0);
    expect(audited("session.revoked_all", user.id)).toBe(1);
  });

  it("sign out ends the calling session only when no tokens are named; unknown tokens are 404", async () => {
    const user = await makeUser();
    const mine = createSession({ userId: user.id, tenantId: tenantId(), kind: "api" });
    const other = createSession({ userId: user.id, tenantId: tenantId(), kind: "api" });
    const caller = callerOf(user, tenantId(), { sessionId: mine.session.id });
    expect(() => signOut(caller, { tokens: { token: "not-a-token" } })).toThrow(/No session/);
    expect(() => signOut(caller, { tokens: {} })).toThrow(/token or refreshToken/);
    expect(callerFromSessionId(mine.session.id, "")).not.toBeNull();
    signOut(caller, { tokens: { refreshToken: other.refreshToken } });
    expect(callerFromBearer(other.accessToken!, "")).toBeNull();
    expect(callerFromSessionId(mine.session.id, "")).not.toBeNull();
    signOut(caller);
    expect(callerFromSessionId(mine.session.id, "")).toBeNull();
    expect(audited("session.signed_out", user.id)).toBe(2);
  });

  it("a burst of parallel wrong current passwords is throttled like sign-in", async () => {
    const user = await makeUser();
    const caller = callerOf(user);
    const settled = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => changePassword(caller, { currentPassword: `wrong ${i}`, newPassword: "a brand new passphrase" })));
    const messages = settled.map((r) => (r.status === "rejected" ? (r.reason as Error).message : "ok"));
    expect(messages.filter((m) => /incorrect/.test(m)).length).toBeLessThanOrEqual(5);
    await expect(changePassword(caller, { currentPassword: PASSWORD, newPassword: "a brand new passphrase" })).rejects.toThrow(/Try again in \d+ s/);
  });
});
