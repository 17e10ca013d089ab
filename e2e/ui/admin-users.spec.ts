import { expect, test, type APIRequestContext } from "@playwright/test";
import { bearer } from "../support/api";
import { ADMIN_STATE, createUser, expectSignedIn, formAlert, signIn, uniqueEmail, outboxLink } from "../support/env";

test.use({ storageState: ADMIN_STATE });

test("invite a user; they set a password from the Outbox link and are signed in", async ({ page, browser }) => {
  const email = uniqueEmail("invitee");
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "Add user" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("First name").fill("Ivy");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${email}`)).toBeVisible();

  await page.getByRole("button", { name: "Add user" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("dialog").getByText("Email is already taken")).toBeVisible();

  const link = await outboxLink(browser, email, "Set your password");
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const invitee = await ctx.newPage();
  await invitee.goto(link);
  await expect(invitee.getByText(email)).toBeVisible();
  await invitee.getByLabel("New password", { exact: true }).fill("ivy-chooses-a-passphrase");
  await invitee.getByLabel("Confirm new password").fill("ivy-chooses-a-passphrase");
  await invitee.getByRole("button", { name: "Set password" }).click();
  await expectSignedIn(invitee);
  await ctx.close();
});

test("a user created with an initial password must change it at first sign-in", async ({ page, browser }) => {
  const email = uniqueEmail("initial");
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "Add user" }).click();
  await page.getByLabel("Set an initial password").check();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Initial password", { exact: true }).fill("initial-passphrase-42");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText(`User ${email} created`)).toBeVisible();

  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const u = await ctx.newPage();
  await signIn(u, email, "initial-passphrase-42");
  await expect(u).toHaveURL(/\/account\/password\?required=1/);
  await u.goto("/account");
  await expect(u).toHaveURL(/\/account\/password\?required=1/);
  // Just typed at sign-in: not asked again.
  await expect(u.getByLabel("Current password")).toHaveCount(0);
  await u.getByLabel("New password", { exact: true }).fill("my-own-passphrase-43");
  await u.getByLabel("Confirm new password").fill("my-own-passphrase-43");
  await u.getByRole("button", { name: "Change password" }).click();
  await expect(u.getByText(/Password changed/)).toBeVisible();
  await u.goto("/account");
  await expect(u).toHaveURL(/\/account$/);
  await ctx.close();
});

test("search, filter and sort live in the URL and survive a reload; edit a user", async ({ page }) => {
  const tag = `zz${Date.now().toString(36)}`;
  const a = createUser({ email: `${tag}-a@example.test` });
  createUser({ email: `${tag}-b@example.test` });
  await page.goto("/admin/users");
  await page.getByLabel("Search users").fill(tag);
  await expect(page).toHaveURL(new RegExp(`q=${tag}`));
  await expect(page.getByTestId("user-row")).toHaveCount(2);
  await page.getByRole("link", { name: "Email", exact: true }).click();
  await expect(page).toHaveURL(/sort=email&dir=asc|dir=asc.*sort=email/);
  await expect(page.getByTestId("user-row").first()).toContainText(`${tag}-a@`);
  await page.getByRole("link", { name: "Email", exact: true }).click();
  await expect(page.getByTestId("user-row").first()).toContainText(`${tag}-b@`);
  await page.reload();
  await expect(page.getByLabel("Search users")).toHaveValue(tag);
  await expect(page.getByTestId("user-row").first()).toContainText(`${tag}-b@`);

  await page.getByRole("link", { name: a.email }).click();
  await page.getByLabel("First name").fill("Renamed");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("User saved")).toBeVisible();
  await page.getByRole("button", { name: "Require MFA" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Require" }).click();
  await expect(page.getByText("MFA required")).toBeVisible();
  await expect(page.getByTestId("user-audit")).toContainText("Two-factor required by admin");

  await page.goto(`/admin/users?q=${tag}&mfa=no`);
  await expect(page.getByTestId("user-row")).toHaveCount(2);
  await page.goto(`/admin/users?q=${tag}&status=disabled`);
  await expect(page.getByText("No users match these filters.")).toBeVisible();
});

test("bulk deactivate blocks sign-in; bulk delete runs as a job with progress that survives reload; CSV export", async ({ page, browser }) => {
  const tag = `bulk${Date.now().toString(36)}`;
  const users = [createUser({ email: `${tag}-1@example.test` }), createUser({ email: `${tag}-2@example.test` }), createUser({ email: `${tag}-3@example.test` })];
  await page.goto(`/admin/users?q=${tag}`);
  await expect(page.getByTestId("user-row")).toHaveCount(3);
  await page.getByLabel(`Select ${users[0]!.email}`).check();
  await page.getByRole("button", { name: /1 selected/ }).click();
  await page.getByRole("menuitem", { name: "Deactivate" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Deactivate 1 user" }).click();
  await expect(page.getByText("Deactivated 1 user")).toBeVisible();

  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const u = await ctx.newPage();
  await signIn(u, users[0]!.email, users[0]!.password);
  await expect(formAlert(u)).toContainText("disabled");
  await ctx.close();

  const csv = await (await page.request.get(`/admin/users/export?q=${tag}`)).text();
  expect(csv.split("\n")[0]).toBe("id,email,first_name,last_name,username,status,mfa,last_sign_in,created");
  expect(csv).toContain(`"${users[0]!.email}"`);
  expect(csv).toContain('"disabled"');
  expect(csv.trim().split("\n")).toHaveLength(4);

  await page.getByLabel("Select all on this page").check();
  await page.getByRole("button", { name: /3 selected/ }).click();
  await page.getByRole("menuitem", { name: "Delete…" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete 3 users" }).click();
  await expect(page).toHaveURL(/\/admin\/jobs\//);
  await expect(page.getByTestId("job-status")).toHaveText("Finished");
  await expect(page.getByTestId("job-count")).toHaveText("3 of 3 (100%)");
  await page.reload();
  await expect(page.getByTestId("job-count")).toHaveText("3 of 3 (100%)");
  await page.goto(`/admin/users?q=${tag}`);
  await expect(page.getByText("No users match these filters.")).toBeVisible();
});

/** Users in the Default tenant through the Quatrix API: quicker than the CLI when a test needs many. */
let apiAdmin: Promise<Record<string, string>> | undefined;
async function createUsersViaApi(request: APIRequestContext, emails: string[], name: string) {
  apiAdmin ??= (async () => {
    const admin = createUser({ roles: ["admin"] });
    return bearer(request, admin.email, admin.password);
  })();
  const h = await apiAdmin;
  for (const email of emails) {
    const res = await request.post("/api/1.0/user/create", { headers: h, data: { name, email } });
    expect(res.status(), await res.text()).toBe(201);
  }
}

test("bulk on all matching the filter reaches every matching user, beyond the current page", async ({ page, request }) => {
  const tag = `all${Date.now().toString(36)}`;
  await createUsersViaApi(request, Array.from({ length: 11 }, (_, i) => `${tag}-${i}@example.test`), "Bulk Target");
  // Eleven matches, ten per page: one of them is only on page 2.
  await page.goto(`/admin/users?q=${tag}&size=10`);
  await expect(page.getByTestId("user-row")).toHaveCount(10);
  await page.getByLabel("Select all on this page").check();
  await page.getByRole("button", { name: "Select all 11 matching users" }).click();
  await page.getByRole("button", { name: /11 selected/ }).click();
  await page.getByRole("menuitem", { name: "Deactivate" }).click();
  await expect(page.getByRole("dialog")).toContainText("Deactivate all 11 matching user(s)?");
  await page.getByRole("dialog").getByRole("button", { name: "Deactivate 11 users" }).click();
  await expect(page.getByText("Deactivated 11 users")).toBeVisible();
  await page.goto(`/admin/users?q=${tag}&status=disabled&size=25`);
  await expect(page.getByTestId("user-row")).toHaveCount(11);
  await page.goto(`/admin/users?q=${tag}&status=active`);
  await expect(page.getByText("No users match these filters.")).toBeVisible();
});

test("name search ignores case; changing the filter drops the selection", async ({ page, request }) => {
  const tag = `nm${Date.now().toString(36)}`;
  await createUsersViaApi(request, [`${tag}-a@example.test`, `${tag}-b@example.test`], `Grace Hopper${tag.toUpperCase()}`);
  await page.goto(`/admin/users?q=${tag}`);
  await expect(page.getByTestId("user-row")).toHaveCount(2);
  await page.getByTestId("user-row").first().getByRole("checkbox").check();
  await expect(page.getByRole("button", { name: /1 selected/ })).toBeVisible();
  // Emails start with the tag, not "grace": these rows match by name only.
  await page.getByLabel("Search users").fill(`grace hopper${tag}`);
  await expect(page).toHaveURL(/q=grace/);
  await expect(page.getByTestId("user-row")).toHaveCount(2);
  await expect(page.getByTestId("user-row").first()).toContainText(`Grace Hopper${tag.toUpperCase()}`);
  await expect(page.getByRole("button", { name: /selected/ })).toHaveCount(0);
});

test("audit log filters by target and IP and shows the tenant", async ({ page, request }) => {
  const tag = `au${Date.now().toString(36)}`;
  const [one, two] = [`${tag}-1@example.test`, `${tag}-2@example.test`];
  await createUsersViaApi(request, [one, two], "Audit Target");
  await page.goto("/admin/audit");
  await page.getByLabel("Target", { exact: true }).fill(one);
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`target=${encodeURIComponent(one)}`));
  const rows = page.getByTestId("audit-row");
  await expect(rows.filter({ hasText: "User created" })).toHaveCount(1);
  // Targets show by name (both are "Audit Target"); the link's title is the address.
  const n0 = await rows.count();
  expect(await rows.locator("a[title]").evaluateAll((links) => links.map((a) => a.getAttribute("title")))).toEqual(Array(n0).fill(one));
  await expect(rows.first()).toContainText("Default");
  const n = await rows.count();
  const ip = (await rows.first().locator("td").last().innerText()).trim();
  await page.goto(`/admin/audit?target=${encodeURIComponent(one)}&ip=${encodeURIComponent(ip)}`);
  await expect(rows).toHaveCount(n);
  await page.getByLabel("IP", { exact: true }).fill("203.0.113.");
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(page.getByText("No events match.")).toBeVisible();
});

test("removing a role asks first", async ({ page }) => {
  const u = createUser({ roles: ["admin"] });
  await page.goto(`/admin/users/${u.id}`);
  await page.getByRole("button", { name: "Remove role admin" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
  await page.reload();
  await expect(page.getByTestId("user-roles")).toContainText("admin");
  await page.getByRole("button", { name: "Remove role admin" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove" }).click();
  await expect(page.getByText("Role admin removed")).toBeVisible();
  await expect(page.getByTestId("user-roles")).toHaveText("Default role");
});

test("deactivating a user from the profile asks first", async ({ page }) => {
  const u = createUser();
  await page.goto(`/admin/users/${u.id}`);
  await page.getByLabel(/^Active/).uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alertdialog")).toContainText(`Deactivate ${u.email}?`);
  await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
  await page.reload();
  await expect(page.getByLabel(/^Active/)).toBeChecked();
  await page.getByLabel(/^Active/).uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByText("User saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(/^Active/)).not.toBeChecked();
});

test("adding an address that has an account in another tenant shows it as invited until they accept", async ({ page, browser }) => {
  const elsewhere = createUser({ tenant: `Elsewhere ${Date.now().toString(36)}`, createTenant: true });
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "Add user" }).click();
  await page.getByLabel("Email").fill(elsewhere.email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  // The same answer as for a new address: nothing says the account exists.
  await expect(page.getByText(`Invitation sent to ${elsewhere.email}`)).toBeVisible();
  await page.goto(`/admin/users?q=${encodeURIComponent(elsewhere.email)}`);
  const row = page.getByRole("row").filter({ hasText: elsewhere.email });
  await expect(row.getByText("Invited", { exact: true })).toBeVisible();

  const link = await outboxLink(browser, elsewhere.email, "Accept invitation");
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const invitee = await ctx.newPage();
  await invitee.goto(link);
  await invitee.getByRole("button", { name: "Accept invitation" }).click();
  await expect(invitee).toHaveURL(/\/login$/);
  await page.reload();
  await expect(row.getByText("Invited", { exact: true })).toBeVisible(); // accepted, not yet signed in (as a new account would be)
  await signIn(invitee, elsewhere.email, elsewhere.password, "Default");
  await expectSignedIn(invitee);
  await ctx.close();
  await page.reload();
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
});
