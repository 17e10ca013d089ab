import { expect, request, type APIRequestContext } from "@playwright/test";
import { ADMIN_STATE, createUser } from "./env";

export const IAM = "/api/iambackoffice.IamBackoffice";

/** Signs in over IamBackoffice and returns an Authorization header for the session token. */
export async function bearer(request: APIRequestContext, email: string, password: string) {
  const res = await request.post(`${IAM}/Login`, { data: { loginId: email, password } });
  expect(res.status(), await res.text()).toBe(200);
  const token = (await res.json()).tokens.token as string;
  return { Authorization: `Bearer ${token}` };
}

/** A tenant admin, a plain member of the same tenant, and an admin of another tenant. */
export async function actors(request: APIRequestContext) {
  const admin = createUser({ roles: ["admin"] });
  const member = createUser();
  const otherTenant = `Other ${Date.now().toString(36)}`;
  const foreign = createUser({ roles: ["admin"], tenant: otherTenant, createTenant: true });
  return {
    admin: { ...admin, h: await bearer(request, admin.email, admin.password) },
    member: { ...member, h: await bearer(request, member.email, member.password) },
    foreign: { ...foreign, h: await bearer(request, foreign.email, foreign.password) },
  };
}

/**
 * Fails sign-ins of `loginId` until the account is locked for at least `seconds` (waiting out the
 * shorter locks on the way, which is how the delay doubles), as an attacker guessing would.
 */
export async function lockAccount(request: APIRequestContext, loginId: string, seconds = 16) {
  for (let i = 0; i < 30; i++) {
    const res = await request.post(`${IAM}/Login`, { data: { loginId, password: `attacker-guess-${i}` } });
    if (res.status() !== 429) continue;
    const retry = Number(res.headers()["retry-after"]);
    if (retry >= seconds) return;
    await new Promise((r) => setTimeout(r, retry * 1000 + 100));
  }
  throw new Error(`${loginId} was never locked for ${seconds} s`);
}

/** The code of the newest mail to `to`, read by the super admin on the Outbox page (mail is written after the answer: poll). */
export async function outboxCode(baseURL: string, to: string, pattern = /Code: ([A-Za-z0-9_-]+)/) {
  const ctx = await request.newContext({ baseURL, storageState: ADMIN_STATE });
  let code: string | undefined;
  await expect
    .poll(async () => (code = (await (await ctx.get(`/admin/outbox?q=${encodeURIComponent(to)}`)).text()).match(pattern)?.[1]), { timeout: 15_000 })
    .toBeTruthy();
  await ctx.dispose();
  return code!;
}
