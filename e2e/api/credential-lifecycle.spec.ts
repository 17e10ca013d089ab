import { expect, test, type APIRequestContext } from "@playwright/test";
import { bearer, IAM, lockAccount, outboxCode } from "../support/api";
import { createUser, freshStep, totp, uniqueEmail } from "../support/env";

const V1 = "/api/v1";
const Q = "/api/1.0";
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function login(request: APIRequestContext, email: string, password: string) {
  const res = await request.post(`${IAM}/Login`, { data: { loginId: email, password } });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).tokens as { token: string; refreshToken: string };
}

/** Every API credential a user can hold: session token + refresh token, permanent token + refresh token, both temporary tokens. */
async function credentials(request: APIRequestContext, email: string, password: string) {
  const session = await login(request, email, password);
  const perm = await request.post(`${V1}/users/generate-permanent-api-token`, { headers: auth(session.token), data: { password } });
  expect(perm.status(), await perm.text()).toBe(200);
  const permanent = (await perm.json()) as { accessToken: string; refreshToken: string };
  const temp = await request.get(`${V1}/users/generate-tokens`, { headers: auth(session.token) });
  expect(temp.status(), await temp.text()).toBe(200);
  const { privateToken, publicToken } = await temp.json();
  const bearers = { sessionToken: session.token, permanentToken: permanent.accessToken, temporaryPrivate: privateToken.accessToken as string, temporaryPublic: publicToken.accessToken as string };
  for (const token of Object.values(bearers)) expect((await request.get(`${V1}/users/mine`, { headers: auth(token) })).status()).toBe(200);
  return { bearers, sessionRefresh: session.refreshToken, permanentRefresh: permanent.refreshToken };
}

type Creds = Awaited<ReturnType<typeof credentials>>;

/**
 * Dead on the next request: every bearer 401, and neither refresh token is known any more, even to
 * the fresh session `freshToken` of the same user.
 */
async function expectDead(request: APIRequestContext, c: Creds, password: string, freshToken: () => Promise<string>) {
  for (const [kind, token] of Object.entries(c.bearers)) expect((await request.get(`${V1}/users/mine`, { headers: auth(token) })).status(), kind).toBe(401);
  const fresh = { token: await freshToken() };
  const refresh = await request.post(`${V1}/users/refresh-permanent-api-token`, { headers: auth(fresh.token), data: { password, refreshToken: c.permanentRefresh } });
  expect(refresh.status(), "permanent refresh token").toBe(404);
  const sessionRefresh = await request.post(`${IAM}/Logout`, { headers: auth(fresh.token), data: { tokens: { refreshToken: c.sessionRefresh } } });
  expect(sessionRefresh.status(), "session refresh token").toBe(404);
}

/** After an MFA reset or force the user must enrol first; then a full session comes from LoginMfa. */
/** A tenant admin of the default tenant (the first admin may by now belong to several tenants, and Login would ask which). */
async function tenantAdmin(request: APIRequestContext) {
  const admin = createUser({ roles: ["admin"] });
  return bearer(request, admin.email, admin.password);
}

async function enrolAndSignIn(request: APIRequestContext, user: { id: string; email: string; password: string }) {
  const pending = await login(request, user.email, user.password);
  const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  await freshStep();
  const enrol = await request.post(`${IAM}/EnableUserMfa`, { headers: auth(pending.token), data: { userId: user.id, secret, code: totp(secret) } });
  expect(enrol.status(), await enrol.text()).toBe(200);
  const first = await request.post(`${IAM}/Login`, { data: { loginId: user.email, password: user.password } });
  const done = await request.post(`${IAM}/LoginMfa`, { data: { twoFactorId: (await first.json()).twoFactorId, code: totp(secret, 1) } });
  expect(done.status(), await done.text()).toBe(200);
  return (await done.json()).tokens.token as string;
}


test.describe("credential lifecycle matrix (API credentials)", () => {
  test("password change from another session ends every other credential", async ({ request }) => {
    const user = createUser();
    const c = await credentials(request, user.email, user.password);
    const changer = await login(request, user.email, user.password);
    const res = await request.put(`${V1}/users/${encodeURIComponent(user.email)}/password`, {
      headers: auth(changer.token),
      data: { oldPassword: user.password, newPassword: "lifecycle-new-passphrase-1", confirmNewPassword: "lifecycle-new-passphrase-1" },
    });
    expect(res.status(), await res.text()).toBe(200);
    await expectDead(request, c, "lifecycle-new-passphrase-1", async () => (await login(request, user.email, "lifecycle-new-passphrase-1")).token);
    expect((await request.get(`${V1}/users/mine`, { headers: auth(changer.token) })).status()).toBe(200);
  });

  test("password reset", async ({ request }) => {
    const user = createUser();
    const c = await credentials(request, user.email, user.password);
    expect((await request.post(`${V1}/users/password-reset/request-reset-code`, { data: { email: user.email } })).status()).toBe(200);
    const update = await request.post(`${V1}/users/password-reset/password-update`, { data: { passwordResetCode: await outboxCode(test.info().project.use.baseURL!, user.email), newPassword: "lifecycle-reset-passphrase-2" } });
    expect(update.status(), await update.text()).toBe(200);
    await expectDead(request, c, "lifecycle-reset-passphrase-2", async () => (await login(request, user.email, "lifecycle-reset-passphrase-2")).token);
  });

  test("global logout (IamBackoffice Logout global: true)", async ({ request }) => {
    const user = createUser();
    const c = await credentials(request, user.email, user.password);
    const out = await request.post(`${IAM}/Logout`, { headers: auth(c.bearers.sessionToken), data: { global: true } });
    expect(await out.json()).toEqual({ success: true });
    await expectDead(request, c, user.password, async () => (await login(request, user.email, user.password)).token);
  });

  test("admin MFA reset and admin MFA force", async ({ request }) => {
    const admin = await tenantAdmin(request);
    for (const [path, data] of [["reset-mfa", { auth_type: "2FA" }], ["set-mfa", { auth_type: "2FA", code: "-" }]] as const) {
      const user = createUser();
      const c = await credentials(request, user.email, user.password);
      const res = await request.post(`${Q}/user/${path}`, { headers: admin, data: { ids: [user.id], ...data } });
      expect(res.status(), await res.text()).toBe(200);
      await expectDead(request, c, user.password, () => enrolAndSignIn(request, user));
    }
  });

  test("deactivate, then reactivate: nothing comes back", async ({ request }) => {
    const admin = await tenantAdmin(request);
    const user = createUser();
    const c = await credentials(request, user.email, user.password);
    for (const status of ["D", "A"]) expect((await request.post(`${Q}/user/edit`, { headers: admin, data: { ids: [user.id], status } })).status()).toBe(200);
    await expectDead(request, c, user.password, async () => (await login(request, user.email, user.password)).token);
  });
});

test.describe("step-up for one's own credentials", () => {
  test("API tokens cannot change their own email or add MFA; a fresh session token can", async ({ request }) => {
    const user = createUser();
    const c = await credentials(request, user.email, user.password);
    const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    for (const token of [c.bearers.permanentToken, c.bearers.temporaryPrivate]) {
      const edit = await request.post(`${Q}/user/edit`, { headers: auth(token), data: { ids: [user.id], email: uniqueEmail("stolen") } });
      expect(edit.status()).toBe(403);
      expect((await edit.json()).msg).toMatch(/sign in again/);
      await freshStep();
      const enrol = await request.post(`${IAM}/EnableUserMfa`, { headers: auth(token), data: { userId: user.id, secret, code: totp(secret) } });
      expect(enrol.status()).toBe(403);
      expect((await enrol.json()).message).toMatch(/session token/);
    }
    const unchanged = await request.get(`${V1}/users/mine`, { headers: auth(c.bearers.sessionToken) });
    expect(JSON.stringify(await unchanged.json())).toContain(user.email);

    const next = uniqueEmail("moved");
    const edit = await request.post(`${Q}/user/edit`, { headers: auth(c.bearers.sessionToken), data: { ids: [user.id], email: next } });
    expect(edit.status(), await edit.text()).toBe(200);
    await freshStep();
    const enrol = await request.post(`${IAM}/EnableUserMfa`, { headers: auth(c.bearers.sessionToken), data: { userId: user.id, secret, code: totp(secret) } });
    expect(enrol.status(), await enrol.text()).toBe(200);
  });
});

test.describe("nobody can lock a user out (API)", () => {
  test("8 parallel correct sign-ins of one account all answer 200", async ({ request }) => {
    const user = createUser();
    const answers = await Promise.all(Array.from({ length: 8 }, () => request.post(`${IAM}/Login`, { data: { loginId: user.email, password: user.password } })));
    expect(answers.map((a) => a.status())).toEqual(Array(8).fill(200));
  });

  test("an attacker's failures lock the account for the API; a password reset lifts the lock", async ({ request }) => {
    const user = createUser();
    test.setTimeout(90_000);
    await lockAccount(request, user.email);
    expect((await request.post(`${IAM}/Login`, { data: { loginId: user.email, password: user.password } })).status()).toBe(429);
    await request.post(`${V1}/users/password-reset/request-reset-code`, { data: { email: user.email } });
    const update = await request.post(`${V1}/users/password-reset/password-update`, { data: { passwordResetCode: await outboxCode(test.info().project.use.baseURL!, user.email), newPassword: "unlocked-passphrase-3" } });
    expect(update.status(), await update.text()).toBe(200);
    expect((await request.post(`${IAM}/Login`, { data: { loginId: user.email, password: "unlocked-passphrase-3" } })).status()).toBe(200);
  });

  test("password guesses through a stolen permanent token spend the account's sign-in guesses", async ({ request }) => {
    const user = createUser();
    const { bearers } = await credentials(request, user.email, user.password);
    const guess = (i: number) =>
      request.put(`${V1}/users/${encodeURIComponent(user.email)}/password`, {
        headers: auth(bearers.permanentToken),
        data: { oldPassword: `stolen-token-guess-${i}`, newPassword: "attacker-passphrase-9", confirmNewPassword: "attacker-passphrase-9" },
      });
    // Guess until the lock is long enough that the sign-in right after certainly falls inside it.
    for (let i = 0; ; i++) {
      expect(i, "the password re-entry never locked").toBeLessThan(30);
      const res = await guess(i);
      if (res.status() !== 429) continue;
      const retry = Number(res.headers()["retry-after"]);
      if (retry >= 4) break;
      await new Promise((r) => setTimeout(r, retry * 1000 + 100));
    }
    expect((await request.post(`${IAM}/Login`, { data: { loginId: user.email, password: user.password } })).status()).toBe(429);
  });
});
