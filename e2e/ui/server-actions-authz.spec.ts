import { expect, test, type Browser, type Page } from "@playwright/test";
import { IAM } from "../support/api";
import { ADMIN_STATE, createUser, expectSignedIn, signIn } from "../support/env";

/**
 * Server actions are public POST endpoints: hiding a button proves nothing. These tests take the
 * real action id and body the admin UI sends (intercepted and aborted, so it never runs), then
 * replay it from other sessions with their own target ids.
 */
interface Captured {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Runs `trigger` in an admin page and captures (without executing) the first server action it posts. */
async function captureAction(browser: Browser, open: string, trigger: (page: Page) => Promise<void>): Promise<Captured> {
  const ctx = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await ctx.newPage();
  let captured: Captured | undefined;
  await page.route("**/*", async (route) => {
    const req = route.request();
    const headers = await req.allHeaders();
    if (req.method() === "POST" && headers["next-action"] && !captured) {
      captured = { url: req.url(), headers, body: req.postData() ?? "" };
      return route.abort();
    }
    return route.continue();
  });
  await page.goto(open);
  await trigger(page);
  await expect.poll(() => captured !== undefined).toBe(true);
  await ctx.close();
  return captured!;
}

/** Posts a captured action from `page`'s session, with the body rewritten. */
async function replay(page: Page, action: Captured, body: string) {
  const res = await page.request.post(action.url, {
    headers: {
      "next-action": action.headers["next-action"]!,
      "next-router-state-tree": action.headers["next-router-state-tree"] ?? "",
      "content-type": action.headers["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: new URL(action.url).origin,
    },
    data: body,
  });
  return { status: res.status(), text: await res.text() };
}

async function signedInPage(browser: Browser, email: string, password: string) {
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await ctx.newPage();
  await signIn(page, email, password);
  await expectSignedIn(page);
  return page;
}

/** The user's roles in the Default tenant and whether they can still sign in, as the API reports them. */
async function state(page: Page, admin: { email: string; password: string }, user: { id: string; email: string; password: string }) {
  const login = await page.request.post(`${IAM}/Login`, { data: { loginId: admin.email, password: admin.password } });
  const token = (await login.json()).tokens?.token as string | undefined;
  const h = { Authorization: `Bearer ${token}` };
  const got = await (await page.request.post(`${IAM}/GetUser`, { headers: h, data: { userId: user.id } })).json();
  const canSignIn = (await page.request.post(`${IAM}/Login`, { data: { loginId: user.email, password: user.password } })).status() === 200;
  return { roles: got.user.registrations[0].roles as string[], canSignIn };
}

test("bulk actions replayed by a member or by another tenant's admin change nothing", async ({ browser }) => {
  const tag = `sa${Date.now().toString(36)}`;
  const decoy = createUser({ email: `${tag}-decoy@example.test` });
  const admin = createUser({ roles: ["admin"] });
  const victim = createUser({ email: `${tag}-victim@example.test` });
  const member = createUser();
  const foreign = createUser({ roles: ["admin"], tenant: `Other ${tag}`, createTenant: true });

  const selectDecoy = async (page: Page, item: string) => {
    await page.getByLabel(`Select ${decoy.email}`).check();
    await page.getByRole("button", { name: /1 selected/ }).click();
    await page.getByRole("menuitem", { name: item }).click();
  };
  const deactivate = await captureAction(browser, `/admin/users?q=${tag}-decoy`, async (page) => {
    await selectDecoy(page, "Deactivate");
    await page.getByRole("dialog").getByRole("button", { name: "Deactivate 1 user" }).click();
  });
  const assignRole = await captureAction(browser, `/admin/users?q=${tag}-decoy`, async (page) => {
    await selectDecoy(page, "Assign role…");
    await page.getByRole("dialog").getByLabel("Role").selectOption("admin");
    await page.getByRole("dialog").getByRole("button", { name: "Give the role to 1 user" }).click();
  });
  expect(deactivate.body).toContain(decoy.id);
  expect(assignRole.body).toContain(decoy.id);

  const memberPage = await signedInPage(browser, member.email, member.password);
  const foreignPage = await signedInPage(browser, foreign.email, foreign.password);
  const attempts = [
    { page: memberPage, action: deactivate, body: deactivate.body.replaceAll(decoy.id, victim.id), refused: /User\/Edit|permission|not allowed/i },
    // A member granting themselves the admin role.
    { page: memberPage, action: assignRole, body: assignRole.body.replaceAll(decoy.id, member.id), refused: /permission|not allowed/i },
    { page: foreignPage, action: deactivate, body: deactivate.body.replaceAll(decoy.id, victim.id), refused: /not found/i },
    { page: foreignPage, action: assignRole, body: assignRole.body.replaceAll(decoy.id, victim.id), refused: /not found/i },
  ];
  for (const a of attempts) {
    const res = await replay(a.page, a.action, a.body);
    expect(res.status).toBe(200);
    expect(res.text).toContain('"ok":false');
    expect(res.text).toMatch(a.refused);
  }

  expect(await state(memberPage, admin, victim)).toEqual({ roles: [], canSignIn: true });
  expect(await state(memberPage, admin, { ...member })).toEqual({ roles: [], canSignIn: true });
  expect(await state(memberPage, admin, decoy)).toEqual({ roles: [], canSignIn: true });

  // The same replay by the tenant's own admin does work: the capture is a real, runnable action.
  const adminPage = await signedInPage(browser, admin.email, admin.password);
  const ok = await replay(adminPage, deactivate, deactivate.body.replaceAll(decoy.id, victim.id));
  expect(ok.text).toContain('"ok":true');
  expect((await state(adminPage, admin, victim)).canSignIn).toBe(false);
});
