import { expect, test, type Page } from "@playwright/test";
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
    await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByTestId("group-members")).toContainText(member.email);
    await page.getByRole("button", { name: `Remove ${member.email}` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Remove" }).click();
    await expect(page.getByTestId("group-members")).toContainText("No members yet.");
    await page.getByRole("button", { name: "Delete group" }).click();
    await expect(page.getByRole("alertdialog")).toContainText(`Delete the group “Engineering ${tag}”?`);
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete group" }).click();
    await expect(page).toHaveURL(/\/admin\/groups$/);
  });

  test("groups: a system group has no delete button and the server refuses to delete it", async ({ page }) => {
    const tag = `sg${Date.now().toString(36)}`;
    await page.goto("/admin/groups");
    await page.getByLabel("Group name").fill(`Plain ${tag}`);
    await page.getByRole("button", { name: "Create group" }).click();
    await expect(page.getByText(`Group Plain ${tag} created`)).toBeVisible();
    await page.getByLabel("Group name").fill(`Everyone ${tag}`);
    await page.getByLabel("System group (cannot be deleted)").check();
    await page.getByRole("button", { name: "Create group" }).click();
    await expect(page.getByText(`Group Everyone ${tag} created`)).toBeVisible();
    await expect(page.getByTestId("group-row").filter({ hasText: `Everyone ${tag}` })).toContainText("System");
    await expect(page.getByTestId("group-row").filter({ hasText: `Plain ${tag}` })).not.toContainText("System");

    await page.getByRole("link", { name: `Everyone ${tag}` }).click();
    await expect(page).toHaveURL(/\/admin\/groups\/[0-9a-f-]{36}$/);
    const systemId = page.url().split("/").pop()!;
    await expect(page.getByTestId("system-badge")).toBeVisible();
    await expect(page.getByRole("button", { name: "Delete group" })).toHaveCount(0);

    // Take the real delete action from the ordinary group (aborted, so it never runs) and post it for the system group.
    await page.goto("/admin/groups");
    await page.getByRole("link", { name: `Plain ${tag}` }).click();
    await expect(page).toHaveURL(/\/admin\/groups\/[0-9a-f-]{36}$/);
    const plainId = page.url().split("/").pop()!;
    const captured = await captureAction(page, async () => {
      await page.getByRole("button", { name: "Delete group" }).click();
      await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
    });
    expect(captured.body).toContain(plainId);
    const res = await page.request.post(captured.url, { headers: captured.headers, data: captured.body.replaceAll(plainId, systemId) });
    const text = await res.text();
    expect(text).toContain('"ok":false');
    expect(text).toContain("System groups cannot be deleted");
    expect((await page.goto(`/admin/groups/${systemId}`))?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: `Everyone ${tag}` })).toBeVisible();
  });

  test("roles: the built-in admin role's description can change; its All/All matrix is read-only", async ({ page }) => {
    const description = `Full administration (${Date.now().toString(36)})`;
    await page.goto("/admin/roles");
    await page.getByRole("link", { name: "admin", exact: true }).click();
    await expect(page).toHaveURL(/\/admin\/roles\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("admin-matrix-note")).toBeVisible();
    await expect(page.getByLabel("All All", { exact: true })).toBeChecked();
    await expect(page.getByLabel("All All", { exact: true })).toBeDisabled();
    await expect(page.getByTestId("role-permissions")).toContainText("All/All");
    await expect(page.getByTestId("role-permissions").getByRole("button", { name: /Revoke/ })).toHaveCount(0);
    await page.getByLabel("Description").fill(description);
    await page.getByRole("button", { name: "Save role" }).click();
    await expect(page.getByText(/Role saved/)).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Description")).toHaveValue(description);
    await expect(page.getByLabel("All All", { exact: true })).toBeChecked();
    // The admin still administers.
    expect((await page.goto("/admin/users"))?.status()).toBe(200);
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

/** Captures (without running) the first server action `trigger` posts from `page`. */
async function captureAction(page: Page, trigger: () => Promise<void>) {
  let captured: { url: string; headers: Record<string, string>; body: string } | undefined;
  await page.route("**/*", async (route) => {
    const req = route.request();
    const headers = await req.allHeaders();
    if (req.method() !== "POST" || !headers["next-action"] || captured) return route.continue();
    captured = {
      url: req.url(),
      headers: { "next-action": headers["next-action"], "next-router-state-tree": headers["next-router-state-tree"] ?? "", "content-type": headers["content-type"] ?? "text/plain;charset=UTF-8", accept: "text/x-component", origin: new URL(req.url()).origin },
      body: req.postData() ?? "",
    };
    return route.abort();
  });
  await trigger();
  await expect.poll(() => captured !== undefined).toBe(true);
  await page.unrouteAll({ behavior: "ignoreErrors" });
  return captured!;
}

test("role holders: assign and unassign from the role page, revoke one permission, each effective on the holder's next request", async ({ browser }) => {
  test.slow(); // two sessions and a dozen round trips on a shared machine
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await admin.newPage();
  const tag = `rh${Date.now().toString(36)}`;
  const holder = createUser({ email: `${tag}-h@example.test` });
  const role = `holders-${tag}`;
  await page.goto("/admin/roles");
  await page.getByLabel("Name", { exact: true }).fill(role);
  await page.getByLabel("User Read", { exact: true }).check();
  await page.getByLabel("Audit Read", { exact: true }).check();
  await page.getByRole("button", { name: "Create role" }).click();
  await expect(page).toHaveURL(/\/admin\/roles\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("role-holders")).toContainText("Nobody holds this role explicitly.");

  const ctx = await browser.newContext();
  const u = await ctx.newPage();
  await signIn(u, holder.email, holder.password);
  await expectSignedIn(u);
  expect((await u.goto("/admin/users"))?.status()).toBe(404);

  await page.getByLabel("Find a user to assign").fill(`${tag}-h`);
  await page.getByRole("button", { name: `Assign to ${holder.email}` }).click();
  await expect(page.getByTestId("role-holders").getByRole("link", { name: holder.email })).toHaveAttribute("href", `/admin/users/${holder.id}`);
  expect((await u.goto("/admin/users"))?.status()).toBe(200);
  expect((await u.goto("/admin/audit"))?.status()).toBe(200);

  await page.getByRole("button", { name: "Revoke User/Read" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("role-permissions")).not.toContainText("User/Read");
  await expect(page.getByTestId("role-permissions")).toContainText("Audit/Read");
  await expect(page.getByLabel("User Read", { exact: true })).not.toBeChecked();
  expect((await u.goto("/admin/users"))?.status()).toBe(404);
  expect((await u.goto("/admin/audit"))?.status()).toBe(200);

  await page.getByRole("button", { name: `Unassign ${holder.email}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Unassign" }).click();
  await expect(page.getByTestId("role-holders")).toContainText("Nobody holds this role explicitly.");
  expect((await u.goto("/admin/audit"))?.status()).toBe(404);
  await admin.close();
  await ctx.close();
});

test("roles matrix: a new role with User/Read lets its holder into the users page on the very next request", async ({ browser }) => {
  test.slow(); // two sessions and a dozen round trips on a shared machine
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
