import { expect, test, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { bearer, IAM, lockAccount, outboxCode } from "../support/api";
import { createUser, expectSignedIn, formAlert, freshStep, signIn, totp } from "../support/env";

const V1 = "/api/v1";
const Q = "/api/1.0";
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
type User = ReturnType<typeof createUser>;

async function apiLogin(request: APIRequestContext, email: string, password: string) {
  const res = await request.post(`${IAM}/Login`, { data: { loginId: email, password } });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).tokens.token as string;
}

/** Fills the sign-in form without waiting for a redirect (the second-factor step keeps the URL). */
async function submitPassword(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Ends only the browser's session cookie: the device and trusted-device cookies stay, as after a browser restart. */
const dropSession = (context: BrowserContext) => context.clearCookies({ name: "next-auth.session-token" });


/**
 * A user with an authenticator, signed in in this browser with "trust this device", the trust shown
 * to work (a new sign-in skips the code). Returns a session token from before the enrolment, for
 * the events that need one.
 */
async function trustedBrowser(page: Page, request: APIRequestContext, user: User) {
  const secret = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U";
  const sessionToken = await apiLogin(request, user.email, user.password);
  await freshStep();
  const enrol = await request.post(`${IAM}/EnableUserMfa`, { headers: auth(sessionToken), data: { userId: user.id, secret, code: totp(secret) } });
  expect(enrol.status(), await enrol.text()).toBe(200);
  await submitPassword(page, user.email, user.password);
  await page.getByLabel("Code").fill(totp(secret, 1));
  await page.getByLabel("Trust this device for 30 days").check();
  await page.getByRole("button", { name: "Verify" }).click();
  await expectSignedIn(page);
  await dropSession(page.context());
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);
  return sessionToken;
}

const events: [string, (request: APIRequestContext, user: User, sessionToken: string) => Promise<string>][] = [
  [
    "password change",
    async (request, user, sessionToken) => {
      const res = await request.put(`${V1}/users/${encodeURIComponent(user.email)}/password`, {
        headers: auth(sessionToken),
        data: { oldPassword: user.password, newPassword: "ui-lifecycle-passphrase-1", confirmNewPassword: "ui-lifecycle-passphrase-1" },
      });
      expect(res.status(), await res.text()).toBe(200);
      return "ui-lifecycle-passphrase-1";
    },
  ],
  [
    "password reset",
    async (request, user) => {
      await request.post(`${V1}/users/password-reset/request-reset-code`, { data: { email: user.email } });
      const res = await request.post(`${V1}/users/password-reset/password-update`, { data: { passwordResetCode: await outboxCode(test.info().project.use.baseURL!, user.email), newPassword: "ui-lifecycle-passphrase-2" } });
      expect(res.status(), await res.text()).toBe(200);
      return "ui-lifecycle-passphrase-2";
    },
  ],
  [
    "global logout",
    async (request, user, sessionToken) => {
      const res = await request.post(`${IAM}/Logout`, { headers: auth(sessionToken), data: { global: true } });
      expect(res.status()).toBe(200);
      return user.password;
    },
  ],
  [
    "deactivate and reactivate",
    async (request, user) => {
      const admin = await tenantAdmin(request);
      for (const status of ["D", "A"]) expect((await request.post(`${Q}/user/edit`, { headers: admin, data: { ids: [user.id], status } })).status()).toBe(200);
      return user.password;
    },
  ],
];

/** A tenant admin of the default tenant (the first admin may by now belong to several tenants, and Login would ask which). */
async function tenantAdmin(request: APIRequestContext) {
  const admin = createUser({ roles: ["admin"] });
  return bearer(request, admin.email, admin.password);
}

test.describe("credential lifecycle matrix (browser session, trusted-device cookie)", () => {
  for (const [name, event] of events) {
    test(`${name} ends the browser session and the trusted device`, async ({ page, request }) => {
      const user = createUser();
      const sessionToken = await trustedBrowser(page, request, user);
      const password = await event(request, user, sessionToken);
      await page.goto("/account");
      await expect(page).toHaveURL(/\/login/);
      await submitPassword(page, user.email, password);
      await expect(page.getByLabel("Code")).toBeVisible();
    });
  }

  test("admin MFA reset ends the browser session; the next sign-in must enrol again", async ({ page, request }) => {
    const user = createUser();
    await trustedBrowser(page, request, user);
    const res = await request.post(`${Q}/user/reset-mfa`, { headers: await tenantAdmin(request), data: { ids: [user.id], auth_type: "2FA" } });
    expect(res.status(), await res.text()).toBe(200);
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login/);
    await signIn(page, user.email, user.password);
    await expect(page).toHaveURL(/\/account\/mfa\?required=1/);
  });
});

test.describe("nobody can lock a user out (browser)", () => {
  test("an attacker's failures do not stop the owner's known browser; other browsers stay locked", async ({ page, request, browser }) => {
    const user = createUser();
    await signIn(page, user.email, user.password);
    await expectSignedIn(page);
    await dropSession(page.context());

    test.setTimeout(90_000);
    await lockAccount(request, user.email);
    const correctOverApi = async () => (await request.post(`${IAM}/Login`, { data: { loginId: user.email, password: user.password } })).status();
    expect(await correctOverApi()).toBe(429);

    const stranger = await browser.newPage();
    await submitPassword(stranger, user.email, user.password);
    await expect(formAlert(stranger)).toHaveText(/Try again in \d+ s/);
    await stranger.close();

    await signIn(page, user.email, user.password);
    await expectSignedIn(page);
    // Still locked afterwards, so it was locked while the owner signed in.
    expect(await correctOverApi()).toBe(429);
  });

  test("a device cookie from before sign out everywhere no longer gets past the lock", async ({ page, request }) => {
    const user = createUser();
    await signIn(page, user.email, user.password);
    await expectSignedIn(page);
    await dropSession(page.context());
    const sessionToken = await apiLogin(request, user.email, user.password);
    expect((await request.post(`${IAM}/Logout`, { headers: auth(sessionToken), data: { global: true } })).status()).toBe(200);

    // Long enough for the one sign-in that follows.
    await lockAccount(request, user.email, 8);
    await submitPassword(page, user.email, user.password);
    await expect(formAlert(page)).toHaveText(/Try again in \d+ s/);
  });
});
