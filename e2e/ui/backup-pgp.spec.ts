import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { bearer } from "../support/api";
import { createUser, expectSignedIn, formAlert, signIn } from "../support/env";
import { sqlBool, sqlRun } from "../support/sql";

/** Entries and groups of a user, read over the Forgiva API. */
async function vaultCounts(request: APIRequestContext, h: Record<string, string>) {
  const entries = (await (await request.post("/api/user/metadata/by_group", { headers: h, data: {} })).json()).totalRecords as number;
  const groups = (await (await request.post("/api/user/metadata/groups", { headers: h, data: {} })).json()).groups.length as number;
  return { entries, groups };
}

test("export a vault from one user and import it into another: same entries, same passwords", async ({ page, browser, request }, info) => {
  test.slow(); // Two users signed in, several uploads.
  const a = createUser();
  const b = createUser();
  const ah = await bearer(request, a.email, a.password);
  const top = (await (await request.post("/api/user/metadata/groups", { headers: ah, data: {} })).json()).groups[0].groupId;
  const id = (await (await request.post("/api/user/metadata/add", { headers: ah, data: { metadata: { host: "bank.example", account: "a-account", complexity: 1, groupId: top }, passwordLength: 18, optUppercase: true, optLowercase: true, optNumbers: true, optSymbols: false } })).json()).affectedRecords[0];
  const pw = (await (await request.post("/api/user/generate", { headers: ah, data: { metadataId: id, masterKey: "shared master", visualConfirmation: "Panda" } })).json()).generatedPassword;

  await signIn(page, a.email, a.password);
  await expectSignedIn(page);
  await page.goto("/vault/backup");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download backup" }).click()]);
  const file = info.outputPath("vault.backup");
  await download.saveAs(file);

  const ctx = await browser.newContext();
  const pb = await ctx.newPage();
  await signIn(pb, b.email, b.password);
  await expectSignedIn(pb);
  await pb.goto("/vault/backup");
  const bh = await bearer(request, b.email, b.password);
  const empty = await vaultCounts(request, bh);
  expect(empty).toEqual({ entries: 0, groups: 1 });

  // Refused by the server's rules (a corrupt file, a duplicate group ref) before any preview or write.
  const corrupt = info.outputPath("corrupt.backup");
  fs.writeFileSync(corrupt, Buffer.from("{ nope").toString("base64"));
  await pb.getByLabel("Backup file").setInputFiles(corrupt);
  await expect(formAlert(pb)).toContainText("not a vault backup");
  await expect(pb.getByTestId("import-preview")).toHaveCount(0);
  const dup = info.outputPath("duplicate.backup");
  const g = { ref: "g", parentRef: null, name: "Twice", description: "" };
  const m = { groupRef: "g", host: "dup.example", account: "x", complexity: 1, length: 10, lowercase: true, uppercase: false, digits: false, symbols: false };
  fs.writeFileSync(dup, gzipSync(Buffer.from(JSON.stringify({ version: 1, groups: [g, g], metadatas: [m] }))).toString("base64"));
  await pb.getByLabel("Backup file").setInputFiles(dup);
  await expect(formAlert(pb)).toContainText('two groups share the ref "g"');
  await expect(pb.getByTestId("import-preview")).toHaveCount(0);
  expect(await vaultCounts(request, bh)).toEqual(empty);

  await pb.getByLabel("Backup file").setInputFiles(file);
  await expect(pb.getByTestId("import-preview")).toContainText("Will create 1 group(s) and 1 entry");
  await expect(pb.getByTestId("import-preview")).toContainText("bank.example — a-account");
  expect(await vaultCounts(request, bh)).toEqual(empty);
  await pb.getByRole("button", { name: "Import" }).click();
  await expect(pb.getByText("Imported 1 group(s) and 1 entry")).toBeVisible();
  expect(await vaultCounts(request, bh)).toEqual({ entries: 1, groups: 2 });
  await pb.goto("/vault?q=bank.example&all=1");
  await expect(pb.getByTestId("vault-entry")).toContainText("a-account");

  const copy = (await (await request.post("/api/user/metadata/search", { headers: bh, data: { criteria: "bank.example" } })).json()).metadata[0];
  expect((await (await request.post("/api/user/generate", { headers: bh, data: { metadataId: copy.metadataId, masterKey: "shared master", visualConfirmation: "Panda" } })).json()).generatedPassword).toBe(pw);
  await ctx.close();
});

test("a PGP key generated in the browser is accepted by gpg; a gpg key can be uploaded; admins never see the private part", async ({ page, request }, info) => {
  test.slow(); // Key generation in the browser and in gpg.
  const user = createUser();
  const admin = createUser({ roles: ["admin"] });
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);
  await page.goto("/account/pgp");
  await page.getByLabel("Name", { exact: true }).fill("Pat Gee");
  await page.getByLabel("Passphrase", { exact: true }).fill("short");
  await page.getByLabel("Repeat passphrase").fill("short");
  await page.getByRole("button", { name: "Generate key pair" }).click();
  await expect(formAlert(page)).toContainText("at least 10 characters");
  await page.getByLabel("Passphrase", { exact: true }).fill("a long pgp passphrase");
  await page.getByLabel("Repeat passphrase").fill("a long pgp passphrase");
  await page.getByRole("button", { name: "Generate key pair" }).click();
  const fingerprint = (await page.getByTestId("pgp-fingerprint").innerText()).trim();
  expect(fingerprint).toMatch(/^[0-9A-F]{40}$/);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download public key" }).click()]);
  const asc = info.outputPath("key.asc");
  await download.saveAs(asc);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "gpg-"));
  execFileSync("gpg", ["--homedir", home, "--batch", "--import", asc], { stdio: "pipe" });
  const listed = execFileSync("gpg", ["--homedir", home, "--batch", "--with-colons", "--fingerprint", user.email], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  expect(listed).toContain(`fpr:::::::::${fingerprint}:`);
  expect(listed).toContain("Pat Gee");

  // The private key was stored only in encrypted form; admins see only that a key exists.
  await page.getByLabel("Armored public key").fill("not a key");
  await page.getByRole("button", { name: "Save public key" }).click();
  await expect(formAlert(page)).toContainText("not an armored OpenPGP public key");
  await expect(page.getByTestId("pgp-fingerprint")).toHaveText(fingerprint);

  const own = await (await request.get(`/api/1.0/user/pgp-key/${user.id}`, { headers: await bearer(request, user.email, user.password) })).json();
  expect(Buffer.from(own.private, "base64").toString()).toContain("BEGIN PGP PRIVATE KEY BLOCK");
  const seen = await (await request.get(`/api/1.0/user/pgp-key/${user.id}`, { headers: await bearer(request, admin.email, admin.password) })).json();
  expect(Buffer.from(seen.public, "base64").toString()).toContain("BEGIN PGP PUBLIC KEY BLOCK");
  expect(seen.private).toBeUndefined();

  // Replace it with a key made by gpg itself, uploaded as a file.
  execFileSync("gpg", ["--homedir", home, "--batch", "--passphrase", "", "--quick-gen-key", "Gee Pee <gpg@example.test>", "ed25519", "sign", "1y"], { stdio: "pipe" });
  const gpgFpr = execFileSync("gpg", ["--homedir", home, "--batch", "--with-colons", "--fingerprint", "gpg@example.test"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).match(/^fpr:::::::::([0-9A-F]{40}):/m)![1];
  const upload = info.outputPath("gpg.asc");
  fs.writeFileSync(upload, execFileSync("gpg", ["--homedir", home, "--batch", "--armor", "--export", "gpg@example.test"]));
  await page.getByLabel("Upload a public key file").setInputFiles(upload);
  await page.getByRole("button", { name: "Save public key" }).click();
  await expect(page.getByTestId("pgp-fingerprint")).toHaveText(gpgFpr);
  await expect(page.getByText("Only the public key is stored.")).toBeVisible();

  await page.getByRole("button", { name: "Delete key" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("pgp-fingerprint")).toHaveCount(0);
  expect((await request.get(`/api/1.0/user/pgp-key/${user.id}`, { headers: await bearer(request, admin.email, admin.password) })).status()).toBe(404);
});

test("backup and public-key downloads are refused while a password change is pending, like the pages", async ({ page }, info) => {
  const user = createUser();
  await signIn(page, user.email, user.password);
  await expectSignedIn(page);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "gpg-"));
  execFileSync("gpg", ["--homedir", home, "--batch", "--passphrase", "", "--quick-gen-key", "Pending <pending@example.test>", "ed25519", "sign", "1y"], { stdio: "pipe" });
  const asc = info.outputPath("pending.asc");
  fs.writeFileSync(asc, execFileSync("gpg", ["--homedir", home, "--batch", "--armor", "--export", "pending@example.test"]));
  await page.goto("/account/pgp");
  await page.getByLabel("Upload a public key file").setInputFiles(asc);
  await page.getByRole("button", { name: "Save public key" }).click();
  await expect(page.getByTestId("pgp-fingerprint")).toBeVisible();
  expect((await page.request.get("/account/pgp/public.asc")).status()).toBe(200);
  const origin = { origin: new URL(page.url()).origin };
  const backup = Buffer.from(JSON.stringify({ version: 1, groups: [], metadatas: [] })).toString("base64");
  expect((await page.request.get("/vault/backup/export")).status()).toBe(200);
  expect((await page.request.post("/vault/backup/import?dryRun=1", { headers: origin, data: backup })).status()).toBe(200);
  // From another site the import is refused with a code the page translates.
  const foreign = await page.request.post("/vault/backup/import?dryRun=1", { headers: { origin: "https://elsewhere.example" }, data: backup });
  expect(foreign.status()).toBe(401);
  expect(await foreign.json()).toEqual({ error: "Sign in first", code: "errors.sessionEnded" });

  expect(await sqlRun("UPDATE users SET password_change_required = $1 WHERE email = $2", [sqlBool(true), user.email])).toBe(1);
  expect((await page.request.get("/vault/backup/export")).status()).toBe(404);
  // The upload says why, with the code the page translates (as a server action would).
  for (const url of ["/vault/backup/import?dryRun=1", "/vault/backup/import"]) {
    const pending = await page.request.post(url, { headers: origin, data: backup });
    expect(pending.status()).toBe(403);
    expect(await pending.json()).toEqual({ error: "Finish the required account setup first.", code: "errors.finishSetup" });
  }
  expect((await page.request.get("/account/pgp/public.asc")).status()).toBe(404);
  await page.goto("/vault/backup");
  await expect(page).toHaveURL(/\/account\/password\?required=1/);
});
