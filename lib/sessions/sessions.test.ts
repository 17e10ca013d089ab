import { describe, expect, it } from "vitest";
import { changePassword } from "@/lib/account/credentials";
import { RESET_ANSWER_FLOOR_MS, redeemCode, requestPasswordReset } from "@/lib/account/one-time-codes";
import { trustDevice } from "@/lib/auth/login";
import { callerFromBearer, callerFromSessionId } from "@/lib/auth/resolve";
import { defaultTenant } from "@/lib/bootstrap";
import { openBody } from "@/lib/email/sealed";
import { db } from "@/db/client";
import { auditEvents, emails, sessions, trustedDevices } from "@/db/schema";
import { sha256 } from "@/lib/security/crypto";
import { and, desc, eq } from "drizzle-orm";
import { callerOf, makeUser, PASSWORD } from "@/test/factories";
import { signOut } from "./admin";
import { createSession, revokeAllSessions, revokeSession } from "./sessions";

const tenantId = async () => (await defaultTenant())!.id;
const trustedCount = async (userId: string) => (await db.select().from(trustedDevices).where(eq(trustedDevices.userId, userId))).length;
const audited = async (action: string, userId: string) =>
  (await db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, userId)))).length;

describe("sessions", () => {
  it("a revoked session stops resolving on the next request", async () => {
    const user = await makeUser();
    const { session } = await createSession({ userId: user.id, tenantId: await tenantId(), kind: "browser" });
    expect((await callerFromSessionId(session.id, ""))?.userId).toBe(user.id);
    await revokeSession(user.id, session.id);
    expect(await callerFromSessionId(session.id, "")).toBeNull();
  });

  it("API sessions authenticate by their access token's hash, and stop when revoked", async () => {
    const user = await makeUser();
    const s = await createSession({ userId: user.id, tenantId: await tenantId(), kind: "api" });
    expect((await callerFromBearer(s.accessToken!, ""))?.userId).toBe(user.id);
    const [row] = await db.select().from(sessions).where(eq(sessions.id, s.session.id));
    expect([row!.accessTokenHash, row!.refreshTokenHash]).toEqual([sha256(s.accessToken!), sha256(s.refreshToken!)]);
    await revokeSession(user.id, s.session.id);
    expect(await callerFromBearer(s.accessToken!, "")).toBeNull();
  });

  it("another user's session cannot be revoked", async () => {
    const a = await makeUser();
    const b = await makeUser();
    const { session } = await createSession({ userId: a.id, tenantId: await tenantId(), kind: "browser" });
    await expect(revokeSession(b.id, session.id)).rejects.toThrow(/not found/i);
  });

  it("changing the password ends every other session", async () => {
    const user = await makeUser();
    const mine = (await createSession({ userId: user.id, tenantId: await tenantId(), kind: "browser" })).session;
    const other = (await createSession({ userId: user.id, tenantId: await tenantId(), kind: "browser" })).session;
    await changePassword(callerOf(user, await tenantId(), { sessionId: mine.id }), { currentPassword: PASSWORD, newPassword: "a brand new passphrase" });
    expect(await callerFromSessionId(mine.id, "")).not.toBeNull();
    expect(await callerFromSessionId(other.id, "")).toBeNull();
  });

  it("a password reset ends every session and the code works once", async () => {
    const user = await makeUser();
    const s = (await createSession({ userId: user.id, tenantId: await tenantId(), kind: "browser" })).session;
    await requestPasswordReset(user.email, { ip: "1.1.1.1" });
    const [mail] = await db.select().from(emails).orderBy(desc(emails.createdAt)).limit(1);
    expect(mail!.to).toBe(user.email);
    const code = openBody(mail!).text.match(/Code: (\S+)/)![1]!;
    await redeemCode({ code, newPassword: "another fine passphrase" }, ["reset"], { ip: "1.1.1.1" });
    expect(await callerFromSessionId(s.id, "")).toBeNull();
    await expect(redeemCode({ code, newPassword: "another fine passphrase 2" }, ["reset"], { ip: "1.1.1.1" })).rejects.toThrow(/invalid or has expired/);
  });

  it("a reset request for an unknown address looks the same and sends nothing", async () => {
    const before = (await db.select().from(emails)).length;
    const res = await requestPasswordReset("nobody-here@example.test", { ip: "2.2.2.2" });
    expect(res.expiresAt).toBeInstanceOf(Date);
    expect((await db.select().from(emails)).length).toBe(before);
  });

  it("a reset request answers no sooner than the floor, registered address or not", async () => {
    // The floor hides the registered path's extra work; a lower bound (a timer) cannot flake.
    const user = await makeUser();
    for (const email of [user.email, "nobody-either@example.test"]) {
      const started = performance.now();
      await requestPasswordReset(email, { ip: "2.2.2.3" });
      expect(performance.now() - started).toBeGreaterThanOrEqual(RESET_ANSWER_FLOOR_MS - 1);
    }
  });

  it("sign out everywhere ends all sessions", async () => {
    const user = await makeUser();
    await createSession({ userId: user.id, tenantId: await tenantId(), kind: "browser" });
    await createSession({ userId: user.id, tenantId: await tenantId(), kind: "api" });
    expect(await revokeAllSessions(user.id)).toBe(2);
  });

  it("trusted devices end on password change, password reset and sign out everywhere", async () => {
    const user = await makeUser();
    const caller = callerOf(user, await tenantId(), { sessionId: (await createSession({ userId: user.id, tenantId: await tenantId(), kind: "browser" })).session.id });
    await trustDevice(user.id, await tenantId(), { ip: "" });
    await changePassword(caller, { currentPassword: PASSWORD, newPassword: "a brand new passphrase" });
    expect(await trustedCount(user.id)).toBe(0);

    await trustDevice(user.id, await tenantId(), { ip: "" });
    await requestPasswordReset(user.email, { ip: "3.3.3.3" });
    const [mail] = await db.select().from(emails).where(and(eq(emails.to, user.email), eq(emails.subject, "Reset your password"))).limit(1);
    const code = openBody(mail!).text.match(/Code: (\S+)/)![1]!;
    await redeemCode({ code, newPassword: "another fine passphrase" }, ["reset"], { ip: "3.3.3.3" });
    expect(await trustedCount(user.id)).toBe(0);

    await trustDevice(user.id, await tenantId(), { ip: "" });
    const s = (await createSession({ userId: user.id, tenantId: await tenantId(), kind: "browser" })).session;
    expect(await signOut(callerOf(user, await tenantId(), { sessionId: s.id }), { global: true })).toBe(1);
    expect(await trustedCount(user.id)).toBe(0);
    expect(await audited("session.revoked_all", user.id)).toBe(1);
  });

  it("sign out ends the calling session only when no tokens are named; unknown tokens are 404", async () => {
    const user = await makeUser();
    const mine = await createSession({ userId: user.id, tenantId: await tenantId(), kind: "api" });
    const other = await createSession({ userId: user.id, tenantId: await tenantId(), kind: "api" });
    const caller = callerOf(user, await tenantId(), { sessionId: mine.session.id });
    await expect(signOut(caller, { tokens: { token: "not-a-token" } })).rejects.toThrow(/No session/);
    await expect(signOut(caller, { tokens: {} })).rejects.toThrow(/token or refreshToken/);
    expect(await callerFromSessionId(mine.session.id, "")).not.toBeNull();
    await signOut(caller, { tokens: { refreshToken: other.refreshToken } });
    expect(await callerFromBearer(other.accessToken!, "")).toBeNull();
    expect(await callerFromSessionId(mine.session.id, "")).not.toBeNull();
    await signOut(caller);
    expect(await callerFromSessionId(mine.session.id, "")).toBeNull();
    expect(await audited("session.signed_out", user.id)).toBe(2);
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
