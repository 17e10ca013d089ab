import { expect, test } from "@playwright/test";
import { ADMIN_STATE, createUser, expectSignedIn, signIn, uniqueEmail, formAlert, outboxLink } from "../support/env";

test("forgot password → Outbox link → reset; the link works once and old sessions end", async ({ page, browser }) => {
  const user = createUser();
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, user.email, user.password);
  await expectSignedIn(otherPage);

  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  // The sign-in page has an Email field too: fill the one on the page the link leads to.
  await expect(page).toHaveURL(/\/forgot-password/);
  await page.getByLabel("Email").fill(user.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account exists");

  const link = await outboxLink(browser, user.email, "Reset password");
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("a-new-secret-passphrase");
  await page.getByLabel("Confirm new password").fill("a-new-secret-passphrase");
  await page.getByRole("button", { name: "Reset password" }).click();
  await expect(page).toHaveURL(/\/login$/);

  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/login/);

  await signIn(page, user.email, "a-new-secret-passphrase");
  await expectSignedIn(page);

  await page.goto(link);
  await expect(formAlert(page)).toContainText("invalid or has expired");
  await other.close();
});

test("forgot password for an unknown address answers the same", async ({ page }) => {
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(uniqueEmail("ghost"));
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account exists");
});

test("changing the password ends another browser's session but keeps this one", async ({ page, browser }) => {
  const user = createUser();
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, user.email, user.password);
  await expectSignedIn(otherPage);

  await signIn(page, user.email, user.password);
  await expectSignedIn(page);
  await page.goto("/account/password");
  await page.getByLabel("Current password").fill("not-my-password");
  await page.getByLabel("New password", { exact: true }).fill("fresh-passphrase-2026");
  await page.getByLabel("Confirm new password").fill("fresh-passphrase-2026");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Current password is incorrect").first()).toBeVisible();

  await page.getByLabel("Current password").fill(user.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText(/Password changed\. 1 other session/)).toBeVisible();

  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/login/);
  await page.goto("/account");
  await expectSignedIn(page);
  await other.close();
});

test("sessions list shows both browsers; revoke one; sign out everywhere ends all", async ({ page, browser }) => {
  const user = createUser();
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, user.email, user.password);
  await expectSignedIn(otherPage);
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);

  await page.goto("/account/sessions");
  await expect(page.getByTestId("session-row")).toHaveCount(2);
  await expect(page.getByText("This browser")).toBeVisible();
  await page.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("session-row")).toHaveCount(1);
  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/login/);

  await signIn(otherPage, user.email, user.password);
  await expectSignedIn(otherPage);
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/login/);
  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/login/);
  await other.close();
});

test("profile edits persist; email change needs the password and notifies both addresses", async ({ page, browser }) => {
  const user = createUser();
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);
  await page.goto("/account");
  await page.getByLabel("First name").fill("Grace");
  await page.getByLabel("Last name").fill("Hopper");
  await page.getByLabel("Time zone").selectOption("Europe/Berlin");
  // English first: mail follows the first profile language we have (the notices below are asserted in English).
  await page.getByLabel("Preferred languages").fill("en, de");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("First name")).toHaveValue("Grace");
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Berlin");

  await page.getByLabel("Preferred languages").fill("not a language!");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Languages are codes such as en or pt-BR").first()).toBeVisible();

  const next = uniqueEmail("moved");
  await page.goto("/account/password");
  await page.getByLabel("New email", { exact: true }).fill(next);
  await page.getByLabel("Confirm new email").fill(next);
  await page.getByLabel("Confirm with your password").fill(user.password);
  await page.getByRole("button", { name: "Change email" }).click();
  await expect(page.getByText(`You now sign in with ${next}`)).toBeVisible();

  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const outbox = await admin.newPage();
  await outbox.goto(`/admin/outbox?q=${encodeURIComponent(user.email)}`);
  await expect(outbox.getByTestId("outbox-message").filter({ hasText: "Your sign-in email was changed" })).toHaveCount(1);
  await outbox.goto(`/admin/outbox?q=${encodeURIComponent(next)}`);
  await expect(outbox.getByTestId("outbox-message").filter({ hasText: "This is now your sign-in email" })).toHaveCount(1);
  await admin.close();
});

test("the Outbox is for super admins only and survives odd search parameters", async ({ page, browser }) => {
  const tenantAdmin = createUser({ roles: ["admin"] });
  await signIn(page, tenantAdmin.email, tenantAdmin.password);
  await expectSignedIn(page);
  await expect(page.getByRole("link", { name: "Outbox", exact: true })).toHaveCount(0);
  expect((await page.goto("/admin/outbox"))?.status()).toBe(404);

  const root = await browser.newContext({ storageState: ADMIN_STATE });
  const rootPage = await root.newPage();
  for (const query of [`q=${"a".repeat(300)}`, "q=a&q=b", "page=x&page=2"]) {
    const res = await rootPage.goto(`/admin/outbox?${query}`);
    expect(res?.status(), query).toBe(200);
    await expect(rootPage.getByRole("heading", { name: "Outbox" })).toBeVisible();
  }
  await root.close();
});
