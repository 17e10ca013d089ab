import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, emails, memberships, tenants, users } from "@/db/schema";
import { acceptJoin } from "@/lib/account/join";
import { userAuditTrail } from "@/lib/audit/query";
import { passwordLogin, recordLogin, signInTenants } from "@/lib/auth/login";
import { callerFromSessionId } from "@/lib/auth/resolve";
import { openBody } from "@/lib/email/sealed";
import { runDueJobs } from "@/lib/jobs/runner";
import { userSessions } from "@/lib/sessions/admin";
import { createSession } from "@/lib/sessions/sessions";
import { switchableTenants } from "@/lib/tenants/tenants";
import { callerOf, makeTenant, makeUser, PASSWORD, uniqueEmail } from "@/test/factories";
import { createUser } from "./create";
import { listUsers, userQuerySchema } from "./list";
import { REGISTER_ANSWER_FLOOR_MS, selfRegister } from "./register";
import { startDeleteUsers } from "./delete";
import { detailsOfUsers } from "./details";
import { manageableUser, userInScope } from "./scope";

const ctx = { ip: "9.9.9.9" };
const lastMail = async (to: string) => {
  const [row] = await db.select().from(emails).where(eq(emails.to, to)).orderBy(desc(emails.createdAt)).limit(1);
  return row && { subject: row.subject, ...openBody(row) };
};
const codeIn = async (to: string) => (await lastMail(to))!.text.match(/Join code: (\S+)/)![1]!;
const membership = async (userId: string, tenantId: string) => (await db.select().from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId))))[0];
const userRow = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0];
const openTenant = async () => {
  const t = await makeTenant();
  await db.update(tenants).set({ allowSelfRegistration: true }).where(eq(tenants.id, t.id));
  return t;
};

describe("self-registration", () => {
  it("answers a taken address like a free one, emails the owner and changes nothing", async () => {
    const t = await openTenant();
    const owner = await makeUser();
    const before = await userRow(owner.id);
    const fresh = await selfRegister({ tenantId: t.id, user: { email: uniqueEmail("fresh"), firstName: "Ada", password: "a new strong passphrase" } }, ctx);
    const taken = await selfRegister({ tenantId: t.id, user: { email: owner.email.toUpperCase(), firstName: "Ada", password: "a new strong passphrase" } }, ctx);

    expect(Object.keys(taken.user).sort()).toEqual(Object.keys(fresh.user).sort());
    const comparable = (r: typeof fresh) => ({ ...r.user, id: "", email: "", createdAt: 0, updatedAt: 0 });
    expect(comparable(taken)).toEqual(comparable(fresh));
    expect(taken.registration).toEqual(fresh.registration);
    expect(taken.user.id).not.toBe(owner.id);
    expect(taken.user.email).toBe(owner.email);

    expect(await userRow(owner.id)).toEqual(before);
    expect(await membership(owner.id, t.id)).toBeUndefined();
    expect(await lastMail(owner.email)).toMatchObject({ subject: "Someone tried to register with your address" });
    expect((await lastMail(owner.email))!.text).not.toMatch(/code/i);
  });

  it("answers a free and a taken address no sooner than the floor (their work differs by a transaction)", async () => {
    const t = await openTenant();
    const owner = await makeUser();
    for (const email of [uniqueEmail("timed"), owner.email]) {
      const started = performance.now();
      await selfRegister({ tenantId: t.id, user: { email, password: "a new strong passphrase" } }, ctx);
      expect(performance.now() - started, email).toBeGreaterThanOrEqual(REGISTER_ANSWER_FLOOR_MS - 1);
    }
  });

  it("refuses a taken username alike for a taken and a free address", async () => {
    const t = await openTenant();
    const owner = await makeUser();
    const holder = await makeUser();
    await db.update(users).set({ username: `name-${holder.id}` }).where(eq(users.id, holder.id));
    const attempt = (email: string) => selfRegister({ tenantId: t.id, user: { email, username: `name-${holder.id}`, password: "a new strong passphrase" } }, ctx);
    const known = await attempt(owner.email).catch((e: unknown) => e);
    const fresh = await attempt(uniqueEmail("fresh")).catch((e: unknown) => e);
    expect(known).toMatchObject({ kind: "conflict", field: "username", message: "Username is already taken" });
    expect(fresh).toMatchObject({ kind: "conflict", field: "username", message: "Username is already taken" });
  });

  it("starts a new account only once the mailbox confirms with the chosen password", async () => {
    const t = await openTenant();
    const email = uniqueEmail("selfreg");
    await selfRegister({ tenantId: t.id, user: { email, password: "my chosen passphrase" } }, ctx);
    await expect(passwordLogin({ loginId: email, password: "my chosen passphrase" }, { ip: "9.9.9.1", userAgent: "" })).rejects.toThrow(/password/i);
    const code = await codeIn(email);
    await expect(acceptJoin({ code, password: "someone else's guess" }, ctx)).rejects.toThrow(/password chosen/);
    await acceptJoin({ code, password: "my chosen passphrase" }, ctx);
    expect(await passwordLogin({ loginId: email, password: "my chosen passphrase" }, { ip: "9.9.9.1", userAgent: "" })).toMatchObject({ status: "ok", tenantId: t.id });
    await expect(acceptJoin({ code, password: "my chosen passphrase" }, ctx)).rejects.toThrow(/invalid or has expired/);
  });
});

describe("adding an address that has an account in another tenant", () => {
  it("makes an invited member that grants nothing until the emailed link is accepted", async () => {
    const t1 = await makeTenant();
    const t2 = await makeTenant();
    const person = await makeUser({ tenantId: t1.id });
    const admin2 = await makeUser({ tenantId: t2.id, roles: ["admin"] });
    const created = await createUser(callerOf(admin2, t2.id), { email: person.email, firstName: "Someone" });
    expect(created.id).toBe(person.id);
    expect((await membership(person.id, t2.id))!.invitedAt).toBeInstanceOf(Date);
    expect((await userRow(person.id))!.firstName).toBe("Test"); // the account is not theirs to edit

    const row = (await listUsers(callerOf(admin2, t2.id), userQuerySchema.parse({ q: person.email }))).rows;
    expect(row).toMatchObject([{ id: person.id, invited: true }]);

    const inT2 = (await createSession({ userId: person.id, tenantId: t2.id, kind: "browser" })).session;
    expect(await callerFromSessionId(inT2.id, "")).toBeNull();
    expect((await signInTenants(person)).map((t) => t.id)).toEqual([t1.id]);
    expect((await switchableTenants(callerOf(person, t1.id))).map((t) => t.id)).toEqual([t1.id]);
    // Another tenant's invitation does not take the account away from its own tenant's admin.
    const admin1 = await makeUser({ tenantId: t1.id, roles: ["admin"] });
    expect((await manageableUser(callerOf(admin1, t1.id), person.id)).id).toBe(person.id);

    expect(await lastMail(person.email)).toMatchObject({ subject: "You are invited to join a tenant", links: [{ label: "Accept invitation" }] });
    await acceptJoin({ code: await codeIn(person.email) }, ctx);
    expect((await membership(person.id, t2.id))!.invitedAt).toBeNull();
    expect(await callerFromSessionId(inT2.id, "")).toMatchObject({ userId: person.id, tenantId: t2.id });
    expect((await signInTenants(person)).map((t) => t.id).sort()).toEqual([t1.id, t2.id].sort());
    expect(await passwordLogin({ loginId: person.email, password: PASSWORD, tenantId: t2.id }, { ip: "9.9.9.2", userAgent: "" })).toMatchObject({ status: "ok" });
    await recordLogin(person.id, t2.id, { ip: "9.9.9.2", userAgent: "" }, "api");
    // Accepted and signed in: a member like any other, profile and all.
    expect((await listUsers(callerOf(admin2, t2.id), userQuerySchema.parse({ q: person.email }))).rows).toMatchObject([{ invited: false, firstName: "Test" }]);
    expect((await userInScope(callerOf(admin2, t2.id), person.id)).id).toBe(person.id);
  });

  it("answers exactly as for a new address: the admin's input and the time now, only the id is the account's", async () => {
    const t1 = await makeTenant();
    const t2 = await makeTenant();
    const person = await makeUser({ tenantId: t1.id });
    await db.update(users).set({ timezone: "Europe/Oslo", mobilePhone: "+4712345678", birthDate: "1980-01-02", imageUrl: "https://example.test/p.png", lastLoginAt: new Date(0), successfulLogins: 7, mfaEnrolled: true, lastName: "Quokkaish", fullName: "Test Quokkaish" }).where(eq(users.id, person.id));
    const admin2 = callerOf(await makeUser({ tenantId: t2.id, roles: ["admin"] }), t2.id);
    const input = { firstName: "Given", lastName: "ByAdmin", timezone: "UTC", password: "an initial passphrase 1", sendInvitation: false };
    const known = await createUser(admin2, { ...input, email: person.email });
    const fresh = await createUser(admin2, { ...input, email: uniqueEmail("fresh") });

    expect(known.id).toBe(person.id);
    expect(known.email).toBe(person.email);
    const comparable = (u: typeof fresh) => ({ ...u, id: "", email: "", passwordHash: "", createdAt: 0, updatedAt: 0, passwordUpdatedAt: 0 });
    expect(comparable(known)).toEqual(comparable(fresh));
    expect(Math.abs(known.createdAt.getTime() - fresh.createdAt.getTime())).toBeLessThan(60_000);
    expect(known.passwordUpdatedAt).toBeInstanceOf(Date);
    // The account itself is untouched: the admin's password and names were not applied to it.
    expect(await userRow(person.id)).toMatchObject({ firstName: "Test", mobilePhone: "+4712345678", successfulLogins: 7 });
    await expect(passwordLogin({ loginId: person.email, password: input.password }, { ip: "9.9.9.3", userAgent: "" })).rejects.toThrow();

    // Both wait the same way in the list: "Invited" (a new account until its first sign-in).
    const listed = async (email: string) => (await listUsers(admin2, userQuerySchema.parse({ q: email }))).rows[0]!;
    expect(await listed(person.email)).toMatchObject({ invited: true, active: true, firstName: "", lastName: "", fullName: "", lastLoginAt: null, successfulLogins: 0, mfaEnrolled: false, mobilePhone: null, timezone: "UTC" });
    expect(await listed(fresh.email)).toMatchObject({ invited: true });
    // Filters on the account's own columns do not see through the blank row.
    // (The account's name is searched on any part; its address holds "test", so search the last name.)
    expect((await listUsers(admin2, userQuerySchema.parse({ q: "quokka" }))).rows.map((r) => r.id)).not.toContain(person.id);
    expect((await listUsers(admin2, userQuerySchema.parse({ q: "Quo" }))).rows.map((r) => r.id)).not.toContain(person.id);
    expect((await listUsers(admin2, userQuerySchema.parse({ mfa: "yes" }))).rows.map((r) => r.id)).not.toContain(person.id);
    expect((await listUsers(admin2, userQuerySchema.parse({ loginFrom: "1970-01-01" }))).rows.map((r) => r.id)).not.toContain(person.id);
    expect((await listUsers(admin2, userQuerySchema.parse({ mfa: "no", status: "active" }))).rows.map((r) => r.id)).toContain(person.id);
    // The tenant's audit log reads the same for both.
    const created = (await db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, t2.id), eq(auditEvents.targetId, person.id)))).map((e) => e.action);
    expect(created).toEqual(["user.created"]);
  });

  it("hides a pending member's account from the inviting admin, except for withdrawing the invitation", async () => {
    const t1 = await makeTenant();
    const t2 = await makeTenant();
    const person = await makeUser({ tenantId: t1.id });
    await createSession({ userId: person.id, tenantId: t1.id, kind: "browser" });
    const admin2 = callerOf(await makeUser({ tenantId: t2.id, roles: ["admin"] }), t2.id);
    await createUser(admin2, { email: person.email });

    await expect(userInScope(admin2, person.id)).rejects.toThrow(/not found/i);
    await expect(userSessions(admin2, person.id)).rejects.toThrow(/not found/i);
    await expect(userAuditTrail(admin2, person.id)).rejects.toThrow(/not found/i);
    expect((await detailsOfUsers([person.id], t2.id))(person.id)).toMatchObject({ methods: [], hasPgpKey: false });
    // Its own tenant still sees it.
    const admin1 = callerOf(await makeUser({ tenantId: t1.id, roles: ["admin"] }), t1.id);
    expect(await userSessions(admin1, person.id)).toHaveLength(1);

    // Removing the member withdraws the invitation; the account and its own tenant stay.
    await startDeleteUsers(admin2, [person.id]);
    await runDueJobs(); // the delete job, as an instance's job runner would run it
    expect(await membership(person.id, t2.id)).toBeUndefined();
    expect(await userRow(person.id)).toBeDefined();
    expect(await membership(person.id, t1.id)).toBeDefined();
    await expect(acceptJoin({ code: await codeIn(person.email) }, ctx)).rejects.toThrow(/invalid or has expired/);
  });

  it("shows a new account created with an initial password as invited until its first sign-in", async () => {
    const admin = callerOf(await makeUser({ roles: ["admin"] }));
    const created = await createUser(admin, { email: uniqueEmail("initial"), password: "an initial passphrase 2", passwordChangeRequired: false });
    const listed = async () => (await listUsers(admin, userQuerySchema.parse({ q: created.email }))).rows[0]!;
    expect((await listed()).invited).toBe(true);
    expect(await passwordLogin({ loginId: created.email, password: "an initial passphrase 2" }, { ip: "9.9.9.4", userAgent: "" })).toMatchObject({ status: "ok" });
    expect((await listed()).invited).toBe(true); // a correct password alone is not a sign-in
    await recordLogin(created.id, admin.tenantId, { ip: "9.9.9.4", userAgent: "" }, "browser");
    expect((await listed()).invited).toBe(false);
  });

  it("keeps the duplicate error for an address already in this tenant, invited or not", async () => {
    const t1 = await makeTenant();
    const t2 = await makeTenant();
    const admin2 = await makeUser({ tenantId: t2.id, roles: ["admin"] });
    const member = await makeUser({ tenantId: t2.id });
    await expect(createUser(callerOf(admin2, t2.id), { email: member.email })).rejects.toMatchObject({ kind: "conflict", field: "email" });
    const elsewhere = await makeUser({ tenantId: t1.id });
    await createUser(callerOf(admin2, t2.id), { email: elsewhere.email });
    await expect(createUser(callerOf(admin2, t2.id), { email: elsewhere.email })).rejects.toMatchObject({ kind: "conflict", field: "email" });
  });
});
