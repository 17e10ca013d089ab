import { expect, test, type Page } from "@playwright/test";
import { createUser, expectSignedIn, signIn } from "../support/env";

const ANIMALS = ["Ape", "Bat", "Bear", "Whale", "Crow", "Dog", "Duck", "Cat", "Wasp", "Fox", "Gull", "Hyena", "Lion", "Panda", "Rat", "Shark", "Spider", "Turtle", "Wolf", "Zebra"];

async function generate(page: Page, host: string, opts: { twice: boolean; animal: string; renewal?: string }) {
  await page.getByTestId("vault-entry").filter({ hasText: host }).getByRole("button", { name: "Generate" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Master key", { exact: true }).fill("my secret master key");
  if (opts.twice) await dialog.getByLabel("Master key again").fill("my secret master key");
  else await expect(dialog.getByLabel("Master key again")).toHaveCount(0);
  await dialog.getByRole("button", { name: opts.animal, exact: true }).click();
  if (opts.renewal) await dialog.getByLabel("Renewal date (optional)").fill(opts.renewal);
  await dialog.getByRole("button", { name: "Generate" }).click();
  const pw = (await dialog.getByTestId("generated-password").innerText()).trim();
  await dialog.getByRole("button", { name: "Done" }).click();
  return pw;
}

test("groups, entries, deterministic generation, settings change the dialog", async ({ page }) => {
  const user = createUser();
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);
  await page.goto("/vault");
  await expect(page.getByRole("link", { name: "Accounts", exact: true })).toBeVisible();
  await page.getByLabel("New subgroup of Accounts").fill("Mail");
  await page.getByRole("button", { name: "Add subgroup" }).click();
  await expect(page.getByRole("link", { name: "Mail", exact: true })).toHaveAttribute("aria-current", "page");

  await page.getByRole("button", { name: "Add entry" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Save entry" }).click();
  await expect(page.getByRole("dialog").getByText("Enter a host or an account")).toBeVisible();
  await page.getByLabel("Host", { exact: true }).fill("mail.example.com");
  await page.getByLabel("Account", { exact: true }).fill("alice");
  await page.getByLabel("Length", { exact: true }).fill("20");
  await page.getByRole("dialog").getByRole("button", { name: "Save entry" }).click();
  await expect(page.getByTestId("vault-entry")).toHaveCount(1);

  const first = await generate(page, "mail.example.com", { twice: true, animal: "Fox" });
  expect(first).toHaveLength(20);
  expect(await generate(page, "mail.example.com", { twice: true, animal: "Fox" })).toBe(first);
  expect(await generate(page, "mail.example.com", { twice: true, animal: "Wolf" })).not.toBe(first);
  const rotated = await generate(page, "mail.example.com", { twice: true, animal: "Fox", renewal: "2026-12-01" });
  expect(rotated).not.toBe(first);
  await expect(page.getByTestId("vault-entry")).toContainText("2026-12-01");

  await page.getByLabel("Search host or account").fill("alice");
  await page.getByLabel("Search host or account").press("Enter");
  await expect(page).toHaveURL(/q=alice/);
  await expect(page.getByTestId("vault-entry")).toHaveCount(1);

  // Settings: ask once + fixed animal order change the dialog.
  await page.goto("/settings");
  await page.getByLabel("Ask for the master key once").click();
  await page.getByLabel("Keep the animal grid in a fixed order").click();
  await page.getByLabel("Default password length").fill("99");
  await page.getByRole("button", { name: "Save settings" }).click();
  expect(await page.getByLabel("Default password length").evaluate((el: HTMLInputElement) => el.validity.rangeOverflow)).toBe(true);
  await page.getByLabel("Default password length").fill("24");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved")).toBeVisible();

  await page.goto("/vault?q=alice");
  await page.getByRole("button", { name: "Generate" }).click();
  await expect(page.getByTestId("animal-grid").getByRole("button")).toHaveText(ANIMALS.map((a) => new RegExp(a)));
  await page.keyboard.press("Escape");
  expect(await generate(page, "mail.example.com", { twice: false, animal: "Fox" })).toBe(rotated);

  await page.goto("/vault");
  await page.getByRole("link", { name: "Mail", exact: true }).click();
  await page.getByRole("button", { name: /Remove “Mail”/ }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove group" }).click();
  await expect(page.getByText("1 entry removed")).toBeVisible();
  await expect(page.getByRole("link", { name: "Mail", exact: true })).toHaveCount(0);
});
