import { expect, test, type Page } from "@playwright/test";
import { createUser, expectSignedIn, hydrated, signIn } from "../support/env";

/**
 * The pages outside auth/account/settings in German and French: the shell, home, vault, backup,
 * API tokens, PGP, API reference, the 404 page, the phone drawer and a confirm dialog. Each page
 * is checked for German (French) words and for the absence of the English ones it used to show.
 * The user is an admin of a tenant of their own, so the tenant dashboard appears without changing
 * what other specs count in the Default tenant.
 */

/** The settings form in whatever language the page is in: the select and button by their place. */
async function chooseLanguage(page: Page, language: "en" | "de" | "fr") {
  await page.goto("/settings");
  await page.locator("select#language").selectOption(language);
  await page.locator("main form button[type=submit]").click();
  await expect(page.locator("html")).toHaveAttribute("lang", language);
}

/**
 * None of `english` appears in the rendered text (screen-reader-only text included) or the labels.
 * Not textContent: the inline RSC payload carries message keys, some of them English words.
 */
async function expectNoEnglish(page: Page, english: string[]) {
  const text = await page.evaluate(() => {
    const labels = [...document.querySelectorAll("[aria-label], [placeholder], [title]")].flatMap((e) => ["aria-label", "placeholder", "title"].map((a) => e.getAttribute(a) ?? ""));
    return [document.body.innerText, ...labels].join("\n");
  });
  for (const s of english) expect(text, `English "${s}" on ${page.url()}`).not.toContain(s);
}

const SHELL_ENGLISH = ["Skip to content", "Password & email", "API tokens", "API reference", "Audit log", ": account menu", "Switch to dark mode", "Switch to light mode"];

test("a German user sees the shell, home, vault, backup, tokens, PGP, API reference and 404 in German", async ({ page }) => {
  test.setTimeout(180_000);
  const tenant = `I18n ${Date.now().toString(36)}`;
  const user = createUser({ roles: ["admin"], tenant, createTenant: true });
  await signIn(page, user.email, user.password, tenant);
  await expectSignedIn(page);
  await chooseLanguage(page, "de");

  // Home: the shell and the tenant dashboard.
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page).toHaveTitle(/^Startseite/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Willkommen, /);
  const nav = page.getByRole("navigation", { name: "Hauptnavigation" });
  for (const link of ["Startseite", "Profil", "Passwort & E-Mail", "API-Tokens", "API-Referenz", "Passwörter", "Sicherung", "Einstellungen", "Benutzer", "Audit-Protokoll"])
    await expect(nav.getByRole("link", { name: link, exact: true })).toBeVisible();
  await expect(nav.getByText("Verwaltung")).toBeVisible();
  await expect(page.getByRole("link", { name: "Zum Inhalt springen" })).toBeAttached();
  await expect(page.getByRole("button", { name: /: Kontomenü$/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Zum (dunklen|hellen) Design wechseln$/ })).toBeVisible();
  await expect(page.getByTestId("checklist-progress")).toHaveText(/^\d von 4 erledigt$/);
  await expect(page.getByText("Erste Schritte")).toBeVisible();
  await expect(page.getByText("Anmeldungen der letzten 14 Tage")).toBeVisible();
  await expect(page.getByTestId("sign-ins-totals")).toHaveText(/^\d+ erfolgreich, \d+ fehlgeschlagen$/);
  await expect(page.getByText("Mitglieder dieses Mandanten")).toBeVisible();
  await expect(page.getByText("Letzte Aktivitäten")).toBeVisible();
  await expectNoEnglish(page, [...SHELL_ENGLISH, "Administration", "Welcome", "Getting started", "Sign-ins, last", "successful", "Members of this tenant", "MFA adoption", "Recent activity", "Mark policy as reviewed", "of 4 done"]);

  // The user menu (loaded on first use).
  await page.getByRole("button", { name: /: Kontomenü$/ }).click();
  await expect(page.getByRole("menuitem", { name: "Abmelden" })).toBeVisible();
  await page.keyboard.press("Escape");

  // Vault: labels, an empty group, a zod error from the server action, a confirm dialog.
  await page.goto("/vault");
  await expect(page).toHaveTitle(/^Passwörter/);
  await expect(page.getByRole("heading", { name: "Passwörter", level: 1 })).toBeVisible();
  await expect(page.getByText("Noch keine Einträge in dieser Gruppe.")).toBeVisible();
  await expect(page.getByPlaceholder("Host oder Konto suchen")).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Konto" })).toBeVisible();
  await expect(page.getByText("Zeilen pro Seite")).toBeVisible();
  await page.getByRole("button", { name: "Eintrag hinzufügen" }).click();
  const dialog = page.getByRole("dialog", { name: "Neuer Eintrag" });
  await expect(dialog.getByLabel("Komplexität (1–3)")).toBeVisible();
  await expect(dialog.getByText("Großbuchstaben")).toBeVisible();
  await dialog.getByRole("button", { name: "Eintrag speichern" }).click();
  await expect(dialog.getByText("Geben Sie einen Host oder ein Konto ein")).toBeVisible();
  await dialog.getByLabel("Host").fill("bank.example");
  await dialog.getByRole("button", { name: "Eintrag speichern" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("vault-entry")).toContainText("bank.example");
  await expect(page.getByTestId("vault-showing")).toHaveText("1–1 von 1");
  await expect(page.getByTestId("vault-entry")).toContainText(/\d+ Zeichen · Stufe \d/);
  await page.getByTestId("vault-entry").getByRole("button", { name: "Erzeugen" }).click();
  const generate = page.getByRole("dialog", { name: "Passwort für bank.example" });
  await expect(generate.getByText("Ihr Tier", { exact: true })).toBeVisible();
  await expect(generate.getByRole("button", { name: "Schildkröte" })).toBeVisible();
  await expect(generate.getByLabel("Hauptschlüssel wiederholen")).toBeVisible();
  await expectNoEnglish(page, ["Your animal", "Master key again", "Turtle", "Renewal date"]);
  await page.keyboard.press("Escape");
  await page.getByTestId("vault-entry").getByRole("button", { name: "Entfernen" }).click();
  const confirm = page.getByRole("alertdialog", { name: "bank.example entfernen?" });
  await expect(confirm.getByText("Der Eintrag wird entfernt.", { exact: false })).toBeVisible();
  await expect(confirm.getByRole("button", { name: "Abbrechen" })).toBeVisible();
  await expectNoEnglish(page, ["Cancel", "Confirm", "The entry is removed"]);
  await confirm.getByRole("button", { name: "Entfernen" }).click();
  await expect(page.getByText("Eintrag entfernt")).toBeVisible();
  await expect(page.getByTestId("vault-entry")).toHaveCount(0);
  await expectNoEnglish(page, [...SHELL_ENGLISH, "Passwords are derived", "Search host or account", "Add entry", "Rows per page", "No entries in this group", "Add as top-level group", "Entry removed"]);

  await page.goto("/vault/backup");
  await expect(page.getByRole("heading", { name: "Tresor-Sicherung", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sicherung herunterladen" })).toBeVisible();
  await expect(page.getByLabel("Sicherungsdatei")).toBeVisible();
  await expect(page.getByRole("option", { name: "Alles" })).toBeAttached();
  await expectNoEnglish(page, [...SHELL_ENGLISH, "Vault backup", "Download backup", "Backup file", "What to export", "All or nothing"]);
  // The import route answers in English with a code; the page shows the code's German message.
  await hydrated(page.getByLabel("Sicherungsdatei"));
  await page.getByLabel("Sicherungsdatei").setInputFiles({ name: "kaputt.txt", mimeType: "text/plain", buffer: Buffer.from("not a backup!") });
  await expect(page.getByText("Dies ist keine Tresor-Sicherung (kein Base64-kodiertes JSON).")).toBeVisible();
  await expectNoEnglish(page, ["This is not a vault backup"]);

  // The built-in roles of the user's own tenant, with their stock descriptions translated.
  await page.goto("/admin/roles");
  await expect(page.getByTestId("role-row").filter({ hasText: "admin" })).toContainText("Vollständige Verwaltung dieses Mandanten");
  await expect(page.getByTestId("role-row").filter({ hasText: "member" })).toContainText("Angemeldeter Benutzer; nur Selbstbedienung");
  await expectNoEnglish(page, ["Full administration of this tenant", "Signed-in user; self-service only"]);
  await page.getByTestId("role-row").getByRole("link", { name: "member", exact: true }).click();
  await expect(page.getByLabel("Beschreibung")).toHaveValue("Angemeldeter Benutzer; nur Selbstbedienung");

  // API tokens: a token created, its revoke confirmation, dates in German.
  await page.goto("/account/tokens");
  await expect(page.getByText("Keine API-Tokens.")).toBeVisible();
  await page.getByLabel("Name des Tokens").fill("Deploy");
  await page.getByLabel("Ihr Passwort").fill(user.password);
  await page.getByRole("button", { name: "Token erstellen" }).click();
  await expect(page.getByText("Kopieren Sie Ihr Token jetzt – es wird nicht noch einmal angezeigt")).toBeVisible();
  await expect(page.getByRole("button", { name: "Zugriffstoken kopieren" })).toBeVisible();
  const row = page.getByTestId("token-row").filter({ hasText: "Deploy" });
  await expect(row).toContainText("Dauerhaft");
  await expect(row).toContainText("Nie");
  await row.getByRole("button", { name: "Widerrufen" }).click();
  const revoke = page.getByRole("alertdialog", { name: "„Deploy“ widerrufen?" });
  await expect(revoke.getByText("Anwendungen, die dieses Token verwenden, funktionieren sofort nicht mehr.")).toBeVisible();
  await revoke.getByRole("button", { name: "Abbrechen" }).click();
  await expect(revoke).toBeHidden();
  await expectNoEnglish(page, [...SHELL_ENGLISH, "New token", "Token name", "Create token", "Copy access token", "Permanent", "Never", "Revoke", "Last used"]);

  // PGP: labels and a client-side check.
  await page.goto("/account/pgp");
  await expect(page.getByText("Ein Schlüsselpaar erzeugen", { exact: true })).toBeVisible();
  await hydrated(page.getByRole("button", { name: "Schlüsselpaar erzeugen" }));
  await page.getByLabel("Name", { exact: true }).fill("Grete Gast");
  await page.getByLabel("Passphrase", { exact: true }).fill("short");
  await page.getByLabel("Passphrase wiederholen").fill("short");
  await page.getByRole("button", { name: "Schlüsselpaar erzeugen" }).click();
  await expect(page.getByText("Verwenden Sie eine Passphrase mit mindestens 10 Zeichen")).toBeVisible();
  await expect(page.getByLabel("Datei mit öffentlichem Schlüssel hochladen")).toBeVisible();
  await expectNoEnglish(page, [...SHELL_ENGLISH, "Generate a key pair", "Use your own public key", "Armored public key", "Repeat passphrase", "Save public key"]);

  // API reference: the page's words and the operations' summaries are German (the OpenAPI JSON stays English).
  await page.goto("/api-reference");
  await expect(page.getByRole("heading", { name: "API-Referenz", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Zurück zur Konsole" })).toBeVisible();
  await expect(page.getByText(/^\d+ Operationen$/)).toBeVisible();
  await page.getByLabel("Operationen durchsuchen").fill("loginmfa");
  await expect(page.getByText(/^1 von \d+ Operationen passen$/)).toBeVisible();
  const op = page.locator("details:visible").first();
  await op.locator("summary").click();
  await expect(op.getByRole("heading", { name: "Ausprobieren" })).toBeVisible();
  await expect(op.getByTestId("op-summary")).toHaveText("Eine ausstehende Zwei-Faktor-Anmeldung abschließen");
  await expect(op.getByRole("button", { name: "curl-Befehl kopieren" })).toBeVisible();
  await expectNoEnglish(page, ["Back to the console", "Try it", "Copy curl command", "Search operations", "operations match", "Request body", "Machine-readable", "Complete a pending two-factor sign-in", "Sign in with email"]);
  const spec = await (await page.request.get("/api/openapi.json")).json();
  expect(spec.paths["/api/iambackoffice.IamBackoffice/LoginMfa"].post.summary).toBe("Complete a pending two-factor sign-in");

  // 404 inside the shell.
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Seite nicht gefunden" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Zur Startseite" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Hauptnavigation" })).toBeVisible();
  await expectNoEnglish(page, [...SHELL_ENGLISH, "Page not found", "Go to the home page"]);

  // The phone drawer at 390 px.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/vault");
  await page.getByRole("button", { name: "Menü öffnen" }).click();
  const drawer = page.getByRole("dialog", { name: "IAM Console" });
  await expect(drawer.getByRole("navigation", { name: "Menü" })).toBeVisible();
  await expect(drawer.getByRole("link", { name: "Passwörter" })).toHaveAttribute("aria-current", "page");
  await expect(drawer.getByRole("button", { name: "Schließen" })).toBeAttached();
  await expectNoEnglish(page, ["Open menu", "Close"]);
  await drawer.getByRole("link", { name: "Sitzungen" }).click();
  await expect(page).toHaveURL(/\/account\/sessions$/);

  await chooseLanguage(page, "en");
});

test("a French user sees home, vault, tokens and the 404 page in French", async ({ page }) => {
  test.setTimeout(120_000);
  const user = createUser();
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);
  await chooseLanguage(page, "fr");

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Bienvenue, /);
  await expect(page.getByText("Votre compte en un coup d’œil.")).toBeVisible();
  await expect(page.getByTestId("summary-mfa-status")).toHaveText("Désactivée");
  await expect(page.getByRole("link", { name: "Ouvrir le coffre-fort" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Mots de passe" })).toBeVisible();
  await expectNoEnglish(page, [...SHELL_ENGLISH, "Welcome", "Your account at a glance", "Open the vault", "Review sessions", "Only your password"]);

  await page.goto("/vault");
  await expect(page.getByRole("heading", { name: "Mots de passe", level: 1 })).toBeVisible();
  await expect(page.getByPlaceholder("Rechercher un hôte ou un compte")).toBeVisible();
  await expect(page.getByRole("button", { name: "Ajouter une entrée" })).toBeVisible();
  await expectNoEnglish(page, ["Search host or account", "Add entry", "Rows per page"]);

  await page.goto("/account/tokens");
  await expect(page.getByText("Aucun jeton d’API.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Créer le jeton" })).toBeVisible();
  await expectNoEnglish(page, ["No API tokens", "Create token", "Token name"]);

  // The API reference's operation summaries, in French.
  await page.goto("/api-reference");
  await expect(page.getByText("Se connecter avec l’e-mail (ou le nom d’utilisateur) et le mot de passe")).toBeVisible();
  await expectNoEnglish(page, ["Complete a pending two-factor sign-in", "Sign in with email", "List the users of the organization"]);
  await page.getByLabel("Rechercher des opérations").fill("loginmfa");
  await expect(page.locator("details:visible").getByTestId("op-summary")).toHaveText("Terminer une connexion à deux facteurs en attente");

  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "Page introuvable" })).toBeVisible();

  await chooseLanguage(page, "en");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Welcome, /);
});
