import { expect, test } from "@playwright/test";
import { ADMIN_STATE, createUser, expectSignedIn, signIn } from "../support/env";

const ADMIN_PAGES = ["/admin/users", "/admin/groups", "/admin/roles", "/admin/tenants", "/admin/audit", "/admin/outbox"];

test("a member gets no admin page, link or export", async ({ page }) => {
  const member = createUser();
  await signIn(page, member.email, member.password);
  await expectSignedIn(page);
  for (const p of ["Users", "Groups", "Roles", "Tenants", "Audit log", "Outbox"]) await expect(page.getByRole("link", { name: p, exact: true })).toHaveCount(0);
  for (const p of ADMIN_PAGES) expect((await page.goto(p))?.status(), p).toBe(404);
  expect((await page.request.get("/admin/users/export")).status()).toBe(404);
  expect((await page.request.get("/admin/audit/export")).status()).toBe(404);
});

test("an admin of another tenant sees nothing of this tenant", async ({ browser }) => {
  const victim = createUser();
  const otherTenant = `Other ${Date.now().toString(36)}`;
  const foreign = createUser({ roles: ["admin"], tenant: otherTenant, createTenant: true });
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, foreign.email, foreign.password);
  await expectSignedIn(page);
  await expect(page.getByTestId("current-tenant")).toHaveText(otherTenant);
  expect((await page.goto(`/admin/users/${victim.id}`))?.status()).toBe(404);
  await page.goto(`/admin/users?q=${encodeURIComponent(victim.email)}`);
  await expect(page.getByText("No users match these filters.")).toBeVisible();
  expect((await page.goto("/admin/tenants"))?.status()).toBe(404);
  const csv = await (await page.request.get(`/admin/users/export?q=${encodeURIComponent(victim.email)}`)).text();
  expect(csv).not.toContain(victim.email);
  await ctx.close();
});

test("the super administrator switches tenants from the header", async ({ browser }) => {
  const name = `Switch ${Date.now().toString(36)}`;
  createUser({ tenant: name, createTenant: true });
  const ctx = await browser.newContext({ storageState: ADMIN_STATE });
  const page = await ctx.newPage();
  await page.goto("/account");
  await page.getByTestId("tenant-switcher").selectOption({ label: name });
  await expect(page.getByText(`Switched to ${name}`)).toBeVisible();
  await expect(page.getByTestId("tenant-switcher").locator("option:checked")).toHaveText(name);
  await page.getByTestId("tenant-switcher").selectOption({ label: "Default" });
  await expect(page.getByTestId("tenant-switcher").locator("option:checked")).toHaveText("Default");
  await ctx.close();
});
