import { expect, test, type Browser, type Page } from "@playwright/test";
import { bearer } from "../support/api";
import { denialsBy, grantSnapshot } from "../support/db-snapshot";
import { ADMIN_STATE, createUser, expectSignedIn, signIn, uniqueEmail } from "../support/env";

/**
 * The escalation rule by server action: the admin UI's real actions (captured from a super admin's
 * page and aborted, as in server-actions-authz.spec.ts) are replayed from the sessions of users who
 * hold one narrow permission, rewritten to give them more. Refused, recorded, nothing changed.
 */
interface Captured {
  url: string;
  headers: Record<string, string>;
  body: string;
}

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

async function narrowUser(browser: Browser, adminH: Record<string, string>, resource: string, action: string) {
  const name = `ui-only-${resource}-${action}-${Date.now().toString(36)}`;
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const role = await ctx.request.post("/api/v1/roles", { headers: adminH, data: { name, permissions: [{ resource, action }] } });
  expect(role.status(), await role.text()).toBe(200);
  const user = createUser({ roles: [name] });
  const page = await ctx.newPage();
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);
  return { ...user, page };
}

test("replayed role, role-shaping and account actions give a narrow holder nothing more", async ({ browser, request }) => {
  // Six users through the CLI and four browser sign-ins: slow on a loaded machine.
  test.setTimeout(150_000);
  const admin = createUser({ roles: ["admin"] });
  const adminH = await bearer(request, admin.email, admin.password);
  const decoy = createUser({ email: uniqueEmail("ui-decoy") });

  const assignRole = await captureAction(browser, `/admin/users/${decoy.id}`, async (page) => {
    await page.getByLabel("Role to assign").selectOption("admin");
    // Keyboard, not a pointer click: only the posted action matters here, not the layout.
    await page.getByRole("button", { name: "Assign", exact: true }).press("Enter");
  });
  const createRole = await captureAction(browser, "/admin/roles", async (page) => {
    await page.getByLabel("Name", { exact: true }).fill("ui-probe");
    await page.getByLabel(/^Default role/).check();
    await page.getByRole("button", { name: "Create role" }).click();
  });
  const updateUser = await captureAction(browser, `/admin/users/${decoy.id}`, async (page) => {
    await page.getByLabel("First name").fill("Probe");
    await page.getByRole("button", { name: "Save" }).click();
  });
  expect(assignRole.body).toContain(decoy.id);
  expect(createRole.body).toContain('"permissions":[]');
  expect(updateUser.body).toContain(decoy.email);

  const roleEditor = await narrowUser(browser, adminH, "Role", "Edit");
  const roleCreator = await narrowUser(browser, adminH, "Role", "Create");
  const userEditor = await narrowUser(browser, adminH, "User", "Edit");
  const attempts = [
    { who: roleEditor, action: assignRole, body: assignRole.body.replaceAll(decoy.id, roleEditor.id), refused: /All\/All/ },
    { who: roleCreator, action: createRole, body: createRole.body.replace('"permissions":[]', '"permissions":[{"resource":"All","action":"All"}]'), refused: /All\/All/ },
    { who: userEditor, action: updateUser, body: updateUser.body.replaceAll(decoy.email, uniqueEmail("takeover")).replaceAll(decoy.id, admin.id), refused: /holds permissions you do not \(All\/All\)/ },
  ];

  const before = grantSnapshot();
  for (const a of attempts) {
    const seen = denialsBy(a.who.id).length;
    const res = await replay(a.who.page, a.action, a.body);
    expect(res.status).toBe(200);
    expect(res.text).toContain('"ok":false');
    expect(res.text).toMatch(a.refused);
    expect(denialsBy(a.who.id)).toHaveLength(seen + 1);
  }
  expect(grantSnapshot()).toEqual(before);

  // The same captures are runnable: replayed by the tenant's admin, the role assignment works.
  const adminCtx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const adminPage = await adminCtx.newPage();
  await signIn(adminPage, admin.email, admin.password);
  await expectSignedIn(adminPage);
  expect((await replay(adminPage, assignRole, assignRole.body)).text).toContain('"ok":true');
});
