import { expect, test, type APIRequestContext } from "@playwright/test";
import { createUser, totpUses } from "../support/env";
import { sqlRun } from "../support/sql";

const IAM = "/api/iambackoffice.IamBackoffice";

async function login(request: APIRequestContext, loginId: string, password: string) {
  return request.post(`${IAM}/Login`, { data: { loginId, password } });
}

test.describe("IamBackoffice sign-in and MFA", () => {
  test("Login returns tokens and the user; the token authenticates; Logout revokes it", async ({ request }) => {
    const user = createUser();
    const res = await login(request, user.email, user.password);
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.tokens.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.tokens.refreshToken).toBeTruthy();
    expect(body.user).toMatchObject({ id: user.id, email: user.email, active: true });
    expect(body.user.password).toBeUndefined();
    expect(body.user.insertInstant).toMatch(/^\d{13}$/);
    expect(body.tenantId).toBe(user.tenantId);
    const auth = { Authorization: `Bearer ${body.tokens.token}` };

    const secret = await request.post(`${IAM}/GenerateSecretForQR`, { headers: auth, data: {} });
    expect(secret.status()).toBe(200);
    expect((await secret.json()).secret).toMatch(/^[A-Z2-7]{32}$/);

    const out = await request.post(`${IAM}/Logout`, { headers: auth, data: { global: false, tokens: { token: body.tokens.token } } });
    expect(await out.json()).toEqual({ success: true });
    const after = await request.post(`${IAM}/GenerateSecretForQR`, { headers: auth, data: {} });
    expect(after.status()).toBe(401);
    expect(await after.json()).toMatchObject({ code: 16, message: expect.any(String), details: [] });
  });

  test("wrong password and unknown login answer 401 RpcStatus with the same message", async ({ request }) => {
    const user = createUser();
    const a = await login(request, user.email, "wrong-password-here");
    const b = await login(request, "nobody-at-all@example.test", "wrong-password-here");
    expect(a.status()).toBe(401);
    expect(b.status()).toBe(401);
    expect((await a.json()).message).toBe((await b.json()).message);
    expect(await a.json()).toEqual({ code: 16, message: "Invalid email or password", details: [] });
  });

  test("invalid input is a 400 RpcStatus naming the field; bad JSON too", async ({ request }) => {
    const res = await request.post(`${IAM}/Login`, { data: { password: "x" } });
    expect(res.status()).toBe(400);
    expect(await res.json()).toMatchObject({ code: 3, message: expect.stringContaining("loginId") });
    const raw = await request.post(`${IAM}/Login`, { headers: { "content-type": "application/json" }, data: "{not json" });
    expect(raw.status()).toBe(400);
    expect((await raw.json()).code).toBe(3);
  });

  test("repeated failures give 429 with Retry-After", async ({ request }) => {
    const user = createUser();
    for (let i = 0; i < 5; i++) await login(request, user.email, `bad-password-${i}`);
    const res = await login(request, user.email, user.password);
    expect(res.status()).toBe(429);
    expect(Number(res.headers()["retry-after"])).toBeGreaterThan(0);
    expect((await res.json()).code).toBe(8);
  });

  test("EnableUserMfa → Login asks for MFA → LoginMfa; DisableUserMfa needs a valid code", async ({ request }) => {
    const user = createUser();
    const first = await (await login(request, user.email, user.password)).json();
    const auth = { Authorization: `Bearer ${first.tokens.token}` };
    const { secret } = await (await request.post(`${IAM}/GenerateSecretForQR`, { headers: auth, data: {} })).json();

    const bad = await request.post(`${IAM}/EnableUserMfa`, { headers: auth, data: { userId: user.id, secret, code: "000000" } });
    expect(bad.status()).toBe(400);
    const nextCode = totpUses(secret);
    const enabled = await request.post(`${IAM}/EnableUserMfa`, { headers: auth, data: { userId: user.id, secret, code: await nextCode() } });
    expect(await enabled.json()).toEqual({ success: true });

    const pending = await (await login(request, user.email, user.password)).json();
    expect(pending.tokens).toBeUndefined();
    expect(pending.twoFactorId).toBeTruthy();
    expect(pending.methods).toEqual([expect.objectContaining({ method: "authenticator", authenticator: { algorithm: "HmacSHA1", codeLength: 6, timeStep: 30 } })]);

    const wrong = await request.post(`${IAM}/LoginMfa`, { data: { twoFactorId: pending.twoFactorId, code: "111111" } });
    expect(wrong.status()).toBe(401);
    const done = await request.post(`${IAM}/LoginMfa`, { data: { twoFactorId: pending.twoFactorId, code: await nextCode() } });
    expect(done.status()).toBe(200);
    const session = await done.json();
    expect(session.tokens.token).toBeTruthy();

    const methodId = pending.methods[0].id;
    const auth2 = { Authorization: `Bearer ${session.tokens.token}` };
    const refused = await request.post(`${IAM}/DisableUserMfa`, { headers: auth2, data: { userId: user.id, methodId, code: "222222" } });
    expect(refused.status()).toBe(400);
    const disabled = await request.post(`${IAM}/DisableUserMfa`, { headers: auth2, data: { userId: user.id, methodId, code: await nextCode() } });
    expect(await disabled.json()).toEqual({ success: true });
    expect((await (await login(request, user.email, user.password)).json()).tokens).toBeTruthy();
  });

  test("Logout with global ends every session of the user", async ({ request }) => {
    const user = createUser();
    const a = await (await login(request, user.email, user.password)).json();
    const b = await (await login(request, user.email, user.password)).json();
    const res = await request.post(`${IAM}/Logout`, { headers: { Authorization: `Bearer ${a.tokens.token}` }, data: { global: true } });
    expect(await res.json()).toEqual({ success: true });
    const check = await request.post(`${IAM}/GenerateSecretForQR`, { headers: { Authorization: `Bearer ${b.tokens.token}` }, data: {} });
    expect(check.status()).toBe(401);
  });

  test("a member cannot touch another user's MFA (403)", async ({ request }) => {
    const a = createUser();
    const b = createUser();
    const tok = (await (await login(request, a.email, a.password)).json()).tokens.token;
    const res = await request.post(`${IAM}/EnableUserMfa`, { headers: { Authorization: `Bearer ${tok}` }, data: { userId: b.id, secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", code: "123456" } });
    expect(res.status()).toBe(403);
  });

  test("Login accepts a username as loginId", async ({ request }) => {
    const user = createUser();
    const username = `u${Date.now().toString(36)}`;
    expect(await sqlRun("UPDATE users SET username = $1 WHERE id = $2", [username, user.id])).toBe(1);
    const res = await login(request, username, user.password);
    expect(res.status()).toBe(200);
    expect((await res.json()).user).toMatchObject({ id: user.id, username });
  });

  test("Logout with tokens that match no session is 404 and ends nothing; empty tokens are 400", async ({ request }) => {
    const user = createUser();
    const session = await (await login(request, user.email, user.password)).json();
    const auth = { Authorization: `Bearer ${session.tokens.token}` };
    const unknown = await request.post(`${IAM}/Logout`, { headers: auth, data: { global: false, tokens: { token: "no-such-token" } } });
    expect(unknown.status()).toBe(404);
    expect((await unknown.json()).code).toBe(5);
    const empty = await request.post(`${IAM}/Logout`, { headers: auth, data: { tokens: {} } });
    expect(empty.status()).toBe(400);
    expect((await request.post(`${IAM}/GenerateSecretForQR`, { headers: auth, data: {} })).status()).toBe(200);
    const own = await request.post(`${IAM}/Logout`, { headers: auth, data: {} });
    expect(await own.json()).toEqual({ success: true });
    expect((await request.post(`${IAM}/GenerateSecretForQR`, { headers: auth, data: {} })).status()).toBe(401);
  });
});
