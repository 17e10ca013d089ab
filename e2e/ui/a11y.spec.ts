import AxeBuilder from "@axe-core/playwright";
import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN_STATE, createUser } from "../support/env";
import { sqlRun, sqlTime } from "../support/sql";

/**
 * Every page a person uses, signed out and as the administrator, in light and dark: no serious or
 * critical axe-core violation, and at 390 px nothing wider than the phone.
 */
const SIGNED_OUT = ["/login", "/join", "/forgot-password", "/reset-password?code=not-a-real-code", "/invite?code=not-a-real-code"];
const SIGNED_IN_STATIC = [
  "/",
  "/account",
  "/account/password",
  "/account/mfa",
  "/account/passkeys",
  "/account/sessions",
  "/account/tokens",
  "/account/pgp",
  "/vault",
  "/vault/backup",
  "/settings",
  "/admin/users",
  "/admin/groups",
  "/admin/roles",
  "/admin/tenants",
  "/admin/audit",
  "/admin/outbox",
  "/api-reference",
  "/admin/no-such-page",
];

/** One record of each kind, so the detail pages are visited too. Made once per test process. */
const DETAILS = ["user", "group", "role", "tenant", "job"] as const;
let records: Promise<string[]> | undefined;
async function detailPages(browser: Browser) {
  records ??= (async () => {
    const tag = `a11y${Date.now().toString(36)}`;
    const user = createUser({ email: `${tag}@example.test` });
    const ctx = await browser.newContext({ storageState: ADMIN_STATE });
    const page = await ctx.newPage();
    await page.goto("/admin/groups");
    await page.getByLabel("Group name").fill(`Group ${tag}`);
    await page.getByRole("button", { name: "Create group" }).click();
    await page.getByRole("link", { name: `Group ${tag}` }).click();
    await expect(page).toHaveURL(/\/admin\/groups\/[0-9a-f-]{36}$/);
    const group = new URL(page.url()).pathname;
    const firstLink = async (list: string, pattern: RegExp) => {
      await page.goto(list);
      const hrefs = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
      const href = hrefs.find((h) => pattern.test(h));
      expect(href, `a detail link on ${list}`).toBeDefined();
      return href!;
    };
    const role = await firstLink("/admin/roles", /^\/admin\/roles\/[0-9a-f-]{36}$/);
    const tenant = await firstLink("/admin/tenants", /^\/admin\/tenants\/[0-9a-f-]{36}$/);
    await ctx.close();
    // A finished bulk-delete job, written directly: the page only shows its row.
    const job = randomUUID();
    const now = sqlTime(new Date());
    await sqlRun(
      "insert into jobs (id, tenant_id, kind, status, total, done, input, items, created_at, updated_at, finished_at) values ($1, $2, 'users.delete', 'done', 0, 0, '{}', '[]', $3, $3, $3)",
      [job, user.tenantId, now],
    );
    return [`/admin/users/${user.id}`, group, role, tenant, `/admin/jobs/${job}`];
  })();
  return records;
}

async function seriousViolations(page: Page) {
  // Every rule axe runs by default (WCAG 2.x A/AA and best practice), filtered to the serious ones.
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.split("\n").slice(1).join(" ")}`).join("\n")}`);
}

/** Waits for the page's content and its load before it is checked. */
async function open(page: Page, path: string) {
  await page.goto(path, { waitUntil: "load" });
  await expect(page.locator("main, h1").first()).toBeVisible();
}

const isDark = (page: Page) => page.evaluate(() => document.documentElement.classList.contains("dark"));

/**
 * The page as it loads in dark (the theme follows the system from the first paint), then, the
 * system switched to light, the same page again: one visit checks both.
 */
async function violationsInBothSchemes(page: Page, visit: () => Promise<void>) {
  await page.emulateMedia({ colorScheme: "dark" });
  await visit();
  expect(await isDark(page)).toBe(true);
  const dark = await seriousViolations(page);
  await page.emulateMedia({ colorScheme: "light" });
  await expect.poll(() => isDark(page)).toBe(false);
  return { dark, light: await seriousViolations(page) };
}
const NONE = { dark: [], light: [] };

test.describe("axe, dark and light", () => {
  test.describe("signed out", () => {
    test.use({ storageState: { cookies: [], origins: [] } });
    for (const path of SIGNED_OUT)
      test(path, async ({ page }) => {
        expect(await violationsInBothSchemes(page, () => open(page, path))).toEqual(NONE);
      });
  });

  test.describe("as the administrator", () => {
    test.use({ storageState: ADMIN_STATE });
    for (const path of SIGNED_IN_STATIC)
      test(path, async ({ page }) => {
        expect(await violationsInBothSchemes(page, () => open(page, path))).toEqual(NONE);
      });
    DETAILS.forEach((kind, i) =>
      test(`a ${kind}'s page`, async ({ page, browser }) => {
        test.setTimeout(120_000); // the first one also makes the records
        const path = (await detailPages(browser))[i]!;
        expect(await violationsInBothSchemes(page, () => open(page, path))).toEqual(NONE);
      }),
    );
    test("the drawer menu, open", async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      const openDrawer = async () => {
        await open(page, "/account");
        await page.getByRole("button", { name: "Open menu" }).click();
        await expect(page.getByRole("dialog", { name: "IAM Console" })).toBeVisible();
      };
      expect(await violationsInBothSchemes(page, openDrawer)).toEqual(NONE);
    });
  });
});

test.describe("at 390 px", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  const fits = async (page: Page, path: string) => {
    await open(page, path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${path} is ${width} px wide`).toBeLessThanOrEqual(390);
  };

  test("signed out, no page is wider than the phone", async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] }, viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    for (const path of SIGNED_OUT) await fits(page, path);
    await ctx.close();
  });

  test.describe("as the administrator", () => {
    test.use({ storageState: ADMIN_STATE });

    test("no page is wider than the phone", async ({ page, browser }) => {
      test.setTimeout(240_000);
      for (const path of [...SIGNED_IN_STATIC, ...(await detailPages(browser))]) await fits(page, path);
    });

    test("the menu is a drawer: a button opens it, Escape closes it and focus returns, a link navigates", async ({ page }) => {
      await open(page, "/account");
      await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
      const button = page.getByRole("button", { name: "Open menu" });
      await button.focus();
      await page.keyboard.press("Enter");
      const drawer = page.getByRole("dialog", { name: "IAM Console" });
      await expect(drawer.getByRole("navigation", { name: "Menu" })).toBeVisible();
      await expect(drawer.getByRole("link", { name: "Profile" })).toHaveAttribute("aria-current", "page");
      await page.keyboard.press("Escape");
      await expect(drawer).toBeHidden();
      await expect(button).toBeFocused();

      await button.click();
      await drawer.getByRole("link", { name: "Sessions" }).click();
      await expect(page).toHaveURL(/\/account\/sessions$/);
      await expect(drawer).toBeHidden();
    });
  });
});

test.describe("shell details", () => {
  test.use({ storageState: ADMIN_STATE });

  test("breadcrumbs name the record; a section without a page is not a link", async ({ page, browser }) => {
    const [user, group, , , job] = await detailPages(browser);
    await open(page, group!);
    const crumbs = page.getByRole("navigation", { name: "breadcrumb" });
    const name = await page.locator("h1").first().innerText();
    await expect(crumbs.getByRole("link", { name: "Groups" })).toHaveAttribute("href", "/admin/groups");
    await expect(crumbs.locator("[aria-current=page]")).toHaveText(name);
    await open(page, user!);
    await expect(crumbs.locator("[aria-current=page]")).toHaveText(await page.locator("h1").first().innerText());
    await open(page, job!);
    await expect(crumbs.getByText("Jobs")).toBeVisible();
    await expect(crumbs.getByRole("link", { name: "Jobs" })).toHaveCount(0);
  });

  test("a missing page keeps the shell when signed in", async ({ page }) => {
    const res = await page.goto("/admin/jobs");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Account menu" })).toBeVisible();
  });

  test("the app has an icon and a web manifest, served to signed-out browsers too", async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await ctx.newPage();
    await page.goto("/login");
    const icon = await page.locator("link[rel=icon]").first().getAttribute("href");
    const apple = await page.locator("link[rel=apple-touch-icon]").first().getAttribute("href");
    const manifest = await page.locator("link[rel=manifest]").getAttribute("href");
    for (const [href, type] of [[icon, "image/svg+xml"], [apple, "image/png"], [manifest, "application/manifest+json"]] as const) {
      const res = await page.request.get(href!, { maxRedirects: 0 });
      expect(res.status(), href!).toBe(200);
      expect(res.headers()["content-type"]).toContain(type);
    }
    const body = (await (await page.request.get(manifest!)).json()) as { name: string; icons: { src: string }[] };
    expect(body.name).toBe("IAM Console");
    for (const { src } of body.icons) expect((await page.request.get(src, { maxRedirects: 0 })).status(), src).toBe(200);
    await ctx.close();
  });
});
