import { and, desc, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, emails, oneTimeCodes, sessions, users } from "@/db/schema";
import { sendPasswordResetEmail } from "@/lib/account/one-time-codes";
import { signOutUserEverywhere } from "@/lib/sessions/admin";
import { createSession } from "@/lib/sessions/sessions";
import { callerOf, makeRoleWith, makeTenant, makeUser } from "@/test/factories";

// The user detail page's account actions: each goes through its lib function, which checks the
// permission and records the event.

const lastEvent = async (action: string, targetId: string) =>
  (await db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId))).orderBy(desc(auditEvents.createdAt)).limit(1))[0];

describe("sendPasswordResetEmail", () => {
  it("queues the reset mail with a live code and records who sent it", async () => {
    const admin = callerOf(await makeUser({ roles: ["admin"] }));
    const u = await makeUser();
    expect((await sendPasswordResetEmail(admin, u.id)).email).toBe(u.email);
    const [mail] = await db.select().from(emails).where(eq(emails.to, u.email));
    expect(mail).toMatchObject({ subject: "Reset your password", tenantId: admin.tenantId });
    expect(await db.select().from(oneTimeCodes).where(and(eq(oneTimeCodes.userId, u.id), eq(oneTimeCodes.purpose, "reset"), isNull(oneTimeCodes.usedAt)))).toHaveLength(1);
    expect(await lastEvent("password.reset_requested", u.id)).toMatchObject({ actorId: admin.userId, actorEmail: admin.email, tenantId: admin.tenantId });
  });

  it("needs User/Reset, an account the caller manages, and an active account", async () => {
    const editor = await makeRoleWith([{ resource: "User", action: "Edit" }, { resource: "User", action: "Read" }]);
    const u = await makeUser();
    await expect(sendPasswordResetEmail(callerOf(await makeUser({ roles: [editor.name] })), u.id)).rejects.toThrow("You need the User/Reset permission");
    const resetter = callerOf(await makeUser({ roles: [(await makeRoleWith([{ resource: "User", action: "Reset" }])).name] }));
    const admin = await makeUser({ roles: ["admin"] });
    await expect(sendPasswordResetEmail(resetter, admin.id)).rejects.toThrow(/All\/All/); // holds more than the caller
    await db.update(users).set({ active: false }).where(eq(users.id, u.id));
    await expect(sendPasswordResetEmail(callerOf(admin), u.id)).rejects.toThrow("This account is disabled");
    const foreign = await makeUser({ tenantId: (await makeTenant()).id });
    await expect(sendPasswordResetEmail(callerOf(admin), foreign.id)).rejects.toThrow("User not found");
    expect(await db.select().from(emails).where(eq(emails.to, u.email))).toHaveLength(0);
  });
});

describe("signOutUserEverywhere", () => {
  it("ends every session of the user, not the admin's, and records it", async () => {
    const adminUser = await makeUser({ roles: ["admin"] });
    const admin = callerOf(adminUser);
    const u = await makeUser();
    await createSession({ userId: u.id, tenantId: admin.tenantId, kind: "browser" });
    await createSession({ userId: u.id, tenantId: admin.tenantId, kind: "api" });
    const mine = await createSession({ userId: adminUser.id, tenantId: admin.tenantId, kind: "browser" });
    expect((await signOutUserEverywhere(admin, u.id)).sessions).toBe(2);
    expect(await db.select().from(sessions).where(and(eq(sessions.userId, u.id), isNull(sessions.revokedAt)))).toHaveLength(0);
    expect((await db.select().from(sessions).where(eq(sessions.id, mine.session.id)))[0]!.revokedAt).toBeNull();
    expect(await lastEvent("session.revoked_all", u.id)).toMatchObject({ actorId: admin.userId, data: { count: 2, tokensRevoked: 0 } });
  });

  it("needs User/Edit", async () => {
    const reader = await makeRoleWith([{ resource: "User", action: "Read" }]);
    const u = await makeUser();
    await createSession({ userId: u.id, tenantId: callerOf(u).tenantId, kind: "browser" });
    await expect(signOutUserEverywhere(callerOf(await makeUser({ roles: [reader.name] })), u.id)).rejects.toThrow("You need the User/Edit permission");
    expect(await db.select().from(sessions).where(and(eq(sessions.userId, u.id), isNull(sessions.revokedAt)))).toHaveLength(1);
  });
});
