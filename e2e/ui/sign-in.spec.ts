import { expect, test } from "@playwright/test";
import { createUser, expectSignedIn, signIn, uniqueEmail, formAlert } from "../support/env";

test("signs in and out", async ({ page }) => {
  const user = createUser();
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/$/); // the home page (dashboard or account summary)
  await expectSignedIn(page);
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/account/sessions");
  await expect(page).toHaveURL(/\/login/);
});

test("wrong password and unknown email get the same message; repeated failures are throttled", async ({ page }) => {
  const user = createUser();
  await signIn(page, uniqueEmail("nobody"), "whatever-password");
  await expect(formAlert(page)).toHaveText("Invalid email or password");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Password").fill(`wrong-${i}-password`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(formAlert(page)).toBeVisible();
  }
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(formAlert(page)).toHaveText(/Try again in \d+ s/);
});

test("a signed-out visit to a page goes to sign-in and comes back after it", async ({ page }) => {
  const user = createUser();
  await page.goto("/account/sessions");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount%2Fsessions/);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/account\/sessions$/);
});

test("a member sees no administration", async ({ page }) => {
  const user = createUser();
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);
  await expect(page.getByRole("link", { name: "Outbox" })).toHaveCount(0);
  const res = await page.goto("/admin/outbox");
  expect(res?.status()).toBe(404);
});
