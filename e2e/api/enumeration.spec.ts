import { execFileSync } from "node:child_process";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { bearer, IAM } from "../support/api";
import { ADMIN_STATE, createUser, E2E_ENV, outboxLink, uniqueEmail } from "../support/env";

const Q = "/api/1.0";

/** No API turns self-registration on (only the tenant settings page): flip it in the e2e database. */
function allowSelfRegistration(tenantId: string) {
  const script = `require("better-sqlite3")(process.argv[1]).prepare("update tenants set allow_self_registration = 1 where id = ?").run(process.argv[2])`;
  execFileSync("node", ["-e", script, E2E_ENV.DATABASE_PATH, tenantId], { env: E2E_ENV });
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
    allowSelfRegistration(open.tenantId);
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
