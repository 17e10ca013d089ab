import { expect, test as setup } from "@playwright/test";
import { ADMIN, ADMIN_STATE, createUser, FRESH_DB, signIn } from "./support/env";

setup("first run: /setup creates the administrator, then disappears", async ({ page }) => {
  await page.goto("/login");
  if (!FRESH_DB && !page.url().endsWith("/setup")) {
    // Reused development server: make sure the test administrator exists, then sign in.
    try {
      createUser({ email: ADMIN.email, password: ADMIN.password, roles: ["admin"], superAdmin: true });
    } catch {
      /* already there */
    }
    await signIn(page, ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(/\/$/); // the home page (dashboard or account summary)
    await page.context().storageState({ path: ADMIN_STATE });
    return;
  }
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel("First name").fill("Ada");
  await page.getByLabel("Last name").fill("Admin");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("password1");
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.getByText(/at least 10 characters|too common/).first()).toBeVisible();
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page).toHaveURL(/\/login$/);

  const gone = await page.goto("/setup");
  expect(gone?.status()).toBe(404);

  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/$/); // the home page (dashboard or account summary)
  await expect(page.getByTestId("current-tenant")).toHaveText("Default");
  await page.context().storageState({ path: ADMIN_STATE });
});
