import { expect, test, type Page } from "@playwright/test";
import { ADMIN_STATE, createUser, expectSignedIn, outboxLink, signIn, uniqueEmail } from "../support/env";

/** Chooses a language on /settings as the signed-in user; the page answers in it on the next render. */
async function chooseLanguage(page: Page, language: "en" | "de" | "fr") {
  await page.goto("/settings");
  await page.getByLabel("Language").selectOption(language);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", language);
}

test("a user who chooses Deutsch sees the account pages in German, errors included, and <html lang=de>", async ({ page }) => {
  const user = createUser();
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await chooseLanguage(page, "de");
  await expect(page.getByRole("heading", { name: "Einstellungen" })).toBeVisible();
  await expect(page.getByLabel("Sprache")).toHaveValue("de");

  await page.goto("/account");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("heading", { name: "Profil" })).toBeVisible();
  await expect(page.getByLabel("Zeitzone")).toBeVisible();

  await page.goto("/account/password");
  await expect(page.getByRole("heading", { name: "Passwort & E-Mail" })).toBeVisible();
  await page.getByLabel("Aktuelles Passwort").fill("not-my-password");
  await page.getByLabel("Neues Passwort", { exact: true }).fill("another-passphrase-31");
  await page.getByLabel("Neues Passwort bestätigen").fill("another-passphrase-31");
  await page.getByRole("button", { name: "Passwort ändern" }).click();
  // A lib error, translated at the form layer.
  await expect(page.getByText("Das aktuelle Passwort ist falsch").first()).toBeVisible();
  await page.getByLabel("Neues Passwort bestätigen").fill("something-else-entirely");
  await page.getByRole("button", { name: "Passwort ändern" }).click();
  // A zod message, by key.
  await expect(page.getByText("Die Passwörter stimmen nicht überein").first()).toBeVisible();

  await page.goto("/account/sessions");
  await expect(page.getByRole("heading", { name: "Sitzungen" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Überall abmelden" })).toBeVisible();
});

test("a signed-out browser asking for French gets the French sign-in page", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] }, locale: "fr-FR" });
  const page = await ctx.newPage();
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page).toHaveTitle(/^Connexion/);
  await expect(page.getByText("Connectez-vous avec votre adresse e-mail et votre mot de passe.")).toBeVisible();
  await page.getByLabel("E-mail").fill(uniqueEmail("nobody"));
  await page.getByLabel("Mot de passe").fill("wrong-password-here");
  await page.getByRole("button", { name: "Se connecter", exact: true }).click();
  await expect(page.getByText("Adresse e-mail ou mot de passe incorrect")).toBeVisible();
  await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
  await expect(page.getByText("Réinitialiser votre mot de passe")).toBeVisible();
  await ctx.close();
});

test("a German user's password-reset email is German", async ({ page, browser }) => {
  const user = createUser();
  await signIn(page, user.email, user.password);
  await chooseLanguage(page, "de");

  // Asked for from a browser that wants English: the mail follows the recipient, not the asker.
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const anon = await ctx.newPage();
  await anon.goto("/forgot-password");
  await anon.getByLabel("Email").fill(user.email);
  await anon.getByRole("button", { name: "Send reset link" }).click();
  await expect(anon.getByRole("status")).toBeVisible();

  const link = await outboxLink(browser, user.email, "Passwort zurücksetzen");
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const outbox = await admin.newPage();
  await outbox.goto(`/admin/outbox?q=${encodeURIComponent(user.email)}`);
  const mail = outbox.getByTestId("outbox-message").filter({ hasText: "Passwort zurücksetzen" }).first();
  await expect(mail).toContainText(`Jemand hat angefordert, das Passwort von ${user.email} zurückzusetzen.`);
  await admin.close();

  // The reset page, opened signed out in a German browser, speaks German and names the account.
  const de = await browser.newContext({ storageState: { cookies: [], origins: [] }, locale: "de-DE" });
  const reset = await de.newPage();
  await reset.goto(link);
  await expect(reset.getByText(`Für ${user.email}.`)).toBeVisible();
  await ctx.close();
  await de.close();
});

test("relative times show the exact time, in the user's time zone and language, on hover", async ({ page }) => {
  const user = createUser();
  await signIn(page, user.email, user.password);
  await page.goto("/account");
  await page.getByLabel("Time zone").selectOption("Asia/Tokyo");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved")).toBeVisible();
  await chooseLanguage(page, "fr");

  await page.goto("/account/sessions");
  const time = page.getByTestId("session-row").filter({ hasText: "Ce navigateur" }).locator("time");
  // Seen a moment ago: the label is relative ("maintenant" / "il y a 1 min") …
  await expect(time).toHaveText(/maintenant|il y a/);
  // … and the title is the exact time, formatted in French for Tokyo.
  const iso = (await time.getAttribute("datetime"))!;
  const exact = new Intl.DateTimeFormat("fr", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Tokyo" }).format(new Date(iso));
  await expect(time).toHaveAttribute("title", exact);
});

test("the invitation page names the account and signs the person in once they set a password", async ({ browser }) => {
  const email = uniqueEmail("invited");
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const adminPage = await admin.newPage();
  await adminPage.goto("/admin/users");
  await adminPage.getByRole("button", { name: "Add user" }).click();
  await adminPage.getByLabel("Email").fill(email);
  await adminPage.getByRole("button", { name: "Send invitation" }).click();
  await expect(adminPage.getByText(`Invitation sent to ${email}`)).toBeVisible();
  await admin.close();

  const link = await outboxLink(browser, email, "Set your password");
  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] }, locale: "fr-FR" });
  const invitee = await ctx.newPage();
  await invitee.goto(link);
  await expect(invitee.getByText(`Choisissez le mot de passe de ${email} pour Default.`)).toBeVisible();
  await invitee.getByLabel("Nouveau mot de passe", { exact: true }).fill("a-passphrase-of-my-own");
  await invitee.getByLabel("Confirmer le nouveau mot de passe").fill("a-passphrase-of-my-own");
  await invitee.getByRole("button", { name: "Définir le mot de passe" }).click();
  await expect(invitee).not.toHaveURL(/\/(login|invite)/);
  await expectSignedIn(invitee);
  await ctx.close();
});

test("a forced first password change does not ask again for the password just typed", async ({ browser }) => {
  const email = uniqueEmail("forced");
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const adminPage = await admin.newPage();
  await adminPage.goto("/admin/users");
  await adminPage.getByRole("button", { name: "Add user" }).click();
  await adminPage.getByLabel("Set an initial password").check();
  await adminPage.getByLabel("Email").fill(email);
  await adminPage.getByLabel("Initial password", { exact: true }).fill("initial-passphrase-42");
  await adminPage.getByRole("button", { name: "Create user" }).click();
  await expect(adminPage.getByText(`User ${email} created`)).toBeVisible();
  await admin.close();

  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const u = await ctx.newPage();
  await signIn(u, email, "initial-passphrase-42");
  await expect(u).toHaveURL(/\/account\/password\?required=1/);
  await expect(u.getByLabel("New password", { exact: true })).toBeVisible();
  await expect(u.getByLabel("Current password")).toHaveCount(0);
  await u.getByLabel("New password", { exact: true }).fill("my-own-passphrase-43");
  await u.getByLabel("Confirm new password").fill("my-own-passphrase-43");
  await u.getByRole("button", { name: "Change password" }).click();
  await expect(u.getByText(/Password changed/)).toBeVisible();
  await u.goto("/account");
  await expect(u).toHaveURL(/\/account$/);
  // Once the change is done the form asks for the current password again.
  await u.goto("/account/password");
  await expect(u.getByLabel("Current password")).toBeVisible();
  await ctx.close();
});
