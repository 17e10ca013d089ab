import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { bearer, IAM } from "../support/api";
import { ADMIN, ADMIN_STATE, createUser, expectSignedIn, hydrated, outboxLink, signIn } from "../support/env";
import { sqlGet, sqlRun } from "../support/sql";

const V1 = "/api/v1";
const tag = () => Date.now().toString(36);

async function failPassword(request: APIRequestContext, email: string) {
  expect((await request.post(`${IAM}/Login`, { data: { loginId: email, password: "not-the-password" } })).status()).toBe(401);
}

/** The super admin's token in the Default tenant (they belong to several once other specs add tenants). */
async function adminBearer(request: APIRequestContext) {
  const tenantId = (await sqlGet<{ id: string }>("SELECT id FROM tenants WHERE name = $1", ["Default"]))!.id;
  const res = await request.post(`${IAM}/Login`, { data: { loginId: ADMIN.email, password: ADMIN.password, tenantId } });
  expect(res.status(), await res.text()).toBe(200);
  return { Authorization: `Bearer ${(await res.json()).tokens.token as string}` };
}

/** A role holding exactly these permissions, created by the super admin over the API. */
async function roleWith(request: APIRequestContext, permissions: { resource: string; action: string }[]) {
  const name = `narrow-${tag()}`;
  const res = await request.post(`${V1}/roles`, { headers: await adminBearer(request), data: { name, description: "e2e", defaultRole: false, permissions } });
  expect(res.status(), await res.text()).toBe(200);
  return name;
}

const confirm = (page: Page, name: string) => page.getByRole("alertdialog").getByRole("button", { name, exact: true }).click();

test.describe("home page", () => {
  test("an admin lands on the dashboard of their tenant, with figures that follow known events", async ({ page, request }) => {
    test.slow(); // several sign-ins (argon2) and pages on a shared 2-core machine
    const tenant = `Dash ${tag()}`;
    const admin = createUser({ roles: ["admin"], tenant, createTenant: true });
    const active = createUser({ tenant });
    const disabled = createUser({ tenant });
    createUser(); // in another tenant (Default): counted nowhere here
    await bearer(request, active.email, active.password);
    await bearer(request, active.email, active.password); // the same person twice: one active user, two sign-ins
    await failPassword(request, disabled.email); // before a tenant is chosen: counted for the tenant of its member
    await sqlRun("UPDATE users SET active = $1 WHERE id = $2", [false, disabled.id]);

    await signIn(page, admin.email, admin.password);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Welcome/);
    await expect(page.getByTestId("stat-users")).toHaveText("3");
    await expect(page.getByTestId("stat-disabled")).toHaveText("1");
    await expect(page.getByTestId("stat-active7")).toHaveText("2"); // the member and this admin
    await expect(page.getByTestId("stat-mfa")).toHaveText("0 %");
    await expect(page.getByTestId("sign-ins-totals")).toHaveText("3 successful, 1 failed");
    const today = page.getByTestId("sign-ins-day").last();
    await expect(today.locator("td")).toHaveText(["3", "1"]);
    // The server draws the bars; the interactive chart (Recharts, for tooltips) replaces them when
    // the pointer first reaches them.
    const chart = page.getByTestId("sign-ins-chart");
    await expect(chart.getByTestId("sign-ins-bars")).toBeVisible();
    await expect(chart).toContainText(/Sign-ins\s*Failed\s*$/);
    await expect(page.locator(".recharts-bar-rectangle")).toHaveCount(0);
    await hydrated(chart);
    await chart.hover();
    await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();
    await expect(chart.getByTestId("sign-ins-bars")).toHaveCount(0);
    // The legend keeps the server's order (the bars' order), not Recharts' alphabetical one.
    await expect(chart.locator(".recharts-legend-wrapper")).toHaveText(/Sign-ins\s*Failed/);

    await expect(page.getByTestId("check-mail")).toHaveAttribute("data-done", "false");
    await expect(page.getByTestId("check-mfa")).toHaveAttribute("data-done", "false");
    await expect(page.getByTestId("check-admin")).toHaveAttribute("data-done", "false");
    await expect(page.getByTestId("check-policy")).toHaveAttribute("data-done", "false");
    await page.getByRole("button", { name: "Mark policy as reviewed" }).click();
    await expect(page.getByText("Password policy marked as reviewed")).toBeVisible();
    await expect(page.getByTestId("check-policy")).toHaveAttribute("data-done", "true");
    await expect(page.getByTestId("checklist-progress")).toHaveText("1 of 4 done");
    createUser({ roles: ["admin"], tenant });
    await page.reload();
    await expect(page.getByTestId("check-policy")).toHaveAttribute("data-done", "true");
    await expect(page.getByTestId("check-admin")).toHaveAttribute("data-done", "true");

    const recent = page.getByTestId("recent-event");
    await expect(recent.filter({ hasText: "Signed in" }).getByRole("link", { name: active.email }).first()).toHaveAttribute("href", `/admin/users/${active.id}`);
  });

  test("a member lands on their account summary", async ({ page }) => {
    const member = createUser();
    await signIn(page, member.email, member.password);
    await expect(page).toHaveURL(/\/$/);
    await expectSignedIn(page);
    await expect(page.getByTestId("summary-mfa-status")).toHaveText("Off");
    await expect(page.getByTestId("summary-sessions-count")).toHaveText("1");
    await expect(page.getByTestId("summary-vault-count")).toHaveText("0");
    await expect(page.getByTestId("stat-users")).toHaveCount(0);
    await expect(page.getByText("Getting started")).toHaveCount(0);
    await page.getByRole("link", { name: "Set up two-factor" }).click();
    await expect(page).toHaveURL(/\/account\/mfa$/);
  });

  test("an auditor without User/Read sees sign-ins and events but no user figures", async ({ browser, request }) => {
    const auditor = createUser({ roles: [await roleWith(request, [{ resource: "Audit", action: "Read" }])] });
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await signIn(page, auditor.email, auditor.password);
    await expect(page.getByTestId("sign-ins-totals")).toBeVisible();
    await expect(page.getByTestId("stat-users")).toHaveCount(0);
    await expect(page.getByText("Getting started")).toHaveCount(0);
    await ctx.close();
  });
});

test.describe("user detail", () => {
  test.use({ storageState: ADMIN_STATE });

  test("delete asks first, naming the user, then runs as a job", async ({ page }) => {
    const u = createUser();
    await page.goto(`/admin/users/${u.id}`);
    await page.getByRole("button", { name: "Delete user" }).click();
    await expect(page.getByRole("alertdialog")).toContainText(`Delete ${u.email}?`);
    await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
    await page.reload();
    await page.getByRole("button", { name: "Delete user" }).click();
    await confirm(page, "Delete user");
    await expect(page).toHaveURL(/\/admin\/jobs\//);
    await expect(page.getByText(`Deleting ${u.email}`)).toBeVisible();
    await expect(async () => expect((await page.request.get(`/admin/users/${u.id}`)).status()).toBe(404)).toPass({ timeout: 15_000 });
  });

  test("send a password reset email: it is queued with a working link", async ({ page, browser }) => {
    test.slow(); // several sign-ins (argon2) and pages on a shared 2-core machine
    const u = createUser();
    await page.goto(`/admin/users/${u.id}`);
    await page.getByRole("button", { name: "Send password reset email" }).click();
    await expect(page.getByRole("alertdialog")).toContainText(`Send a password reset email to ${u.email}?`);
    await confirm(page, "Send reset email");
    await expect(page.getByText(`Password reset email sent to ${u.email}`)).toBeVisible();
    const link = await outboxLink(browser, u.email, "Reset password");
    const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const p = await ctx.newPage();
    await p.goto(link);
    await p.getByLabel("New password", { exact: true }).fill("reset-by-admin-passphrase");
    await p.getByLabel("Confirm new password").fill("reset-by-admin-passphrase");
    await p.getByRole("button", { name: /Set password|Reset password/ }).click();
    await expect(p).toHaveURL(/\/login/);
    await signIn(p, u.email, "reset-by-admin-passphrase");
    await expectSignedIn(p);
    await ctx.close();
    // The audit trail names the action in words.
    await page.reload();
    await expect(page.getByTestId("user-audit")).toContainText("Password reset email sent");
  });

  test("sign out everywhere ends the user's other session", async ({ page, browser }) => {
    test.slow(); // several sign-ins (argon2) and pages on a shared 2-core machine
    const u = createUser();
    const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const theirs = await ctx.newPage();
    await signIn(theirs, u.email, u.password);
    await expectSignedIn(theirs);
    await page.goto(`/admin/users/${u.id}`);
    await expect(page.getByTestId("user-session")).toHaveCount(1);
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page.getByRole("alertdialog")).toContainText(`Sign ${u.email} out everywhere?`);
    await confirm(page, "Sign out everywhere");
    await expect(page.getByText(`${u.email} is signed out everywhere`)).toBeVisible();
    await expect(page.getByTestId("user-session")).toHaveCount(0);
    await theirs.goto("/account");
    await expect(theirs).toHaveURL(/\/login/);
    await ctx.close();
  });

  test("edit groups: add, then remove after a confirmation naming both", async ({ page, request }) => {
    const u = createUser();
    const name = `Ops ${tag()}`;
    const g = await request.post(`${IAM}/CreateGroup`, { headers: await adminBearer(request), data: { name } });
    expect(g.status(), await g.text()).toBe(200);
    await page.goto(`/admin/users/${u.id}`);
    await expect(page.getByTestId("user-groups")).toContainText("none");
    await page.getByLabel("Group to add").selectOption({ label: name });
    await page.getByRole("button", { name: "Add to group" }).click();
    await expect(page.getByText(`${u.email} added to ${name}`)).toBeVisible();
    await expect(page.getByTestId("user-groups")).toContainText(name);
    await page.getByRole("button", { name: `Remove from group ${name}` }).click();
    await expect(page.getByRole("alertdialog")).toContainText(`Remove ${u.email} from ${name}?`);
    await confirm(page, "Remove from group");
    await expect(page.getByTestId("user-groups")).toContainText("none");
  });

  test("your own record says why it is read-only and offers no actions", async ({ page }) => {
    // The oldest account is on the last page by now: search for it.
    await page.goto(`/admin/users?q=${encodeURIComponent(ADMIN.email)}`);
    await page.getByRole("link", { name: ADMIN.email }).first().click();
    await expect(page.getByTestId("own-record")).toContainText("This is your own account, so it is read-only here");
    await expect(page.getByTestId("own-record").getByRole("link", { name: "Two-factor" })).toHaveAttribute("href", "/account/mfa");
    await expect(page.getByRole("button", { name: "Delete user" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Sign out everywhere" })).toHaveCount(0);
    await expect(page.getByLabel("First name")).toBeDisabled();
  });

  test("Reset and Remove MFA are disabled while the user has no method", async ({ page }) => {
    const u = createUser();
    await page.goto(`/admin/users/${u.id}`);
    await expect(page.getByRole("button", { name: "Reset MFA" })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Remove MFA" })).toBeDisabled();
    await expect(page.getByTestId("mfa-no-method")).toBeVisible();
    await page.getByLabel("New PIN").fill("4826");
    await page.getByRole("button", { name: "Set PIN" }).click();
    await expect(page.getByText("PIN set", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Reset MFA" })).toBeEnabled();
    await expect(page.getByRole("button", { name: "Remove MFA" })).toBeEnabled();
  });

  test("without the permission there is no button, and the server refuses", async ({ browser, request }) => {
    const reader = createUser({ roles: [await roleWith(request, [{ resource: "User", action: "Read" }])] });
    const target = createUser();
    const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await ctx.newPage();
    await signIn(page, reader.email, reader.password);
    await page.goto(`/admin/users/${target.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    for (const name of ["Delete user", "Send password reset email", "Sign out everywhere", "Reset MFA"]) await expect(page.getByRole("button", { name })).toHaveCount(0);
    await expect(page.getByLabel("Group to add")).toHaveCount(0);
    await ctx.close();
    // The server side of the same refusal is lib's: lib/users/detail-actions.test.ts.
  });
});

test.describe("audit log", () => {
  test.use({ storageState: ADMIN_STATE });

  test("labels actions, links targets by name and expands a row to its details", async ({ page }) => {
    const u = createUser();
    await sqlRun("UPDATE users SET first_name = $1, last_name = $2, full_name = $3 WHERE id = $4", ["Grace", "Hopper", "Grace Hopper", u.id]);
    await page.goto(`/admin/users/${u.id}`);
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await confirm(page, "Sign out everywhere");
    await expect(page.getByText("Grace Hopper is signed out everywhere")).toBeVisible();

    await page.goto(`/admin/audit?target=${encodeURIComponent(u.id)}&action=session.`);
    const row = page.getByTestId("audit-row").first();
    await expect(row).toContainText("Signed out everywhere");
    await expect(row).toContainText(ADMIN.email);
    await expect(page.getByTestId("audit-details")).toHaveCount(0);
    await row.getByRole("button", { name: "Show details: Signed out everywhere" }).click();
    const details = page.getByTestId("audit-details");
    await expect(details).toContainText("session.revoked_all");
    await expect(details).toContainText(u.id);
    await expect(details).toContainText("tokensRevoked");
    await row.getByRole("button", { name: "Hide details: Signed out everywhere" }).click();
    await expect(details).toHaveCount(0);
    await row.getByRole("link", { name: "Grace Hopper" }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/users/${u.id}$`));
  });

  test("a failed second factor names the person who tried", async ({ page, request }) => {
    const u = createUser();
    await page.goto(`/admin/users/${u.id}`);
    await page.getByLabel("New PIN").fill("5937");
    await page.getByRole("button", { name: "Set PIN" }).click();
    // The toast; the refreshed page's activity list may already show "PIN set by admin" as well.
    await expect(page.getByText("PIN set", { exact: true })).toBeVisible();
    const login = await request.post(`${IAM}/Login`, { data: { loginId: u.email, password: u.password } });
    const { twoFactorId } = await login.json();
    expect(twoFactorId).toBeTruthy();
    expect((await request.post(`${IAM}/LoginMfa`, { data: { twoFactorId, code: "0000" } })).status()).toBe(401);

    await page.goto(`/admin/audit?target=${encodeURIComponent(u.id)}&action=login.mfa_failed`);
    const row = page.getByTestId("audit-row").first();
    await expect(row).toContainText("Sign-in failed: wrong second factor");
    await expect(row.getByRole("cell").nth(3)).toHaveText(u.email);
  });
});
