import { expect, test } from "@playwright/test";
import { createUser, expectSignedIn, signIn } from "../support/env";

test("create a token (shown once), use it on the API, revoke it", async ({ page, request }) => {
  const user = createUser();
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);
  await page.goto("/account/tokens");
  await expect(page.getByText("No API tokens.")).toBeVisible();
  await page.getByLabel("Token name").fill("CI deploys");
  await page.getByLabel("Your password").fill("wrong-password-here");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Current password is incorrect").first()).toBeVisible();
  await page.getByLabel("Your password").fill(user.password);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").innerText()).trim();
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId("token-row")).toHaveCount(1);
  await expect(page.getByTestId("token-row")).toContainText("CI deploys");

  const auth = { Authorization: `Bearer ${token}` };
  expect((await request.get("/api/v1/users/mine", { headers: auth })).status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);

  await page.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("No API tokens.")).toBeVisible();
  expect((await request.get("/api/v1/users/mine", { headers: auth })).status()).toBe(401);
});
