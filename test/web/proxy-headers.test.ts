import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

const saved = { app: process.env.APP_URL, nextauth: process.env.NEXTAUTH_URL };
afterEach(() => {
  process.env.APP_URL = saved.app;
  process.env.NEXTAUTH_URL = saved.nextauth;
  if (saved.app === undefined) delete process.env.APP_URL;
});

const page = (path: string, cookie?: string) => proxy(new NextRequest(`http://localhost:3000${path}`, { headers: cookie ? { cookie } : {} }));

describe("proxy security headers", () => {
  it("pins HTTPS (HSTS) on pages and on the sign-in redirect when APP_URL is https", () => {
    process.env.APP_URL = "https://iam.example.test";
    for (const res of [page("/login"), page("/account"), page("/reset-password?code=abc"), page("/account", "next-auth.session-token=x")]) {
      expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
  });

  it("sends no HSTS over plain http (a browser would ignore it, and it would pin nothing)", () => {
    process.env.APP_URL = "http://localhost:3000";
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    expect(page("/login").headers.get("strict-transport-security")).toBeNull();
  });

  it("page CSP: nonce scripts only, no plugins, no <base> or framing elsewhere", () => {
    const csp = page("/login").headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    for (const d of ["object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'"]) expect(csp).toContain(d);
  });
});
