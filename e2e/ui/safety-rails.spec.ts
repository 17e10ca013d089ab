import { expect, test, type Browser, type Page } from "@playwright/test";
import { bearer } from "../support/api";
import { ADMIN_STATE, createUser, expectSignedIn, formAlert, freshStep, hydrated, signIn, totp, uniqueEmail } from "../support/env";
import { sqlBool, sqlRun } from "../support/sql";

test.use({ storageState: ADMIN_STATE });

const secretOf = async (page: Page) => (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");

async function signedIn(browser: Browser, email: string, password: string, tenant?: string) {
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] }, permissions: ["clipboard-read", "clipboard-write"] });
  const page = await ctx.newPage();
  await signIn(page, email, password, tenant);
  await expectSignedIn(page);
  return { ctx, page };
}

test.describe("TOTP enrolment keeps one secret", () => {
  test("a code from the QR shown before a reload is accepted after it; the key copies", async ({ browser }) => {
    const user = createUser();
    const { ctx, page } = await signedIn(browser, user.email, user.password);
    await page.goto("/account/mfa");
    const before = await secretOf(page);
    await page.getByRole("button", { name: "Copy key" }).click();
    await expect(page.getByText("Key copied")).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(before);
    await page.reload();
    expect(await secretOf(page)).toBe(before);
    await freshStep();
    await page.getByLabel("6-digit code").fill(totp(before));
    await page.getByRole("button", { name: "Turn on two-factor" }).click();
    await expect(page.getByTestId("recovery-codes")).toBeVisible();
    await ctx.close();
  });

  test("cancel starts over with a new secret; the old one's code is refused", async ({ browser }) => {
    const user = createUser();
    const { ctx, page } = await signedIn(browser, user.email, user.password);
    await page.goto("/account/mfa");
    const first = await secretOf(page);
    await page.getByRole("button", { name: "Cancel set-up" }).click();
    await expect(page.getByText("Set-up cancelled")).toBeVisible();
    await expect.poll(() => secretOf(page)).not.toBe(first);
    await freshStep();
    await page.getByLabel("6-digit code").fill(totp(first));
    await page.getByRole("button", { name: "Turn on two-factor" }).click();
    await expect(formAlert(page).filter({ hasText: "does not match" })).toBeVisible();
    await ctx.close();
  });
});

test("a super admin is warned before a tenant that forces 2FA and can always switch back", async ({ browser }) => {
  const name = `Forced ${Date.now().toString(36)}`;
  createUser({ tenant: name, createTenant: true });
  await sqlRun("update tenants set force_mfa = $1 where name = $2", [sqlBool(true), name]);
  const root = createUser({ superAdmin: true, roles: ["admin"] });
  const { ctx, page } = await signedIn(browser, root.email, root.password);
  const switcher = page.getByTestId("tenant-switcher");
  await switcher.selectOption({ label: name });
  const warning = page.getByRole("alertdialog");
  await expect(warning).toContainText(`${name} requires two-factor authentication`);
  await expect(warning).toContainText("switch back to Default");
  // Cancel keeps the session where it was.
  await warning.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("current-tenant")).toHaveText("Default");
  // Choosing again while the dialog still fades out left its overlay over the new one (a CI flake).
  await expect(warning).toBeHidden();

  await switcher.selectOption({ label: name });
  await page.getByRole("alertdialog").getByRole("button", { name: `Switch to ${name}` }).click();
  await expect(page).toHaveURL(/\/account\/mfa\?required=1/);
  await expect(page.getByTestId("current-tenant")).toHaveText(name);
  // Every other page sends them back to the set-up, which offers the way out.
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/account\/mfa\?required=1/);
  await page.getByTestId("mfa-switch-back").getByRole("button", { name: "Switch back to Default" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("current-tenant")).toHaveText("Default");
  expect((await page.goto("/admin/users"))?.status()).toBe(200);
  await ctx.close();
});

test("retiring the default role asks which role takes over; a retired role can be restored", async ({ browser }) => {
  const tenant = `Roles ${Date.now().toString(36)}`;
  const admin = createUser({ roles: ["admin"], tenant, createTenant: true });
  const { ctx, page } = await signedIn(browser, admin.email, admin.password, tenant);
  const role = `staff-${Date.now().toString(36)}`;
  await page.goto("/admin/roles");
  await page.getByLabel("Name", { exact: true }).fill(role);
  await page.getByLabel(/Default role/).check();
  await page.getByRole("button", { name: "Create role" }).click();
  await expect(page).toHaveURL(/\/admin\/roles\/[0-9a-f-]{36}$/);

  await page.getByRole("button", { name: "Retire role" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`Retire the default role ${role}?`);
  await expect(dialog.getByRole("button", { name: `Retire ${role}` })).toBeDisabled();
  await dialog.getByLabel("New default role").selectOption({ label: "member" });
  await dialog.getByRole("button", { name: `Retire ${role}, make member the default` }).click();
  await expect(page).toHaveURL(/\/admin\/roles$/);
  await expect(page.getByText(`Role ${role} retired; member is the default role now`)).toBeVisible();
  await expect(page.getByTestId("role-row").filter({ hasText: "member" })).toContainText("Default");

  await page.getByTestId("toggle-retired").click();
  await page.getByRole("link", { name: role }).click();
  await page.getByRole("button", { name: "Restore role" }).click();
  await expect(page.getByText(`Role ${role} restored`)).toBeVisible();
  await page.goto("/admin/roles");
  await expect(page.getByTestId("role-row").filter({ hasText: role })).not.toContainText("Retired");
  await expect(page.getByTestId("role-row").filter({ hasText: "member" })).toContainText("Default");
  await ctx.close();
});

test("bulk actions report whom they skipped and why; deleting all matching asks to type the count", async ({ browser, request }) => {
  test.slow();
  const tag = `rail${Date.now().toString(36)}`;
  const admin = createUser({ roles: ["admin"], tenant: `Bulk ${tag}`, createTenant: true, email: `${tag}-admin@example.test` });
  const h = await bearer(request, admin.email, admin.password);
  for (let i = 0; i < 11; i++) expect((await request.post("/api/1.0/user/create", { headers: h, data: { name: "Rail Target", email: `${tag}-${i}@example.test` } })).status()).toBe(201);
  const { ctx, page } = await signedIn(browser, admin.email, admin.password, `Bulk ${tag}`);
  const selectAllMatching = async () => {
    await page.goto(`/admin/users?q=${tag}&size=10`);
    await expect(page.getByTestId("user-row")).toHaveCount(10);
    await page.getByLabel("Select all on this page").check();
    await page.getByRole("button", { name: "Select all 12 matching users" }).click();
    await page.getByRole("button", { name: /12 selected/ }).click();
  };

  await selectAllMatching();
  await page.getByRole("menuitem", { name: "Deactivate" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Deactivate 12 users" }).click();
  const report = page.getByTestId("bulk-report");
  await expect(report).toContainText("Deactivated 11 users");
  await expect(report).toContainText("Skipped 1 user:");
  await expect(report).toContainText("You cannot deactivate yourself (1)");
  await expect(report).toContainText(admin.email);
  await report.getByRole("button", { name: "OK" }).click();

  await selectAllMatching();
  await page.getByRole("menuitem", { name: "Delete…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("The filter matches 12 users. Type 12 to delete them all.");
  const confirm = dialog.getByRole("button", { name: "Delete 12 users" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Type 12/).fill("11");
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Type 12/).fill("12");
  await confirm.click();
  await expect(page.getByText("You cannot delete your own account")).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/jobs\//);
  await expect(page.getByTestId("job-count")).toHaveText("11 of 11 (100%)");
  await ctx.close();
});

test("unsaved changes: leaving an edited form asks first", async ({ browser }) => {
  const user = createUser();
  const { ctx, page } = await signedIn(browser, user.email, user.password);
  await page.goto("/account");
  await hydrated(page.getByLabel("First name"));
  await page.getByLabel("First name").fill("Changed");
  const asked: string[] = [];
  page.once("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.getByRole("link", { name: "Sessions" }).click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toContain("unsaved changes");
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByLabel("First name")).toHaveValue("Changed");

  // Saved: leaving no longer asks.
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved")).toBeVisible();
  const again = () => asked.push("again");
  page.on("dialog", again);
  await page.getByRole("link", { name: "Sessions" }).click();
  await expect(page).toHaveURL(/\/account\/sessions$/);
  page.off("dialog", again);
  expect(asked).toHaveLength(1);

  // A tab close asks too (once React listens: a fill before hydration marks nothing as changed).
  await page.goto("/account");
  await hydrated(page.getByLabel("First name"));
  await page.getByLabel("First name").fill("Changed again");
  const unload = page.waitForEvent("dialog");
  await page.close({ runBeforeUnload: true });
  const d = await unload;
  expect(d.type()).toBe("beforeunload");
  await d.accept();
  await ctx.close();
});

test("copy buttons put the token, the fingerprint and the outbox link on the clipboard; PGP name filled in, passphrases cleared", async ({ browser }) => {
  test.slow(); // Generates a PGP key in the browser.
  const user = createUser({ email: uniqueEmail("copy") });
  await sqlRun("update users set first_name = $1, last_name = $2, full_name = $3 where id = $4", ["Pat", "Gee", "Pat Gee", user.id]);
  const { ctx, page } = await signedIn(browser, user.email, user.password);
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

  await page.goto("/account/tokens");
  await page.getByLabel("Token name").fill("copy test");
  await page.getByLabel("Your password").fill(user.password);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").innerText()).trim();
  await page.getByRole("button", { name: "Copy access token" }).click();
  await expect.poll(clipboard).toBe(token);

  await page.goto("/account/pgp");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Pat Gee");
  await page.getByLabel("Passphrase", { exact: true }).fill("short");
  await page.getByLabel("Repeat passphrase").fill("short");
  await page.getByRole("button", { name: "Generate key pair" }).click();
  await expect(formAlert(page)).toContainText("at least 10 characters");
  await expect(page.getByLabel("Passphrase", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Repeat passphrase")).toHaveValue("");
  await page.getByLabel("Passphrase", { exact: true }).fill("a long pgp passphrase");
  await page.getByLabel("Repeat passphrase").fill("a long pgp passphrase");
  await page.getByRole("button", { name: "Generate key pair" }).click();
  const fingerprint = (await page.getByTestId("pgp-fingerprint").innerText()).trim();
  await expect(page.getByLabel("Passphrase", { exact: true })).toHaveValue("");
  await page.getByRole("button", { name: "Copy fingerprint" }).click();
  await expect.poll(clipboard).toBe(fingerprint);
  await ctx.close();

  // The super admin's outbox: the reset link of a "forgot password" mail.
  const anon = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const forgot = await anon.newPage();
  await forgot.goto("/forgot-password");
  await forgot.getByLabel("Email").fill(user.email);
  await forgot.getByRole("button", { name: /Send/ }).click();
  await anon.close();
  const adminCtx = await browser.newContext({ storageState: ADMIN_STATE, permissions: ["clipboard-read", "clipboard-write"] });
  const admin = await adminCtx.newPage();
  const message = admin.getByTestId("outbox-message").first();
  await expect(async () => {
    await admin.goto(`/admin/outbox?q=${encodeURIComponent(user.email)}`);
    await expect(message).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const link = message.getByRole("link").first();
  const href = (await link.getAttribute("href"))!;
  await message.getByRole("button", { name: /^Copy link: / }).first().click();
  await expect.poll(() => admin.evaluate(() => navigator.clipboard.readText())).toBe(href);
  await adminCtx.close();
});

test("a generated vault password has a copy button", async ({ browser, request }) => {
  const user = createUser();
  const h = await bearer(request, user.email, user.password);
  const post = async (op: string, data: object) => (await request.post(`/api/user/${op}`, { headers: h, data })).json();
  const groupId = (await post("metadata/groups", {})).groups[0].groupId as string;
  await post("metadata/add", { metadata: { host: "copy.example", account: "me", complexity: 1, groupId }, passwordLength: 16, optUppercase: true, optLowercase: true, optNumbers: true, optSymbols: false });
  const { ctx, page } = await signedIn(browser, user.email, user.password);
  await page.goto("/vault");
  await page.getByTestId("vault-entry").filter({ hasText: "copy.example" }).getByRole("button", { name: "Generate" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Master key", { exact: true }).fill("my secret master key");
  await dialog.getByLabel("Master key again").fill("my secret master key");
  await dialog.getByRole("button", { name: "Fox", exact: true }).click();
  await dialog.getByRole("button", { name: "Generate" }).click();
  const pw = (await dialog.getByTestId("generated-password").innerText()).trim();
  await dialog.getByRole("button", { name: "Copy password" }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(pw);
  await ctx.close();
});

test("API reference: linked from the sidebar and back, searchable, curl on this server with examples and readable types", async ({ page, baseURL }) => {
  await page.goto("/account");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/api-reference$/);
  await expect(page.getByTestId("api-base-url")).toHaveText(baseURL!);
  expect(await page.locator("body").innerText()).not.toContain("9007199254740991");

  await page.getByLabel("Search operations").fill("loginmfa");
  await expect(page.getByText(/^1 of \d+ operations match$/)).toBeVisible();
  const op = page.locator("details:visible");
  await expect(op).toHaveCount(1);
  await op.locator("summary").click();
  await expect(op.getByTestId("curl")).toContainText(`curl -X POST '${baseURL}/api/iambackoffice.IamBackoffice/LoginMfa'`);
  await expect(op.getByTestId("curl")).toContainText(`-d '{"tenantId"`);
  const example = JSON.parse(await op.getByTestId("request-example").innerText());
  expect(example).toMatchObject({ code: "123456" });
  await expect(op.getByTestId("response-example")).toContainText('"tokens"');

  await page.getByRole("link", { name: "Back to the console" }).click();
  await expectSignedIn(page);
});
