import { createRequire } from "node:module";
import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { withCappedBody } from "@/app/api/_shared/auth-body";
import { POST } from "@/app/api/auth/[...nextauth]/route";
import { AUTH_MAX_BODY_BYTES } from "@/lib/security/limits";

// The next-auth route reads its body through a 16 KB cap and refuses bad JSON itself; everything
// else reaches next-auth as it was sent.

// next-auth's own body reader (not in its package exports), so the test sees what next-auth sees.
const { getBody } = createRequire(import.meta.url)(path.resolve(import.meta.dirname, "../../node_modules/next-auth/next/utils.js")) as {
  getBody: (req: Request) => Promise<Record<string, string> | undefined>;
};

const URL_ = "http://localhost/api/auth/callback/credentials";
const ctx = { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) };
const form = new URLSearchParams({ csrfToken: "abc123", email: "ada@example.test", password: "p&ss=wörd", callbackUrl: "/", json: "true" }).toString();
const request = (body: BodyInit | undefined, contentType: string, extra: Record<string, string> = {}) =>
  new NextRequest(URL_, { method: "POST", headers: { "content-type": contentType, cookie: "next-auth.csrf-token=abc123", ...extra }, body });

function spy() {
  const seen: NextRequest[] = [];
  const handler = vi.fn(async (req: NextRequest) => {
    seen.push(req);
    return new Response("ok");
  });
  return { seen, handler };
}

describe("withCappedBody", () => {
  it("hands next-auth a credentials sign-in form with the same URL, method, headers and body", async () => {
    const { seen, handler } = spy();
    const res = await withCappedBody(handler)(request(form, "application/x-www-form-urlencoded", { "x-forwarded-for": "10.0.0.1" }), ctx);
    expect(await res.text()).toBe("ok");
    const got = seen[0]!;
    expect(got.url).toBe(URL_);
    expect(got.nextUrl.pathname).toBe("/api/auth/callback/credentials");
    expect(got.method).toBe("POST");
    expect(Object.fromEntries(got.headers)).toEqual(Object.fromEntries(request(form, "application/x-www-form-urlencoded", { "x-forwarded-for": "10.0.0.1" }).headers));
    // What next-auth itself reads from it: the same fields as from the original request.
    const body = await getBody(got);
    expect(body).toEqual(await getBody(request(form, "application/x-www-form-urlencoded")));
    expect(body).toMatchObject({ email: "ada@example.test", password: "p&ss=wörd", json: "true" });
  });

  it("passes a valid JSON body and a body-less request through", async () => {
    const { seen, handler } = spy();
    await withCappedBody(handler)(request(JSON.stringify({ csrfToken: "x" }), "application/json"), ctx);
    expect(await getBody(seen[0]!)).toEqual({ csrfToken: "x" });
    await withCappedBody(handler)(request(undefined, "application/json"), ctx);
    expect(await getBody(seen[1]!)).toBeUndefined();
    const get = new NextRequest("http://localhost/api/auth/session");
    await withCappedBody(handler)(get, ctx);
    expect(seen[2]).toBe(get);
  });

  it("answers 413 past 16 KB, also for a chunked body with no Content-Length, without calling next-auth", async () => {
    const { handler } = spy();
    const big = "a=" + "x".repeat(AUTH_MAX_BODY_BYTES);
    expect((await withCappedBody(handler)(request(big, "application/x-www-form-urlencoded"), ctx)).status).toBe(413);
    const chunks = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(new Uint8Array(4096).fill(97));
      },
    });
    const chunked = new NextRequest(URL_, { method: "POST", headers: { "content-type": "application/json" }, body: chunks, duplex: "half" } as ConstructorParameters<typeof NextRequest>[1]);
    const res = await withCappedBody(handler)(chunked, ctx);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: "The request body is larger than 16 KB" });
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers 400 for malformed JSON", async () => {
    const { handler } = spy();
    const res = await withCappedBody(handler)(request("{", "application/json"), ctx);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "The request body is not valid JSON" });
    expect(handler).not.toHaveBeenCalled();
  });
});

describe("POST /api/auth/[...nextauth]", () => {
  it("answers malformed JSON with 400 and an oversized body with 413 (next-auth used to 500 and buffer it all)", async () => {
    expect((await POST(request("{", "application/json"), ctx)).status).toBe(400);
    expect((await POST(request("x".repeat(100_000), "application/x-www-form-urlencoded"), ctx)).status).toBe(413);
  });
});
