import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { emails, memberships, tenants, users } from "@/db/schema";
import { acceptJoin } from "@/lib/account/join";
import { passwordLogin, signInTenants } from "@/lib/auth/login";
import { callerFromSessionId } from "@/lib/auth/resolve";
import { openBody } from "@/lib/email/sealed";
import { createSession } from "@/lib/sessions/sessions";
import { switchableTenants } from "@/lib/tenants/tenants";
import { callerOf, makeTenant, makeUser, PASSWORD, uniqueEmail } from "@/test/factories";
import { createUser } from "./create";
import { listUsers, userQuerySchema } from "./list";
import { selfRegister } from "./register";
import { manageableUser } from "./scope";

const ctx = { ip: "9.9.9.9" };
const lastMail = (to: string) => {
  const row = db.select().from(emails).where(eq(emails.to, to)).orderBy(desc(emails.createdAt)).get();
  return row && { subject: row.subject, ...openBody(row) };
};
const codeIn = (to: string) => lastMail(to)!.text.match(/Join code: (\S+)/)![1]!;
const membership = (userId: string, tenantId: string) => db.select().from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId))).get();
const openTenant = () => {
  const t = makeTenant();
  db.update(tenants).set({ allowSelfRegistration: true }).where(eq(tenants.id, t.id)).run();
  return t;
};

describe("self-registration", () => {
  it("answers a taken address like a free one, emails the owner and changes nothing", async () => {
    const t = openTenant();
    const owner = await makeUser();
    const before = db.select().from(users).where(eq(users.id, owner.id)).get();
    const fresh = await selfRegister({ tenantId: t.id, user: { email: uniqueEmail("fresh"), firstName: "Ada", password: "a new strong passphrase" } }, ctx);
    const taken = await selfRegister({ tenantId: t.id, user: { email: owner.email.toUpperCase(), firstName: "Ada", password: "a new strong passphrase" } }, ctx);

    expect(Object.keys(taken.user).sort()).toEqual(Object.keys(fresh.user).sort());
    const comparable = (r: typeof fresh) => ({ ...r.user, id: "", email: "", createdAt: 0, updatedAt: 0 });
    expect(comparable(taken)).toEqual(comparable(fresh));
    expect(taken.registration).toEqual(fresh.registration);
    expect(taken.user.id).not.toBe(owner.id);
    expect(taken.user.email).toBe(owner.email);

    expect(db.select().from(users).where(eq(users.id, owner.id)).get()).toEqual(before);
    expect(membership(owner.id, t.id)).toBeUndefined();
    expect(lastMail(owner.email)).toMatchObject({ subject: "Someone tried to register with your address" });
    expect(lastMail(owner.email)!.text).not.toMatch(/code/i);
  });

  it("starts a new account only once the mailbox confirms with the chosen password", async () => {
    const t = openTenant();
    const email = uniqueEmail("selfreg");
    await selfRegister({ tenantId: t.id, user: { email, password: "my chosen passphrase" } }, ctx);
    await expect(passwordLogin({ loginId: email, password: "my chosen passphrase" }, { ip: "9.9.9.1", userAgent: "" })).rejects.toThrow(/password/i);
    const code = codeIn(email);
    await expect(acceptJoin({ code, password: "someone else's guess" }, ctx)).rejects.toThrow(/password chosen/);
    await acceptJoin({ code, password: "my chosen passphrase" }, ctx);
    expect(await passwordLogin({ loginId: email, password: "my chosen passphrase" }, { ip: "9.9.9.1", userAgent: "" })).toMatchObject({ status: "ok", tenantId: t.id });
    await expect(acceptJoin({ code, password: "my chosen passphrase" }, ctx)).rejects.toThrow(/invalid or has expired/);
  });
});

describe("adding an address that has an account in another tenant", () => {
  it("makes an invited member that grants nothing until the emailed link is accepted", async () => {
    const t1 = makeTenant();
    const t2 = makeTenant();
    const person = await makeUser({ tenantId: t1.id });
    const admin2 = await makeUser({ tenantId: t2.id, roles: ["admin"] });
    const created = await createUser(callerOf(admin2, t2.id), { email: person.email, firstName: "Someone" });
    expect(created.id).toBe(person.id);
    expect(membership(person.id, t2.id)!.invitedAt).toBeInstanceOf(Date);
    expect(db.select().from(users).where(eq(users.id, person.id)).get()!.firstName).toBe("Test"); // the account is not theirs to edit

    const row = listUsers(callerOf(admin2, t2.id), userQuerySchema.parse({ q: person.email })).rows;
    expect(row).toMatchObject([{ id: person.id, invited: true }]);

    const inT2 = createSession({ userId: person.id, tenantId: t2.id, kind: "browser" }).session;
    expect(callerFromSessionId(inT2.id, "")).toBeNull();
    expect(signInTenants(person).map((t) => t.id)).toEqual([t1.id]);
    expect(switchableTenants(callerOf(person, t1.id)).map((t) => t.id)).toEqual([t1.id]);
    // Another tenant's invitation does not take the account away from its own tenant's admin.
    const admin1 = await makeUser({ tenantId: t1.id, roles: ["admin"] });
    expect(manageableUser(callerOf(admin1, t1.id), person.id).id).toBe(person.id);

    expect(lastMail(person.email)).toMatchObject({ subject: "You are invited to join a tenant", links: [{ label: "Accept invitation" }] });
    await acceptJoin({ code: codeIn(person.email) }, ctx);
    expect(membership(person.id, t2.id)!.invitedAt).toBeNull();
    expect(callerFromSessionId(inT2.id, "")).toMatchObject({ userId: person.id, tenantId: t2.id });
    expect(signInTenants(person).map((t) => t.id).sort()).toEqual([t1.id, t2.id].sort());
    expect(listUsers(callerOf(admin2, t2.id), userQuerySchema.parse({ q: person.email })).rows).toMatchObject([{ invited: false }]);
    expect(await passwordLogin({ loginId: person.email, password: PASSWORD, tenantId: t2.id }, { ip: "9.9.9.2", userAgent: "" })).toMatchObject({ status: "ok" });
  });

  it("keeps the duplicate error for an address already in this tenant, invited or not", async () => {
    const t1 = makeTenant();
    const t2 = makeTenant();
    const admin2 = await makeUser({ tenantId: t2.id, roles: ["admin"] });
    const member = await makeUser({ tenantId: t2.id });
    await expect(createUser(callerOf(admin2, t2.id), { email: member.email })).rejects.toMatchObject({ kind: "conflict", field: "email" });
    const elsewhere = await makeUser({ tenantId: t1.id });
    await createUser(callerOf(admin2, t2.id), { email: elsewhere.email });
    await expect(createUser(callerOf(admin2, t2.id), { email: elsewhere.email })).rejects.toMatchObject({ kind: "conflict", field: "email" });
  });
});
