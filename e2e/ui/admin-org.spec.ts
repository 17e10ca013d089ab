import { expect, test } from "@playwright/test";
import { ADMIN_STATE, createUser, expectSignedIn, freshStep, signIn, totp } from "../support/env";

test.describe("as the administrator", () => {
  test.use({ storageState: ADMIN_STATE });

  test("groups: create with data, search by name and by data, members, delete", async ({ page }) => {
    const tag = `g${Date.now().toString(36)}`;
    const member = createUser({ email: `${tag}-m@example.test` });
    await page.goto("/admin/groups");
    await page.getByLabel("Group name").fill(`Engineering ${tag}`);
    await page.getByRole("button", { name: "Add data" }).click();
    await page.getByLabel("Data key 1").fill("costCenter");
    await page.getByLabel("Data value 1").fill(tag);
    await page.getByRole("button", { name: "Create group" }).click();
    await expect(page.getByText(`Group Engineering ${tag} created`)).toBeVisible();
    await page.getByLabel("Group name").fill(`Sales ${tag}`);
    await page.getByRole("button", { name: "Create group" }).click();
    await expect(page.getByText(`Group Sales ${tag} created`)).toBeVisible();

    await page.getByLabel("Search groups by name").fill(tag);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByTestId("group-row")).toHaveCount(2);
    await page.getByLabel("Search groups by name").fill("");
    await page.getByLabel("Search groups by data").fill(`costCenter=${tag}`);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/data=costCenter%3D/);
    await expect(page.getByTestId("group-row")).toHaveCount(1);
    await expect(page.getByTestId("group-row")).toContainText(`Engineering ${tag}`);

    await page.getByRole("link", { name: `Engineering ${tag}` }).click();
    await page.getByLabel("Find a user to add").fill(`${tag}-m`);
    await page.getByRole("button", { name: `Add ${member.email}` }).click();
    await expect(page.getByTestId("group-members")).toContainText(member.email);
    await page.getByRole("button", { name: `Remove ${member.email}` }).click();
    await expect(page.getByTestId("group-members")).toContainText("No members yet.");
    await page.getByRole("button", { name: "Delete group" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
    await expect(page).toHaveURL(/\/admin\/groups$/);
  });

  test("tenants: create, force 2FA sends a member to enrolment first; minimum length enforced; audit shows it", async ({ page, browser }) => {
    const name = `Acme ${Date.now().toString(36)}`;
    await page.goto("/admin/tenants");
    await page.getByLabel("New tenant name").fill(name);
    await page.getByRole("button", { name: "Create tenant" }).click();
    await expect(page).toHaveURL(/\/admin\/tenants\/[0-9a-f-]{36}$/);
    await page.getByLabel("Require two-factor authentication").click();
    await page.getByLabel("Minimum password length").fill("16");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Tenant settings saved")).toBeVisible();

    const user = createUser({ tenant: name });
    const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const u = await ctx.newPage();
    await signIn(u, user.email, user.password);
    await expect(u).toHaveURL(/\/account\/mfa\?required=1/);
    await u.goto("/account/sessions");
    await expect(u).toHaveURL(/\/account\/mfa\?required=1/);
    const secret = (await u.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
    await freshStep();
    await u.getByLabel("6-digit code").fill(totp(secret));
    await u.getByRole("button", { name: "Turn on two-factor" }).click();
    await u.getByRole("button", { name: "Done" }).click();
    await expect(u).toHaveURL(/\/account$/);
    await u.goto("/account/password");
    await u.getByLabel("Current password").fill(user.password);
    await u.getByLabel("New password", { exact: true }).fill("short-pass-12");
    await u.getByLabel("Confirm new password").fill("short-pass-12");
    await u.getByRole("button", { name: "Change password" }).click();
    await expect(u.getByText("Password must be at least 16 characters").first()).toBeVisible();
    await ctx.close();

    await page.goto("/admin/audit?action=tenant.");
    await expect(page.getByTestId("audit-row").filter({ hasText: name }).first()).toBeVisible();
    const csv = await (await page.request.get("/admin/audit/export?action=tenant.")).text();
    expect(csv.split("\n")[0]).toBe("time,tenant,actor,action,target_type,target,ip,data");
    expect(csv).toContain(name);
  });
});

test("roles matrix: a new role with User/Read lets its holder into the users page on the very next request", async ({ browser }) => {
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await admin.newPage();
  const holder = createUser();
  const role = `readers-${Date.now().toString(36)}`;
  await page.goto("/admin/roles");
  await page.getByLabel("Name", { exact: true }).fill(role);
  await page.getByLabel("User Read", { exact: true }).check();
  await page.getByRole("button", { name: "Create role" }).click();
  await expect(page).toHaveURL(/\/admin\/roles\/[0-9a-f-]{36}$/);

  const ctx = await browser.newContext();
  const u = await ctx.newPage();
  await signIn(u, holder.email, holder.password);
  await expectSignedIn(u);
  expect((await u.goto("/admin/users"))?.status()).toBe(404);

  await page.goto(`/admin/users?q=${encodeURIComponent(holder.email)}`);
  await page.getByRole("link", { name: holder.email }).click();
  await page.getByLabel("Role to assign").selectOption(role);
  await page.getByRole("button", { name: "Assign" }).click();
  await expect(page.getByTestId("user-roles")).toContainText(role);

  expect((await u.goto("/admin/users"))?.status()).toBe(200);
  await expect(u.getByRole("button", { name: "Add user" })).toHaveCount(0);

  await page.goto("/admin/roles");
  await page.getByRole("link", { name: role }).click();
  await expect(page).toHaveURL(/\/admin\/roles\/[0-9a-f-]{36}$/);
  await page.getByLabel("User Read", { exact: true }).uncheck();
  await page.getByRole("button", { name: "Save role" }).click();
  await expect(page.getByText(/Role saved/)).toBeVisible();
  expect((await u.goto("/admin/users"))?.status()).toBe(404);

  await page.getByRole("button", { name: "Retire role" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Retire" }).click();
  await expect(page).toHaveURL(/\/admin\/roles$/);
  await expect(page.getByTestId("role-row").filter({ hasText: role })).toHaveCount(0);
  await page.getByTestId("toggle-retired").click();
  await expect(page.getByTestId("role-row").filter({ hasText: role })).toContainText("Retired");
  await admin.close();
  await ctx.close();
});
