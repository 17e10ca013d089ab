import { describe, expect, it } from "vitest";
import { changePassword } from "@/lib/account/credentials";
import { redeemCode, requestPasswordReset } from "@/lib/account/one-time-codes";
import { callerFromBearer, callerFromSessionId } from "@/lib/auth/resolve";
import { defaultTenant } from "@/lib/bootstrap";
import { db } from "@/db/client";
import { emails } from "@/db/schema";
import { desc } from "drizzle-orm";
import { callerOf, makeUser, PASSWORD } from "@/test/factories";
import { createSession, refreshSession, revokeAllSessions, revokeSession } from "./sessions";

const tenantId = () => defaultTenant()!.id;

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
    const code = mail.text.match(/Code: (\S+)/)![1]!;
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
});
