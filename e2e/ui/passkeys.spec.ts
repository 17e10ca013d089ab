import { expect, test, type Browser, type CDPSession, type Page } from "@playwright/test";
import { ADMIN_STATE, createUser, expectSignedIn, formAlert, hydrated, signIn } from "../support/env";

/** Chromium's virtual authenticator (CDP): a platform authenticator with resident keys and user verification. */
async function virtualAuthenticator(page: Page, cdp?: CDPSession) {
  const session = cdp ?? (await page.context().newCDPSession(page));
  await session.send("WebAuthn.enable");
  const { authenticatorId } = await session.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { cdp: session, authenticatorId };
}

/**
 * Chromium's virtual authenticator answers the login page's autofill request (conditional
 * mediation) as soon as the email field is used, which would sign in without the password. For a
 * password sign-in, take the credentials off the page and put them back on a fresh authenticator.
 */
async function detach(auth: { cdp: CDPSession; authenticatorId: string }) {
  const { credentials } = await auth.cdp.send("WebAuthn.getCredentials", { authenticatorId: auth.authenticatorId });
  await auth.cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId: auth.authenticatorId });
  return async (page: Page) => {
    const next = await virtualAuthenticator(page, auth.cdp);
    for (const credential of credentials) await next.cdp.send("WebAuthn.addCredential", { authenticatorId: next.authenticatorId, credential });
    return next;
  };
}

/**
 * Passkey autofill (conditional mediation) stays off unless a test turns it on. Chromium's virtual
 * authenticator answers an autofill request as soon as the email field has focus, and the login
 * page focuses it on load, so an autofill sign-in would race whatever the test does next (the
 * passkey button, a password). The gate stands where a browser says whether it supports autofill.
 */
async function autofillGate(page: Page) {
  let allowed = false;
  await page.exposeFunction("__passkeyAutofillAllowed", () => allowed);
  await page.addInitScript(() => {
    const credential = window.PublicKeyCredential;
    const supported = credential?.isConditionalMediationAvailable?.bind(credential);
    if (!supported) return;
    const ask = (window as unknown as { __passkeyAutofillAllowed: () => Promise<boolean> }).__passkeyAutofillAllowed;
    Object.defineProperty(credential, "isConditionalMediationAvailable", { configurable: true, value: async () => (await ask()) && (await supported()) });
  });
  return (on: boolean) => {
    allowed = on;
  };
}

let allowAutofill: (on: boolean) => void;
test.beforeEach(async ({ page }) => {
  allowAutofill = await autofillGate(page);
});

async function addPasskey(page: Page, name: string) {
  await page.goto("/account/passkeys");
  await page.getByLabel("Passkey name").fill(name);
  await page.getByRole("button", { name: "Add passkey" }).click();
  await expect(page.getByText(`Passkey "${name}" added`)).toBeVisible();
  await expect(page.getByTestId("passkeys")).toContainText(name);
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

async function passwordless(page: Page) {
  await page.goto("/login");
  // A click before hydration does nothing: the ceremony is started by React.
  const button = page.getByRole("button", { name: "Sign in with a passkey" });
  await hydrated(button);
  await button.click();
}

test("enrol a passkey, sign in without a password, rename, remove with the password", async ({ page }) => {
  const user = createUser();
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);
  await virtualAuthenticator(page);
  await addPasskey(page, "Laptop");
  await expect(page.getByTestId("passkeys")).toContainText("Device-bound");
  await expect(page.getByTestId("passkeys")).toContainText("Last used never");
  // The first factor of the account comes with recovery codes.
  await expect(page.getByTestId("recovery-codes")).toBeVisible();
  await expect(page.locator("input[autocomplete='username webauthn']")).toHaveCount(0);
  await signOut(page);

  await expect(page.locator("input[autocomplete='username webauthn']")).toHaveCount(1);
  await passwordless(page);
  await expectSignedIn(page);
  await signOut(page);

  // Browser autofill: using the email field offers the passkey (conditional mediation). The
  // virtual authenticator may answer the focus alone and sign in before a key is typed (the field
  // is then gone), so the key press is only a nudge; the sign-in itself is what is checked.
  allowAutofill(true);
  await page.goto("/login");
  await page.getByLabel("Email").click();
  await page.getByLabel("Email").pressSequentially("a", { timeout: 3000 }).catch(() => undefined);
  await expectSignedIn(page);
  allowAutofill(false);
  await page.goto("/account/passkeys");
  await expect(page.getByTestId("passkeys")).not.toContainText("Last used never");

  await page.getByRole("button", { name: "Rename Laptop" }).click();
  await page.getByRole("dialog").getByLabel("Name", { exact: true }).fill("Work laptop");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Passkey renamed")).toBeVisible();
  await expect(page.getByTestId("passkeys")).toContainText("Work laptop");

  await page.getByRole("button", { name: "Remove Work laptop" }).click();
  await page.getByRole("dialog").getByLabel("Password").fill("not-my-password");
  await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
  await expect(page.getByRole("dialog").getByText("Current password is incorrect")).toBeVisible();
  await page.getByRole("dialog").getByLabel("Password").fill(user.password);
  await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
  await expect(page.getByText("Passkey removed")).toBeVisible();
  await expect(page.getByText("No passkeys yet.")).toBeVisible();

  await signOut(page);
  await passwordless(page);
  await expect(formAlert(page)).toContainText("not valid for this site");
});

test("password, then a passkey as the second factor; recovery codes keep working", async ({ page }) => {
  const user = createUser();
  await signIn(page, user.email, user.password);
  const auth = await virtualAuthenticator(page);
  await addPasskey(page, "Phone");
  const codes = (await page.getByTestId("recovery-codes").innerText()).split("\n").map((s) => s.trim()).filter(Boolean);
  expect(codes).toHaveLength(10);
  await signOut(page);

  const attach = await detach(auth);
  await signIn(page, user.email, user.password);
  await expect(page.getByText("Two-factor authentication")).toBeVisible();
  const again = await attach(page);
  await page.getByRole("button", { name: "Use a passkey instead" }).click();
  await expectSignedIn(page);
  await signOut(page);

  await detach(again);
  await signIn(page, user.email, user.password);
  await page.getByLabel("Code").fill(codes[0]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expectSignedIn(page);
});

async function forcedTenant(browser: Browser) {
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await admin.newPage();
  const name = `Forced ${Date.now().toString(36)}`;
  await page.goto("/admin/tenants");
  await page.getByLabel("New tenant name").fill(name);
  await page.getByRole("button", { name: "Create tenant" }).click();
  await expect(page).toHaveURL(/\/admin\/tenants\/[0-9a-f-]{36}$/);
  await page.getByLabel("Require two-factor authentication").click();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Tenant settings saved")).toBeVisible();
  await admin.close();
  return name;
}

test("a tenant that forces 2FA is satisfied by a passkey", async ({ page, browser }) => {
  const tenant = await forcedTenant(browser);
  const user = createUser({ tenant });
  await signIn(page, user.email, user.password, tenant);
  await expect(page).toHaveURL(/\/account\/mfa\?required=1/);
  await page.getByRole("link", { name: "Use a passkey instead" }).click();
  await expect(page).toHaveURL(/\/account\/passkeys/);
  const auth = await virtualAuthenticator(page);
  await addPasskey(page, "Security key");
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await page.goto("/account/sessions");
  await expect(page).toHaveURL(/\/account\/sessions/);
  // The last factor of a forced account cannot be removed.
  await page.goto("/account/passkeys");
  await page.getByRole("button", { name: "Remove Security key" }).click();
  await page.getByRole("dialog").getByLabel("Password").fill(user.password);
  await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
  await expect(page.getByRole("dialog").getByText(/Two-factor authentication is required/)).toBeVisible();
  await page.keyboard.press("Escape");

  await signOut(page);
  const attach = await detach(auth);
  await signIn(page, user.email, user.password, tenant);
  await expect(page.getByText("Two-factor authentication")).toBeVisible();
  await attach(page);
  await page.getByRole("button", { name: "Use a passkey instead" }).click();
  await expectSignedIn(page);
  await expect(page).not.toHaveURL(/required=1/);
});

test("an administrator sees and removes a user's passkey", async ({ page, browser }) => {
  const user = createUser();
  await signIn(page, user.email, user.password);
  await virtualAuthenticator(page);
  await addPasskey(page, "Desk key");

  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const a = await admin.newPage();
  await a.goto(`/admin/users/${user.id}`);
  await expect(a.getByTestId("user-passkeys")).toContainText("Desk key");
  await expect(a.getByTestId("user-mfa")).toBeVisible();
  await a.getByRole("button", { name: "Remove passkey Desk key" }).click();
  await a.getByRole("alertdialog").getByRole("button", { name: "Remove" }).click();
  // The toast: the refreshed audit trail below shows the same words.
  await expect(a.getByRole("region", { name: /^Notifications/ }).getByText("Passkey removed")).toBeVisible();
  await expect(a.getByTestId("user-passkeys")).toContainText("No passkeys.");
  await a.goto(`/admin/users/${user.id}`);
  await expect(a.getByTestId("user-audit")).toContainText("Passkey removed");
  await admin.close();

  // What the removed passkey's device could reach ends with it: the user's own browser is signed out.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
  await passwordless(page);
  await expect(formAlert(page)).toContainText("not valid for this site");
});

test("a cloned credential with a stale signature counter is refused", async ({ page, browser }) => {
  const user = createUser();
  await signIn(page, user.email, user.password);
  const first = await virtualAuthenticator(page);
  await addPasskey(page, "Original");
  const { credentials } = await first.cdp.send("WebAuthn.getCredentials", { authenticatorId: first.authenticatorId });
  expect(credentials).toHaveLength(1);
  const copy = credentials[0]!;
  await signOut(page);

  await passwordless(page);
  await expectSignedIn(page);
  await page.context().clearCookies();

  // The copy taken before that sign-in, on another authenticator: its counter is behind.
  await first.cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId: first.authenticatorId });
  const second = await virtualAuthenticator(page, first.cdp);
  await second.cdp.send("WebAuthn.addCredential", { authenticatorId: second.authenticatorId, credential: copy });
  await passwordless(page);
  await expect(formAlert(page)).toContainText("signature counter did not increase");

  // The refusal is in the user's audit trail.
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const a = await admin.newPage();
  await a.goto(`/admin/users/${user.id}`);
  await expect(a.getByTestId("user-audit")).toContainText("Cloned passkey refused");
  await admin.close();
});
