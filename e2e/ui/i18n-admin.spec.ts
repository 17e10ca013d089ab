import { expect, test, type Page } from "@playwright/test";
import { ADMIN_STATE, createUser } from "../support/env";

/**
 * The admin area in German and French, as the super admin. The admin's language is shared with
 * every other spec (they expect English): the last step, and afterAll if a step failed, set it back.
 */
test.describe.configure({ mode: "serial" });
test.use({ storageState: ADMIN_STATE });

/** Chooses a language on /settings whatever the page's current language (the field is found by id). */
async function chooseLanguage(page: Page, language: "en" | "de" | "fr") {
  await page.goto("/settings");
  await page.locator("#language").selectOption(language);
  await page.getByRole("button", { name: /^(Save settings|Einstellungen speichern|Enregistrer les paramètres)$/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", language);
}

/** None of these English strings is on the page's own content (the shell around it is not this area's). */
async function expectNoEnglish(page: Page, strings: string[]) {
  const main = page.locator("main");
  await expect(main).toBeVisible();
  const text = await main.innerText();
  for (const s of strings) expect(text, `"${s}" on ${page.url()}`).not.toContain(s);
}

test.afterAll(async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: ADMIN_STATE });
  await chooseLanguage(await ctx.newPage(), "en");
  await ctx.close();
});

test("in German every admin page, its forms, toasts and the audit labels are German", async ({ page }) => {
  const tag = `de${Date.now().toString(36)}`;
  const user = createUser({ email: `${tag}-user@example.test` });
  await chooseLanguage(page, "de");

  await page.goto(`/admin/users?q=${tag}`);
  await expect(page).toHaveTitle(/^Benutzer/);
  await expect(page.getByRole("heading", { name: "Benutzer", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Benutzer hinzufügen" })).toBeVisible();
  await expect(page.getByRole("link", { name: "CSV exportieren" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Zuletzt aktiv" })).toBeVisible();
  await expect(page.getByTestId("users-total")).toHaveText("1 Benutzer");
  await expectNoEnglish(page, ["Add user", "Export CSV", "Last active", "Rows per page", "Everyone with access", "Previous", "Next"]);

  await page.getByRole("button", { name: "Benutzer hinzufügen" }).click();
  await expect(page.getByRole("dialog").getByRole("heading", { name: "Einen Benutzer hinzufügen" })).toBeVisible();
  await page.getByRole("dialog").getByLabel("E-Mail").fill(user.email);
  await page.getByRole("dialog").getByRole("button", { name: "Einladung senden" }).click();
  // A lib error, translated at the form layer.
  await expect(page.getByRole("dialog").getByText("Diese E-Mail-Adresse ist bereits vergeben")).toBeVisible();
  // A fresh address: its invitation is the outbox message checked below.
  const invited = `${tag}-invited@example.test`;
  await page.getByRole("dialog").getByLabel("E-Mail").fill(invited);
  await page.getByRole("dialog").getByRole("button", { name: "Einladung senden" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();

  // A bulk action that changes nobody: the report gives lib's reason code in German.
  await page.getByLabel(`${user.email} auswählen`).check();
  await page.getByRole("button", { name: /1 ausgewählt – Aktionen/ }).click();
  await page.getByRole("menuitem", { name: "Aktivieren", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "1 Benutzer aktivieren" }).click();
  const report = page.getByTestId("bulk-report");
  await expect(report.getByText("Bereits aktiv (1)")).toBeVisible();
  await expect(report).toContainText(user.email);
  await expect(report).not.toContainText("Already active");
  await report.getByRole("button", { name: "OK" }).click();
  await expect(report).toBeHidden();

  await page.getByRole("link", { name: user.email }).click();
  await expect(page.getByText("Mitgliedschaften")).toBeVisible();
  await expect(page.getByText("Kontoaktionen")).toBeVisible();
  await expect(page.getByRole("button", { name: "Überall abmelden" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Audit-Verlauf" })).toBeVisible();
  await expectNoEnglish(page, ["Memberships", "Account actions", "Audit trail", "Sign out everywhere", "Delete user", "No method enrolled", "All users"]);

  await page.goto("/admin/groups");
  await expect(page.getByRole("heading", { name: "Gruppen", exact: true })).toBeVisible();
  // Blank after trimming: the action's zod message, by its admin.validation key.
  await page.getByLabel("Gruppenname").fill("   ");
  await page.getByRole("button", { name: "Gruppe erstellen" }).click();
  await expect(page.getByText("Geben Sie einen Gruppennamen ein").first()).toBeVisible();
  await page.getByLabel("Gruppenname").fill(`Technik ${tag}`);
  await page.getByRole("button", { name: "Daten hinzufügen" }).click();
  await page.getByLabel("Datenschlüssel 1").fill("kostenstelle");
  await page.getByLabel("Datenwert 1").fill(tag);
  await page.getByRole("button", { name: "Gruppe erstellen" }).click();
  await expect(page.getByText(`Gruppe Technik ${tag} erstellt`)).toBeVisible();
  await expectNoEnglish(page, ["New group", "Create group", "Search", "No groups"]);
  await page.getByRole("link", { name: `Technik ${tag}` }).click();
  await expect(page.getByRole("link", { name: "Alle Gruppen" })).toBeVisible();
  await expect(page.getByText("Gruppendetails")).toBeVisible();
  await expect(page.getByRole("button", { name: "Gruppe löschen" })).toBeVisible();
  await expect(page.getByText("Noch keine Mitglieder.")).toBeVisible();
  await expectNoEnglish(page, ["All groups", "Group details", "Members", "Delete group", "Save group"]);

  await page.goto("/admin/roles");
  await expect(page.getByRole("heading", { name: "Rollen", exact: true })).toBeVisible();
  await expect(page.getByTestId("toggle-retired")).toHaveText("Stillgelegte Rollen einbeziehen");
  await expectNoEnglish(page, ["Include retired roles", "Permissions", "Create role", "New role"]);
  await page.getByTestId("role-row").getByRole("link", { name: "admin", exact: true }).click();
  await expect(page.getByText("Gewährte Berechtigungen")).toBeVisible();
  await expect(page.getByTestId("admin-matrix-note")).toContainText("Die integrierte Rolle admin hat immer All/All");
  await expect(page.getByRole("link", { name: "Alle Rollen" })).toBeVisible();
  await expectNoEnglish(page, ["Granted permissions", "Holders", "All roles", "Save role", "Resource"]);

  await page.goto("/admin/tenants");
  await expect(page.getByRole("heading", { name: "Mandanten", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Mandant erstellen" })).toBeVisible();
  await expectNoEnglish(page, ["Create tenant", "Two-factor", "Self-registration", "Created"]);
  await page.getByTestId("tenant-row").getByRole("link", { name: "Default", exact: true }).click();
  await expect(page.getByText("Die Sicherheitseinstellungen gelten für jedes Mitglied dieses Mandanten.")).toBeVisible();
  await expect(page.getByLabel("Zwei-Faktor-Authentifizierung verlangen")).toBeVisible();
  await expect(page.getByRole("button", { name: "Einstellungen speichern" })).toBeVisible();
  await expectNoEnglish(page, ["Save settings", "Retire tenant", "Minimum password length", "All tenants"]);

  await page.goto("/admin/audit");
  await expect(page).toHaveTitle(/^Audit-Protokoll/);
  await expect(page.getByRole("heading", { name: "Audit-Protokoll" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Filtern" })).toBeVisible();
  // The group created above, labelled in German; its machine name stays in the title.
  await page.getByLabel("Aktion", { exact: true }).fill("group.created");
  await page.getByLabel("Text", { exact: true }).fill(tag);
  await page.getByRole("button", { name: "Filtern" }).click();
  await expect(page).toHaveURL(/action=group\.created/);
  await expect(page.getByTestId("audit-row")).toHaveCount(1);
  await expect(page.getByTestId("audit-row").getByTitle("group.created")).toHaveText("Gruppe erstellt");
  await expectNoEnglish(page, ["Export CSV", "Group created", "Actor", "Target", "Previous"]);

  await page.goto(`/admin/outbox?q=${encodeURIComponent(invited)}`);
  await expect(page.getByRole("heading", { name: "Postausgang" })).toBeVisible();
  // No SMTP server in the tests: the invitation is kept here, its badge in German.
  await expect(page.getByTestId("outbox-message")).toHaveCount(1);
  await expect(page.getByTestId("outbox-message").getByText("gespeichert", { exact: true })).toBeVisible();
  await expectNoEnglish(page, ["Outbox", "Search recipient", "stored"]);

  // A background job, started from the German bulk bar.
  await page.goto(`/admin/users?q=${tag}`);
  await page.getByLabel(`${user.email} auswählen`).check();
  await page.getByRole("button", { name: /1 ausgewählt – Aktionen/ }).click();
  await page.getByRole("menuitem", { name: "Löschen …" }).click();
  await expect(page.getByRole("dialog")).toContainText("1 Benutzer löschen?");
  await page.getByRole("dialog").getByRole("button", { name: "1 Benutzer löschen" }).click();
  await expect(page).toHaveURL(/\/admin\/jobs\//);
  await expect(page.getByRole("heading", { name: "Hintergrundauftrag" })).toBeVisible();
  // The job's kind, not its machine name.
  await expect(page.getByText(/^Benutzer löschen · gestartet am /)).toBeVisible();
  await expect(page.getByTestId("job-status")).toHaveText("Abgeschlossen");
  await expect(page.getByTestId("job-count")).toHaveText("1 von 1 (100 %)");
  await expectNoEnglish(page, ["Background job", "Back to users", "Finished", "users.delete"]);
});

test("in French the admin pages are French, then English again for everyone else", async ({ page }) => {
  const tag = `fr${Date.now().toString(36)}`;
  const user = createUser({ email: `${tag}-user@example.test` });
  await chooseLanguage(page, "fr");

  // A bulk skip reason with a parameter: the role name inside the French sentence.
  await page.goto(`/admin/users?q=${tag}`);
  await page.getByLabel(`Sélectionner ${user.email}`).check();
  await page.getByRole("button", { name: /1 sélectionné\(s\) — Actions/ }).click();
  await page.getByRole("menuitem", { name: "Retirer un rôle…" }).click();
  await page.getByRole("dialog").getByLabel("Rôle").selectOption("admin");
  await page.getByRole("dialog").getByRole("button", { name: /^Retirer le rôle/ }).click();
  await expect(page.getByTestId("bulk-report").getByText("N’a pas le rôle admin (1)")).toBeVisible();
  await expect(page.getByTestId("bulk-report")).not.toContainText("Does not have the role");
  await page.getByTestId("bulk-report").getByRole("button", { name: "OK" }).click();

  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Utilisateurs", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Ajouter un utilisateur" })).toBeVisible();
  await expect(page.getByText("Lignes par page")).toBeVisible();
  await expectNoEnglish(page, ["Add user", "Export CSV", "Rows per page", "Previous"]);

  await page.goto("/admin/roles");
  await expect(page.getByRole("heading", { name: "Rôles", exact: true })).toBeVisible();
  await expect(page.getByTestId("toggle-retired")).toHaveText("Inclure les rôles retirés");
  await expectNoEnglish(page, ["Include retired roles", "Create role"]);

  // The sign-ins recorded so far (the setup's own), labelled in French.
  await page.goto("/admin/audit?action=login.success");
  await expect(page.getByRole("heading", { name: "Journal d’audit" })).toBeVisible();
  await expect(page.getByTestId("audit-row").first().getByTitle("login.success")).toHaveText("Connecté");
  await expect(page.getByRole("button", { name: "Filtrer" })).toBeVisible();
  await expectNoEnglish(page, ["Export CSV", "Actor", "Signed in"]);

  await chooseLanguage(page, "en");
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Users", exact: true })).toBeVisible();
});
