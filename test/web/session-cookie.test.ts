import path from "node:path";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { NextAuthOptions } from "next-auth";

// next-auth's own request handler (the one behind /api/auth/* and getServerSession); not in its
// package exports, so by file.
type Handler = (p: { req: Request; options: NextAuthOptions }) => Promise<{ body?: unknown; cookies?: { name: string }[] }>;
const { AuthHandler } = (await import(path.resolve("node_modules/next-auth/core/index.js"))) as { AuthHandler: Handler };

const APP = "https://iam.example.test";
const saved = { app: process.env.APP_URL, nextauth: process.env.NEXTAUTH_URL };
let authOptions: NextAuthOptions;
let hostCookie: string;

beforeAll(async () => {
  // lib/env reads APP_URL once: load the options afresh for an https deployment.
  process.env.APP_URL = APP;
  process.env.NEXTAUTH_URL = APP;
  vi.resetModules();
  const mod = await import("@/lib/auth/next-auth");
  authOptions = mod.authOptions;
  hostCookie = mod.SECURE_SESSION_COOKIE;
});
afterAll(() => {
  process.env.NEXTAUTH_URL = saved.nextauth;
  if (saved.app === undefined) delete process.env.APP_URL;
  else process.env.APP_URL = saved.app;
});

const sessionWith = async (cookie: string) => {
  const res = await AuthHandler({ req: new Request(`${APP}/api/auth/session`, { headers: { cookie, host: "iam.example.test", "x-forwarded-proto": "https" } }), options: authOptions });
  return res.body as { sid?: string };
};

describe("session cookie over HTTPS", () => {
  it("is __Host- (host-only, Secure, path /), so no other host of the domain can set it", () => {
    expect(hostCookie).toBe("__Host-next-auth.session-token");
    expect(authOptions.cookies?.sessionToken).toEqual({ name: hostCookie, options: { httpOnly: true, sameSite: "lax", path: "/", secure: true } });
  });

  it("reads a session only from the __Host- cookie: a __Secure- one (which a sibling subdomain can plant with Domain=) is ignored", async () => {
    const jwt = await encode({ token: { sid: "11111111-1111-4111-8111-111111111111" }, secret: authOptions.secret! });
    expect((await sessionWith(`${hostCookie}=${jwt}`)).sid).toBe("11111111-1111-4111-8111-111111111111");
    expect((await sessionWith(`__Secure-next-auth.session-token=${jwt}`)).sid).toBeUndefined();
  });
});
