import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { createUser, expectSignedIn, formAlert, signIn, totpUses } from "../support/env";

async function enrol(page: Page) {
  await page.goto("/account/mfa");
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  const nextCode = totpUses(secret);
  const enrolCode = await nextCode();
  await page.getByLabel("6-digit code").fill(enrolCode);
  await page.getByRole("button", { name: "Turn on two-factor" }).click();
  const codes = (await page.getByTestId("recovery-codes").innerText()).split("\n").map((s) => s.trim()).filter(Boolean);
  expect(codes).toHaveLength(10);
  await page.getByRole("button", { name: "Done" }).click();
  return { enrolCode, nextCode, codes };
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

test("QR code encodes the otpauth URI with issuer, account and the shown key", async ({ page }, info) => {
  const user = createUser();
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);
  await page.goto("/account/mfa");
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
  const file = info.outputPath("qr.png");
  await page.getByTestId("totp-qr").screenshot({ path: file });
  const decoded = execFileSync("zbarimg", ["--raw", "-q", file], { encoding: "utf8" }).trim();
  expect(decoded).toContain(`otpauth://totp/IAM%20Console:${encodeURIComponent(user.email)}`);
  expect(decoded).toContain(`secret=${secret}`);
  expect(decoded).toContain("issuer=IAM%20Console");
});

test("enrol, then sign in with a TOTP code, then with a recovery code (once)", async ({ page }) => {
  const user = createUser();
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);
  const { enrolCode, nextCode, codes } = await enrol(page);
  await expect(page.getByText("Two-factor is on")).toBeVisible();
  await signOut(page);

  await signIn(page, user.email, user.password);
  await expect(page.getByText("Two-factor authentication")).toBeVisible();
  // A code is accepted once: the enrolment's is refused at sign-in (first, so the alert is its answer).
  await page.getByLabel("Code").fill(enrolCode);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(formAlert(page)).toHaveText("The code is not valid");
  await page.getByLabel("Code").fill(await nextCode());
  await page.getByRole("button", { name: "Verify" }).click();
  await expectSignedIn(page);
  await signOut(page);

  await signIn(page, user.email, user.password);
  await page.getByLabel("Code").fill(codes[0]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expectSignedIn(page);
  await page.goto("/account/mfa");
  await expect(page.getByText("9 unused recovery codes left.")).toBeVisible();
  await signOut(page);

  await signIn(page, user.email, user.password);
  await page.getByLabel("Code").fill(codes[0]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(formAlert(page)).toHaveText("The code is not valid");
});

test("trust this device skips the code on the next sign-in", async ({ page }) => {
  const user = createUser();
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);
  const { codes } = await enrol(page);
  await signOut(page);
  await signIn(page, user.email, user.password);
  await page.getByLabel("Code").fill(codes[1]!);
  await page.getByLabel("Trust this device for 30 days").check();
  await page.getByRole("button", { name: "Verify" }).click();
  await expectSignedIn(page);
  await signOut(page);
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);
});

test("removing the authenticator needs a valid code", async ({ page }) => {
  const user = createUser();
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);
  const { codes } = await enrol(page);
  await page.getByRole("button", { name: "Remove" }).click();
  await page.getByLabel("Authenticator or recovery code").fill("123456");
  await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
  await expect(page.getByRole("dialog").getByRole("alert")).toHaveText("The code is not valid");
  await page.getByLabel("Authenticator or recovery code").fill(codes[2]!);
  await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
  await expect(page.getByText("Set up an authenticator app")).toBeVisible();
});
