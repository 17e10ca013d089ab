import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { bearer, IAM } from "../support/api";
import { ADMIN_STATE, createUser, outboxLink, signIn, uniqueEmail } from "../support/env";
import { sqlBool, sqlRun } from "../support/sql";

const Q = "/api/1.0";

/** No API turns self-registration on (only the tenant settings page): flip it in the e2e database. */
async function allowSelfRegistration(tenantId: string) {
  expect(await sqlRun("update tenants set allow_self_registration = $1 where id = $2", [sqlBool(true), tenantId])).toBe(1);
}

/** Subjects of the Outbox messages to `to`, read as the super admin. */
async function outboxText(baseURL: string, to: string) {
  const ctx = await playwrightRequest.newContext({ baseURL, storageState: ADMIN_STATE });
  const html = await (await ctx.get(`/admin/outbox?q=${encodeURIComponent(to)}`)).text();
  await ctx.dispose();
  return html;
}

/** The structure of a JSON value: keys and value types, not the values. */
const shape = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(shape) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, shape(x)])) : typeof v;

const login = (request: APIRequestContext, loginId: string, password: string, tenantId?: string) =>
  request.post(`${IAM}/Login`, { data: { loginId, password, ...(tenantId ? { tenantId } : {}) } });

test.describe("no account enumeration", () => {
  test("self-registration answers a taken address like a free one; the owner is emailed; the account is untouched", async ({ request, baseURL }) => {
    const open = createUser({ roles: ["admin"], tenant: `Open ${Date.now().toString(36)}`, createTenant: true });
    await allowSelfRegistration(open.tenantId);
    const owner = createUser(); // lives in Default
    const register = (email: string) => request.post(`${IAM}/Register`, { data: { tenantId: open.tenantId, user: { email, firstName: "Eve", password: "eve-tries-a-passphrase" } } });

    const fresh = await register(uniqueEmail("fresh"));
    const taken = await register(owner.email);
    expect(fresh.status(), await fresh.text()).toBe(200);
    expect(taken.status(), await taken.text()).toBe(200);
    const [f, t] = [await fresh.json(), await taken.json()];
    expect(shape(t)).toEqual(shape(f));
    expect(f.tokens).toBeUndefined(); // nobody is signed in by registering: the mailbox confirms first
    expect(t.user.id).not.toBe(owner.id);
    expect(t.registration).toEqual(f.registration);

    await expect.poll(() => outboxText(baseURL!, owner.email)).toContain("Someone tried to register with your address");
    // Nothing changed: the owner's password still works, the registrant's does not, no membership was added.
    expect((await login(request, owner.email, "eve-tries-a-passphrase")).status()).toBe(401);
    const own = await login(request, owner.email, owner.password);
    expect(own.status()).toBe(200);
    expect((await own.json()).tokens.token).toBeTruthy();
    expect((await login(request, owner.email, owner.password, open.tenantId)).status()).toBe(401);
  });

  test("an admin adding an address of another tenant's user invites them; no access until they accept; a duplicate in the tenant keeps code 31", async ({ request, browser }) => {
    const person = createUser(); // T1 = Default
    const t2 = createUser({ roles: ["admin"], tenant: `T2 ${Date.now().toString(36)}`, createTenant: true });
    const admin2 = await bearer(request, t2.email, t2.password);

    const created = await request.post(`${Q}/user/create`, { headers: admin2, data: { name: "Per Son", email: person.email } });
    expect(created.status(), await created.text()).toBe(201);
    expect((await created.json()).id).toBe(person.id);
    const dup = await request.post(`${Q}/user/create`, { headers: admin2, data: { name: "Again", email: person.email } });
    expect(dup.status()).toBe(400);
    expect(await dup.json()).toMatchObject({ msg: "Email is already taken", code: 31 });

    // Invited, not a member: no sign-in to T2, and a T1 sign-in is still the only tenant offered.
    expect((await login(request, person.email, person.password, t2.tenantId)).status()).toBe(401);
    expect((await login(request, person.email, person.password)).status()).toBe(200); // two tenants would answer 401 asking for one

    const link = await outboxLink(browser, person.email, "Accept invitation");
    const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await ctx.newPage();
    await page.goto(link);
    expect((await login(request, person.email, person.password, t2.tenantId)).status()).toBe(401); // opening the link is not accepting
    await page.getByRole("button", { name: "Accept invitation" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await ctx.close();

    const inT2 = await login(request, person.email, person.password, t2.tenantId);
    expect(inT2.status()).toBe(200);
    const h = { Authorization: `Bearer ${(await inT2.json()).tokens.token}` };
    expect((await request.get(`${Q}/user/metadata/${person.id}`, { headers: h })).status()).not.toBe(401);
    // Accepted: now it is a plain same-tenant duplicate.
    expect((await (await request.post(`${Q}/user/create`, { headers: admin2, data: { name: "Third", email: person.email } })).json()).code).toBe(31);
  });
});

test.describe("no account enumeration through an invitation", () => {
  const without = (v: Record<string, unknown>, keys: string[]) => Object.fromEntries(Object.entries(v).filter(([k]) => !keys.includes(k)));

  test("adding a known address answers like a new one; the pending member's profile is not found; a taken username fails alike", async ({ request, browser }) => {
    const [viaQuatrix, viaIam] = [createUser(), createUser()]; // both live in Default
    for (const p of [viaQuatrix, viaIam]) expect((await login(request, p.email, p.password)).status()).toBe(200); // sign-ins and sessions to hide
    const t2 = createUser({ roles: ["admin"], tenant: `T2i ${Date.now().toString(36)}`, createTenant: true });
    const admin2 = await bearer(request, t2.email, t2.password);

    const quatrix = async (email: string) => {
      const res = await request.post(`${Q}/user/create`, { headers: admin2, data: { name: "Given ByAdmin", email } });
      expect(res.status(), await res.text()).toBe(201);
      return res.json();
    };
    const [qKnown, qFresh] = [await quatrix(viaQuatrix.email), await quatrix(uniqueEmail("qfresh"))];
    expect(qKnown.id).toBe(viaQuatrix.id);
    const qSkip = ["id", "email", "unique_login", "created", "modified"];
    expect(without(qKnown, qSkip)).toEqual(without(qFresh, qSkip));

    const username = `taken-${Date.now().toString(36)}`;
    const iam = async (email: string, extra: Record<string, unknown> = {}) => {
      const res = await request.post(`${IAM}/Register`, { headers: admin2, data: { user: { email, firstName: "Given", lastName: "ByAdmin", password: "an-initial-passphrase-9", ...extra } } });
      expect(res.status(), await res.text()).toBe(200);
      return res.json();
    };
    const [iKnown, iFresh] = [await iam(viaIam.email), await iam(uniqueEmail("ifresh"), { username })];
    expect(iKnown.user.id).toBe(viaIam.id);
    const iSkip = ["id", "email", "username", "insertInstant", "lastUpdateInstant", "passwordLastUpdateInstant"];
    expect(without(iKnown.user, iSkip)).toEqual(without(iFresh.user, iSkip));
    expect(iKnown.user.lastLoginInstant).toBeUndefined();
    expect(iKnown.registration).toEqual(iFresh.registration);

    // The pending member's account is not the inviting tenant's to read, on the APIs or the admin pages.
    expect((await request.get(`${Q}/user/metadata/${viaQuatrix.id}`, { headers: admin2 })).status()).toBe(404);
    expect((await request.get(`${Q}/user/metadata/${qFresh.id}`, { headers: admin2 })).status()).toBe(200);
    expect((await request.post(`${IAM}/GetUser`, { headers: admin2, data: { userId: viaIam.id } })).status()).toBe(404);
    const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await ctx.newPage();
    await signIn(page, t2.email, t2.password);
    expect((await page.goto(`/admin/users/${viaQuatrix.id}`))!.status()).toBe(404); // profile, sessions, tokens, MFA, trail
    expect((await page.goto(`/admin/users/${qFresh.id}`))!.status()).toBe(200);
    await ctx.close();

    // Self-registration: a taken username fails the same way whether the address is taken or free.
    const open = createUser({ roles: ["admin"], tenant: `Open u ${Date.now().toString(36)}`, createTenant: true });
    await allowSelfRegistration(open.tenantId);
    const register = (email: string) => request.post(`${IAM}/Register`, { data: { tenantId: open.tenantId, user: { email, username, password: "eve-tries-a-passphrase" } } });
    const [taken, free] = [await register(viaQuatrix.email), await register(uniqueEmail("free"))];
    expect(taken.status()).toBe(409);
    expect(free.status()).toBe(409);
    expect(await taken.json()).toEqual(await free.json());
  });
});
