import path from "node:path";
import { encode } from "next-auth/jwt";
import type { NextAuthOptions } from "next-auth";
import { describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/next-auth";
import { callerFromSessionId } from "@/lib/auth/resolve";
import { defaultTenant } from "@/lib/bootstrap";
import { createSession } from "@/lib/sessions/sessions";
import { makeUser } from "@/test/factories";

// next-auth's own request handler (behind /api/auth/*); not in its package exports, so by file.
type Handler = (p: { req: Request; options: NextAuthOptions }) => Promise<{ body?: unknown; cookies?: { name: string; value: string }[] }>;
const { AuthHandler } = (await import(path.resolve("node_modules/next-auth/core/index.js"))) as { AuthHandler: Handler };
const BASE = process.env.NEXTAUTH_URL!;

describe("next-auth's own sign-out endpoint", () => {
  it("ends the session row, not just the cookie: a kept copy of the JWT is dead", async () => {
    const user = await makeUser();
    const { session } = await createSession({ userId: user.id, tenantId: (await defaultTenant())!.id, kind: "browser" });
    const jwt = await encode({ token: { sub: user.id, sid: session.id }, secret: authOptions.secret! });
    const csrf = await AuthHandler({ req: new Request(`${BASE}/api/auth/csrf`), options: authOptions });
    const csrfCookie = csrf.cookies!.find((c) => c.name.endsWith("next-auth.csrf-token"))!;
    const res = await AuthHandler({
      req: new Request(`${BASE}/api/auth/signout`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: `${csrfCookie.name}=${csrfCookie.value}; next-auth.session-token=${jwt}` },
        body: JSON.stringify({ csrfToken: (csrf.body as { csrfToken: string }).csrfToken }),
      }),
      options: authOptions,
    });
    // The handler did sign out (it clears the session cookie)…
    expect(res.cookies?.some((c) => c.name === "next-auth.session-token" && c.value === "")).toBe(true);
    // …and the session is over on the server too.
    expect(await callerFromSessionId(session.id, "")).toBeNull();
  });
});
