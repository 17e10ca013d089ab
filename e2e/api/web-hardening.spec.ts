import { expect, request as newRequest, test } from "@playwright/test";
import { actors, IAM } from "../support/api";
import { ADMIN_STATE, createUser } from "../support/env";

const V1 = "/api/v1";

/** A request context signed in as the e2e administrator through the browser session cookie. */
async function adminCookies(extraHTTPHeaders?: Record<string, string>) {
  return newRequest.newContext({ baseURL: test.info().project.use.baseURL, storageState: ADMIN_STATE, extraHTTPHeaders });
}

const scriptSrc = (csp: string | undefined) => csp?.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";

test.describe("sign-in redirects stay on our origin", () => {
  test("a signed-in /login?callbackUrl=… redirects only to our own paths, and bad values are never a 500", async () => {
    const ctx = await adminCookies();
    const cases: [string, string][] = [
      ["/admin/users?q=ada", "/admin/users?q=ada"],
      ["/%09/evil.test", "/"],
      ["//evil.test", "/"],
      ["/\\evil.test", "/"],
      ["/\\/evil.test", "/"],
      ["/.//evil.test", "/"],
      ["https://evil.test/", "/"],
      ["/%0d%0a/evil.test", "/"],
      ["/account%0D%0ASet-Cookie:%20x=1", "/"],
      // The query is decoded once: %2F%2F arrives as "//"; a double-encoded one stays a path of ours.
      ["/%2F%2Fevil.test", "/"],
      ["/%252F%252Fevil.test", "/%2F%2Fevil.test"],
      ["/%5Cevil.test", "/"],
      ["/caf%C3%A9?q=%E2%9C%93", "/caf%C3%A9?q=%E2%9C%93"],
    ];
    for (const [callbackUrl, expected] of cases) {
      // Sent raw (already percent-encoded where needed), as a browser would send the link.
      const res = await ctx.get(`/login?callbackUrl=${callbackUrl.includes("%") ? callbackUrl : encodeURIComponent(callbackUrl)}`, { maxRedirects: 0 });
      expect(res.status(), callbackUrl).toBe(307);
      expect(res.headers().location, callbackUrl).toBe(expected);
    }
    await ctx.dispose();
  });

  test("signing in with callbackUrl=/%09/evil.test lands on our own site", async ({ page, baseURL }) => {
    const user = createUser();
    await page.goto("/login?callbackUrl=/%09/evil.test");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  });
});

test.describe("Content-Security-Policy", () => {
  test("pages carry a fresh nonce, 'strict-dynamic' and no 'unsafe-inline' for scripts; Next's scripts carry the nonce", async ({ request }) => {
    const a = await request.get("/login");
    const b = await request.get("/login");
    const policy = a.headers()["content-security-policy"];
    const script = scriptSrc(policy);
    const nonce = script.match(/'nonce-([A-Za-z0-9+/=]+)'/)?.[1];
    expect(nonce, policy).toBeTruthy();
    expect(script).toContain("'strict-dynamic'");
    expect(script).not.toContain("'unsafe-inline'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(scriptSrc(b.headers()["content-security-policy"])).not.toBe(script);
    const html = await a.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  test("API answers carry a static policy that allows nothing", async ({ request }) => {
    for (const res of [await request.get("/api/openapi.json"), await request.post(`${IAM}/Login`, { data: { loginId: "nobody@example.test", password: "x" } })])
      expect(res.headers()["content-security-policy"]).toContain("default-src 'none'");
  });

  for (const [label, path, signedIn] of [
    ["/login", "/login", false],
    ["a signed-in admin page", "/admin/users", true],
  ] as const) {
    test(`no CSP violation on ${label}; the theme script runs`, async ({ browser }) => {
      const ctx = await browser.newContext(signedIn ? { storageState: ADMIN_STATE } : {});
      const page = await ctx.newPage();
      const violations: string[] = [];
      page.on("console", (m) => {
        if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) violations.push(m.text());
      });
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => console.error(`Refused to execute: CSP ${e.violatedDirective} ${e.blockedURI}`));
      });
      await page.goto(path);
      await expect(page).toHaveURL(new RegExp(`${path}$`));
      // next-themes' inline script (nonce) puts the theme class on <html> before hydration.
      await expect(page.locator("html")).toHaveClass(/\b(light|dark)\b/);
      if (signedIn) await expect(page.getByRole("button", { name: "Account menu" })).toBeVisible();
      else await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
      // A client-side navigation loads more chunks under the same policy.
      if (signedIn) {
        await page.getByRole("link", { name: "Groups" }).first().click();
        await expect(page).toHaveURL(/\/admin\/groups/);
      }
      expect(violations).toEqual([]);
      await ctx.close();
    });
  }
});

test.describe("answers that carry tokens or codes are not cached", () => {
  test("Cache-Control: no-store on logins, token creation and MFA secrets, on every API", async ({ request }) => {
    const { admin } = await actors(request);
    const login = await request.post(`${IAM}/Login`, { data: { loginId: admin.email, password: admin.password } });
    const answers = [
      login,
      await request.get(`${V1}/users/generate-tokens`, { headers: admin.h }),
      await request.post(`${V1}/users/generate-permanent-api-token`, { headers: admin.h, data: { password: admin.password } }),
      await request.post(`${IAM}/GenerateSecretForQR`, { headers: admin.h, data: {} }),
      await request.post("/api/user/backup/export", { headers: admin.h, data: {} }),
      await request.get(`/api/1.0/user/metadata/${admin.id}`, { headers: admin.h }),
      await request.get("/api/auth/csrf"),
    ];
    for (const res of answers) {
      expect(res.status(), res.url()).toBe(200);
      expect(res.headers()["cache-control"], res.url()).toContain("no-store");
    }
  });
});

test.describe("cookie-authenticated credential minting", () => {
  test("BillForward GET generate-tokens by session cookie needs our Origin", async ({ baseURL }) => {
    const cases: [Record<string, string> | undefined, number][] = [
      [undefined, 401],
      [{ Origin: "http://evil.test" }, 401],
      [{ "Sec-Fetch-Site": "cross-site" }, 401],
      [{ Origin: new URL(baseURL!).origin }, 200],
    ];
    for (const [headers, status] of cases) {
      const ctx = await adminCookies(headers);
      const res = await ctx.get(`${V1}/users/generate-tokens`);
      expect(res.status(), JSON.stringify(headers)).toBe(status);
      if (status === 200) expect((await res.json()).privateToken.accessToken).toBeTruthy();
      await ctx.dispose();
    }
  });
});

test.describe("profile picture addresses", () => {
  test("IamBackoffice Register accepts only http(s) imageUrl", async ({ request }) => {
    const { admin } = await actors(request);
    for (const imageUrl of ["javascript:alert(1)", "data:image/png;base64,AAAA", "file:///etc/passwd", "ftp://example.test/a.png", "not a url"]) {
      const res = await request.post(`${IAM}/Register`, { headers: admin.h, data: { skipVerification: true, user: { email: `img-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`, password: "orchid-lantern-passphrase-78", imageUrl } } });
      expect(res.status(), imageUrl).toBe(400);
      expect((await res.json()).message, imageUrl).toContain("imageUrl");
    }
    const ok = await request.post(`${IAM}/Register`, { headers: admin.h, data: { skipVerification: true, user: { email: `img-ok-${Date.now()}@example.test`, password: "orchid-lantern-passphrase-78", imageUrl: "https://images.example.test/ada.png" } } });
    expect(ok.status(), await ok.text()).toBe(200);
    expect((await ok.json()).user.imageUrl).toBe("https://images.example.test/ada.png");
  });
});

test.describe("malformed input is a 4xx, not a 500", () => {
  test("a path parameter with a broken percent escape, on every surface", async ({ request }) => {
    const { admin } = await actors(request);
    const cases: [string, (body: Record<string, unknown>) => unknown][] = [
      [`${V1}/roles/%ZZ`, (b) => b.errorMessage],
      [`${V1}/roles/%E0%A4%A`, (b) => b.errorMessage],
      ["/api/1.0/user/metadata/%ZZ", (b) => b.msg],
    ];
    for (const [path, message] of cases) {
      const res = await request.get(path, { headers: admin.h });
      expect(res.status(), path).toBe(400);
      expect(message(await res.json()), path).toContain("percent-encoded");
    }
    // A valid escape still reaches the handler (an email in the path).
    const byName = await request.get(`${V1}/roles/${encodeURIComponent("no such role@x")}`, { headers: admin.h });
    expect(byName.status()).toBe(404);
  });
});
