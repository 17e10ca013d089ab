import { gzipSync } from "node:zlib";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { bearer } from "../support/api";
import { createUser, expectSignedIn, signIn } from "../support/env";

type Auth = Record<string, string>;
const api = async (request: APIRequestContext, h: Auth, op: string, data: object) => {
  const res = await request.post(`/api/user/${op}`, { headers: h, data });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
};
const topGroup = async (request: APIRequestContext, h: Auth) => (await api(request, h, "metadata/groups", {})).groups[0].groupId as string;
const entryCount = async (request: APIRequestContext, h: Auth) => (await api(request, h, "metadata/by_group", {})).totalRecords as number;
const addEntry = async (request: APIRequestContext, h: Auth, groupId: string, host: string, account = "me", passwordLength = 16) =>
  api(request, h, "metadata/add", { metadata: { host, account, complexity: 1, groupId }, passwordLength, optUppercase: true, optLowercase: true, optNumbers: true, optSymbols: false });
const setSetting = async (request: APIRequestContext, h: Auth, key: string, value: string) => expect(await api(request, h, "settings/set", { key, value })).toEqual({ info: "Ok" });

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
  test.slow(); // Eight memory-hard derivations.
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

  await page.goto("/vault?q=alice&all=1");
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

test("the server refuses an entry length outside 2–32 and creates nothing", async ({ page, request }) => {
  const user = createUser();
  const h = await bearer(request, user.email, user.password);
  const top = await topGroup(request, h);
  for (const passwordLength of [1, 33]) {
    const r = await addEntry(request, h, top, "len.example", "me", passwordLength);
    expect(r.error).toBe("Invalid metadata");
    expect(r.affectedRecords).toBeUndefined();
  }
  expect(await entryCount(request, h)).toBe(0);

  // The same through the page, with the browser's own range check taken away.
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);
  await page.goto("/vault");
  await page.getByRole("button", { name: "Add entry" }).click();
  await page.getByLabel("Host", { exact: true }).fill("len.example");
  const length = page.getByLabel("Length", { exact: true });
  await length.evaluate((el) => (el.removeAttribute("min"), el.removeAttribute("max")));
  await length.fill("40");
  await page.getByRole("dialog").getByRole("button", { name: "Save entry" }).click();
  await expect(page.getByRole("dialog").getByText("Length is 2 to 32")).toBeVisible();
  expect(await entryCount(request, h)).toBe(0);
});

test("edit and remove an entry; the host field autocompletes from existing hosts", async ({ page, request }) => {
  const user = createUser();
  const h = await bearer(request, user.email, user.password);
  const top = await topGroup(request, h);
  await addEntry(request, h, top, "mail.example.com", "alice");
  await addEntry(request, h, top, "maps.example.com", "alice");
  await addEntry(request, h, top, "bank.example", "alice");
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);
  await page.goto("/vault");

  await page.getByRole("button", { name: "Add entry" }).click();
  await page.getByLabel("Host", { exact: true }).fill("ma");
  const options = page.getByRole("dialog").locator("datalist option");
  await expect(options).toHaveCount(2);
  expect(await options.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(["mail.example.com", "maps.example.com"]);
  await page.keyboard.press("Escape");

  const row = page.getByTestId("vault-entry").filter({ hasText: "mail.example.com" });
  await row.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Account", { exact: true }).fill("bob");
  await page.getByLabel("Length", { exact: true }).fill("12");
  await page.getByRole("dialog").getByRole("button", { name: "Save entry" }).click();
  await expect(page.getByText("Entry saved")).toBeVisible();
  await expect(row).toContainText("bob");
  await expect(row).toContainText("12 chars");
  const found = (await api(request, h, "metadata/search", { criteria: "mail.example.com" })).metadata;
  expect(found).toHaveLength(1);
  expect(found[0].account).toBe("bob");

  await page.getByTestId("vault-entry").filter({ hasText: "bank.example" }).getByRole("button", { name: "Remove" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove" }).click();
  await expect(page.getByText("Entry removed")).toBeVisible();
  await expect(page.getByTestId("vault-entry")).toHaveCount(2);
  expect(await entryCount(request, h)).toBe(2);
  expect((await api(request, h, "metadata/search", { criteria: "bank.example" })).metadata).toEqual([]);
});

test("copy mode puts the password on the clipboard and clears it after 20 seconds", async ({ page, context, request }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.clock.install();
  const user = createUser();
  const h = await bearer(request, user.email, user.password);
  const id = (await addEntry(request, h, await topGroup(request, h), "copy.example")).affectedRecords[0];
  await setSetting(request, h, "password_always_show_not_copy", "false");
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);
  await page.goto("/vault");

  await page.getByTestId("vault-entry").getByRole("button", { name: "Generate" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Master key", { exact: true }).fill("clip master");
  await dialog.getByLabel("Master key again").fill("clip master");
  await dialog.getByRole("button", { name: "Fox", exact: true }).click();
  await dialog.getByRole("button", { name: "Generate" }).click();
  await expect(dialog.getByText("Copied to the clipboard")).toBeVisible();
  await expect(dialog.getByTestId("generated-password")).toHaveCount(0);
  const expected = (await api(request, h, "generate", { metadataId: id, masterKey: "clip master", visualConfirmation: "Fox" })).generatedPassword;
  expect(expected).toHaveLength(16);
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  expect(await clipboard()).toBe(expected);
  await page.clock.fastForward(15_000);
  expect(await clipboard()).toBe(expected);
  await page.clock.fastForward(6_000);
  await expect.poll(clipboard).toBe("");
});

test("without a master key (masterkey_use_ignored) the dialog asks for none and the server derives the same password", async ({ page, request }) => {
  const user = createUser();
  const h = await bearer(request, user.email, user.password);
  const id = (await addEntry(request, h, await topGroup(request, h), "nokey.example")).affectedRecords[0];
  const generate = async () => api(request, h, "generate", { metadataId: id, visualConfirmation: "Panda" });
  expect((await generate()).result.error).toBe("Invalid data");
  await setSetting(request, h, "masterkey_use_ignored", "true");
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);
  await page.goto("/vault");

  await page.getByTestId("vault-entry").getByRole("button", { name: "Generate" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("animal-grid")).toBeVisible();
  await expect(dialog.getByLabel("Master key", { exact: true })).toHaveCount(0);
  await expect(dialog.getByLabel("Master key again")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Panda", exact: true }).click();
  await dialog.getByRole("button", { name: "Generate" }).click();
  const pw = (await dialog.getByTestId("generated-password").innerText()).trim();
  expect(pw).toHaveLength(16);
  expect((await generate()).generatedPassword).toBe(pw);
});

test("the entries table pages on the server with the page and size in the URL", async ({ page, request }) => {
  const user = createUser();
  const h = await bearer(request, user.email, user.password);
  await topGroup(request, h); // The default group exists before the import, and stays empty.
  const metadatas = Array.from({ length: 120 }, (_, i) => ({ groupRef: "b", host: `h${String(i).padStart(3, "0")}.example`, account: "me", complexity: 1, length: 16, lowercase: true, uppercase: false, digits: false, symbols: false }));
  const data = gzipSync(Buffer.from(JSON.stringify({ version: 1, groups: [{ ref: "b", parentRef: null, name: "Bulk" }], metadatas }))).toString("base64");
  expect((await api(request, h, "backup/import", { data })).affectedRecords).toHaveLength(120);
  const bulk = (await api(request, h, "metadata/groups", {})).groups.find((g: { groupName: string }) => g.groupName === "Bulk").groupId;
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);

  const rows = page.getByTestId("vault-entry");
  const showing = page.getByTestId("vault-showing");
  await page.goto(`/vault?group=${bulk}`);
  await expect(showing).toHaveText("Showing 1–50 of 120");
  await expect(rows).toHaveCount(50);
  await page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: "25", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`group=${bulk}&size=25$`));
  await expect(showing).toHaveText("Showing 1–25 of 120");
  await expect(rows.first()).toContainText("h000.example");
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/page=2&size=25$/);
  await expect(showing).toHaveText("Showing 26–50 of 120");
  await expect(rows).toHaveCount(25);
  await expect(rows.first()).toContainText("h025.example");
  await page.goto(`/vault?group=${bulk}&page=99&size=25`);
  await expect(showing).toHaveText("Showing 101–120 of 120");
  await expect(rows).toHaveCount(20);
  await expect(rows.last()).toContainText("h119.example");
  await expect(page.getByRole("link", { name: "Next" })).toHaveCount(0);

  await page.getByLabel("Search host or account").fill("h11");
  await page.getByLabel("Search host or account").press("Enter");
  await expect(page).toHaveURL(/q=h11&size=25$/);
  await expect(showing).toHaveText("Showing 1–10 of 10");
  await page.goto("/vault?q=no-such-host");
  await expect(showing).toHaveText("No entries");
  await expect(page.getByText("Nothing matches.")).toBeVisible();
  await page.goto("/vault");
  await expect(page.getByText("No entries in this group yet.")).toBeVisible();
});
