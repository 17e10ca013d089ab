import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, memberships, mfaMethods, users, vaultEntries, vaultGroups } from "@/db/schema";
import { getAllSettings, getSetting } from "@/lib/settings/settings";
import { createSession } from "@/lib/sessions/sessions";
import { callerOf, makeRoleWith, makeTenant, makeUser } from "@/test/factories";
import { dashboardAccess } from "./access";
import { acknowledgePasswordPolicy, firstRunChecklist } from "./checklist";
import { lastDays } from "./days";
import { signInsPerDay, userFigures } from "./figures";
import { memberSummary } from "./member";

const NOW = new Date("2026-03-29T12:00:00Z"); // Europe/Berlin moves to summer time this night (01:00 UTC)
const ago = (days: number, hours = 0) => new Date(NOW.getTime() - days * 86_400_000 - hours * 3_600_000);

type Event = { tenantId: string | null; action: string; actorId?: string | null; targetId?: string | null; createdAt: Date };
const record = (events: Event[]) => db.insert(auditEvents).values(events.map((e) => ({ ...e, targetType: "user" })));

/** A tenant with an admin, an MFA member, a disabled member, a pending invitee and an outsider. */
async function world() {
  const tenant = await makeTenant();
  const admin = await makeUser({ tenantId: tenant.id, roles: ["admin"] });
  const withMfa = await makeUser({ tenantId: tenant.id });
  const disabled = await makeUser({ tenantId: tenant.id });
  const invited = await makeUser({ tenantId: tenant.id });
  const outsider = await makeUser({ tenantId: (await makeTenant()).id });
  await db.update(users).set({ mfaEnrolled: true }).where(eq(users.id, withMfa.id));
  await db.update(users).set({ active: false }).where(eq(users.id, disabled.id));
  // Pending invitations are someone else's account until accepted: not counted.
  await db.update(memberships).set({ invitedAt: new Date() }).where(eq(memberships.userId, invited.id));
  return { tenant, admin, withMfa, disabled, invited, outsider, caller: callerOf(admin, tenant.id) };
}

describe("userFigures", () => {
  it("counts the tenant's members, disabled, MFA and distinct recent sign-ins", async () => {
    const w = await world();
    await record([
      { tenantId: w.tenant.id, action: "login.success", actorId: w.withMfa.id, createdAt: ago(1) },
      { tenantId: w.tenant.id, action: "login.success", actorId: w.withMfa.id, createdAt: ago(3) }, // same person: counted once
      { tenantId: w.tenant.id, action: "login.success", actorId: w.admin.id, createdAt: ago(12) }, // 30 days only
      { tenantId: w.tenant.id, action: "login.success", actorId: w.disabled.id, createdAt: ago(31) }, // too old
      { tenantId: w.tenant.id, action: "login.failed", actorId: w.disabled.id, createdAt: ago(1) }, // not a sign-in
      { tenantId: w.tenant.id, action: "login.success", actorId: w.outsider.id, createdAt: ago(1) }, // not a member (any more)
      { tenantId: w.tenant.id, action: "login.success", actorId: w.invited.id, createdAt: ago(1) }, // pending: not a member yet
    ]);
    expect(await userFigures(w.caller, NOW)).toEqual({ total: 3, disabled: 1, mfaEnrolled: 1, active7: 1, active30: 2 });
  });

  it("is refused without User/Read; a super admin sees the tenant they are in", async () => {
    const w = await world();
    await expect(userFigures(callerOf(w.withMfa, w.tenant.id), NOW)).rejects.toThrow("You need the User/Read permission");
    const root = await makeUser({ superAdmin: true });
    expect((await userFigures(callerOf(root, w.tenant.id), NOW)).total).toBe(3);
  });
});

describe("signInsPerDay", () => {
  it("sums successes and failures per day in the viewer's zone, including failures before a tenant was chosen", async () => {
    const w = await world();
    const lateSaturdayUtc = new Date("2026-03-28T23:30:00Z"); // Sunday 00:30 in Berlin
    await record([
      { tenantId: w.tenant.id, action: "login.success", actorId: w.withMfa.id, createdAt: ago(0, 1) },
      { tenantId: w.tenant.id, action: "login.success", actorId: w.admin.id, createdAt: ago(0, 2) },
      { tenantId: w.tenant.id, action: "login.success", actorId: w.admin.id, createdAt: lateSaturdayUtc },
      { tenantId: w.tenant.id, action: "login.mfa_failed", actorId: w.withMfa.id, targetId: w.withMfa.id, createdAt: ago(2) },
      // A wrong password has no tenant yet: it counts here because it targets a member.
      { tenantId: null, action: "login.failed", targetId: w.disabled.id, createdAt: ago(2) },
      { tenantId: null, action: "login.throttled", targetId: w.withMfa.id, createdAt: ago(2) },
      { tenantId: null, action: "login.failed", targetId: w.outsider.id, createdAt: ago(2) }, // someone else's member
      { tenantId: null, action: "login.failed", targetId: null, createdAt: ago(2) }, // unknown account
      { tenantId: null, action: "login.failed", targetId: w.invited.id, createdAt: ago(2) }, // pending invitation
      { tenantId: w.tenant.id, action: "token.created", actorId: w.admin.id, createdAt: ago(2) }, // not a sign-in
      { tenantId: w.tenant.id, action: "login.success", actorId: w.admin.id, createdAt: ago(14) }, // before the window
    ]);
    const berlin = await signInsPerDay(w.caller, { days: 14, timeZone: "Europe/Berlin", now: NOW });
    expect(berlin).toHaveLength(14);
    expect(berlin.at(-1)).toEqual({ date: "2026-03-29", succeeded: 3, failed: 0 });
    expect(berlin.find((d) => d.date === "2026-03-27")).toEqual({ date: "2026-03-27", succeeded: 0, failed: 3 });
    expect(berlin.reduce((n, d) => n + d.succeeded + d.failed, 0)).toBe(6);
    expect(berlin[0]!.date).toBe("2026-03-16");

    const utc = await signInsPerDay(w.caller, { days: 14, timeZone: "UTC", now: NOW });
    expect(utc.at(-1)).toEqual({ date: "2026-03-29", succeeded: 2, failed: 0 });
    expect(utc.at(-2)).toEqual({ date: "2026-03-28", succeeded: 1, failed: 0 });
  });

  it("puts sign-ins either side of a quarter-hour-offset midnight on their own local days", async () => {
    const w = await world();
    // Kathmandu is UTC+5:45: 18:14 UTC is 23:59 on the 28th there, 18:16 UTC is 00:01 on the 29th.
    await record([
      { tenantId: w.tenant.id, action: "login.success", actorId: w.admin.id, createdAt: new Date("2026-03-28T18:14:00Z") },
      { tenantId: w.tenant.id, action: "login.failed", actorId: w.admin.id, createdAt: new Date("2026-03-28T18:16:00Z") },
      { tenantId: null, action: "login.failed", targetId: w.admin.id, createdAt: new Date("2026-03-28T18:16:30Z") },
    ]);
    const days = await signInsPerDay(w.caller, { days: 2, timeZone: "Asia/Kathmandu", now: NOW });
    expect(days).toEqual([
      { date: "2026-03-28", succeeded: 1, failed: 0 },
      { date: "2026-03-29", succeeded: 0, failed: 2 },
    ]);
  });

  it("needs Audit/Read", async () => {
    const w = await world();
    await expect(signInsPerDay(callerOf(w.withMfa, w.tenant.id), { now: NOW })).rejects.toThrow("You need the Audit/Read permission");
  });
});

describe("lastDays", () => {
  it("takes each local midnight, also across a DST change, and falls back to UTC for an unknown zone", () => {
    const days = lastDays(3, "Europe/Berlin", NOW);
    expect(days.map((d) => d.date)).toEqual(["2026-03-27", "2026-03-28", "2026-03-29"]);
    expect(days[2]!.start.toISOString()).toBe("2026-03-28T23:00:00.000Z"); // 00:00 CET
    expect(days[2]!.end.toISOString()).toBe("2026-03-29T22:00:00.000Z"); // 00:00 CEST: a 23-hour day
    expect(days[0]!.end).toEqual(days[1]!.start);
    expect(lastDays(1, "Not/AZone", NOW)[0]!.start.toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(lastDays(1, "Pacific/Kiritimati", NOW)[0]!.date).toBe("2026-03-30"); // UTC+14: already tomorrow
  });
});

describe("firstRunChecklist", () => {
  it("reports own MFA, a second active full administrator and the reviewed policy, per tenant", async () => {
    const w = await world();
    const before = await firstRunChecklist(w.caller);
    expect(before).toMatchObject({ mailDelivery: false, ownMfa: false, secondAdmin: false, policyReviewedAt: null, policy: { passwordMinLength: expect.any(Number) } });

    // Neither a disabled administrator, nor an invited one, nor a narrower role counts.
    const disabledAdmin = await makeUser({ tenantId: w.tenant.id, roles: ["admin"] });
    await db.update(users).set({ active: false }).where(eq(users.id, disabledAdmin.id));
    const invitedAdmin = await makeUser({ tenantId: w.tenant.id, roles: ["admin"] });
    await db.update(memberships).set({ invitedAt: new Date() }).where(eq(memberships.userId, invitedAdmin.id));
    const narrow = await makeRoleWith([{ resource: "User", action: "All" }], w.tenant.id);
    await makeUser({ tenantId: w.tenant.id, roles: [narrow.name] });
    expect((await firstRunChecklist(w.caller)).secondAdmin).toBe(false);
    await makeUser({ tenantId: w.tenant.id, roles: ["admin"] });
    expect((await firstRunChecklist(w.caller)).secondAdmin).toBe(true);

    await db.insert(mfaMethods).values({ userId: w.admin.id, kind: "pin", pinHash: "x" });
    await db.update(users).set({ mfaEnrolled: true }).where(eq(users.id, w.admin.id));
    expect((await firstRunChecklist(w.caller)).ownMfa).toBe(true);

    await acknowledgePasswordPolicy(w.caller, NOW);
    expect((await firstRunChecklist(w.caller)).policyReviewedAt).toEqual(NOW);
    // The acknowledgement is for this tenant: a super admin in another tenant still sees it open.
    const root = await makeUser({ superAdmin: true });
    await acknowledgePasswordPolicy(callerOf(root, w.tenant.id), NOW);
    const elsewhere = await makeTenant();
    expect((await firstRunChecklist(callerOf(root, elsewhere.id))).policyReviewedAt).toBeNull();
    // Stored beside the settings but never one of them (the settings APIs must not show or take it).
    expect(Object.keys(await getAllSettings(w.admin.id)).some((k) => k.includes("password_policy"))).toBe(false);
    await expect(getSetting(w.admin.id, `console:password_policy_reviewed:${w.tenant.id}`)).rejects.toThrow("Unknown setting");
  });

  it("is for those who may see users", async () => {
    const w = await world();
    await expect(firstRunChecklist(callerOf(w.withMfa, w.tenant.id))).rejects.toThrow("User/Read");
    await expect(acknowledgePasswordPolicy(callerOf(w.withMfa, w.tenant.id))).rejects.toThrow("User/Read");
  });
});

describe("dashboardAccess", () => {
  it("gives the admin dashboard to those who see users or the audit log, the member summary to others", async () => {
    const w = await world();
    expect(await dashboardAccess(w.caller)).toEqual({ users: true, audit: true });
    expect(await dashboardAccess(callerOf(w.withMfa, w.tenant.id))).toBeNull();
    const auditor = await makeRoleWith([{ resource: "Audit", action: "Read" }], w.tenant.id);
    expect(await dashboardAccess(callerOf(await makeUser({ tenantId: w.tenant.id, roles: [auditor.name] }), w.tenant.id))).toEqual({ users: false, audit: true });
  });
});

describe("memberSummary", () => {
  it("shows the caller's factors, live sessions and vault", async () => {
    const u = await makeUser();
    const empty = await memberSummary(callerOf(u));
    expect(empty).toEqual({ mfa: { required: false, authenticator: false, pin: false, passkeys: 0, recoveryCodes: 0 }, sessions: { active: 0, lastSignInAt: null }, vault: { entries: 0, groups: 0 } });

    await createSession({ userId: u.id, tenantId: callerOf(u).tenantId, kind: "browser" });
    await createSession({ userId: u.id, tenantId: callerOf(u).tenantId, kind: "api" });
    await db.insert(mfaMethods).values({ userId: u.id, kind: "pin", pinHash: "x" });
    const [group] = await db.insert(vaultGroups).values({ userId: u.id, name: "Accounts" }).returning();
    await db.insert(vaultEntries).values(["a.example", "b.example"].map((host) => ({ userId: u.id, groupId: group!.id, host, account: "me", complexity: 1, length: 16, lowercase: true, uppercase: true, digits: true, symbols: false })));
    const other = await makeUser(); // someone else's data is not counted
    await createSession({ userId: other.id, tenantId: callerOf(other).tenantId, kind: "browser" });

    expect(await memberSummary(callerOf(u))).toMatchObject({ mfa: { pin: true, authenticator: false }, sessions: { active: 2 }, vault: { entries: 2, groups: 1 } });
  });
});
