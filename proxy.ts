import { NextResponse, type NextRequest } from "next/server";
import { badPathResponse, hasBadEscape } from "@/app/api/_shared/bad-path";
import { hstsFor, pageCsp } from "@/lib/security/csp";
import { SERVER_ACTION_MAX_BYTES } from "@/lib/security/limits";

const PUBLIC_PREFIXES = ["/login", "/setup", "/forgot-password", "/reset-password", "/invite", "/join", "/signup", "/api", "/api-reference", "/_next", "/favicon"];

/**
 * Thin by design: a per-request CSP nonce, a 413 (411) for server action bodies over their limit
 * (of no declared length), a 400
 * for API paths that cannot be decoded, and signed-out page requests sent to /login with a
 * same-origin callbackUrl. Authorization happens
 * in every page, action and handler, never here.
 */
export function proxy(req: NextRequest) {
  // Next answers an oversized action body with a 500; refuse it here by its declared length. A
  // browser always declares one, so a body without it (chunked) is refused too: past the limit Next
  // would stop the read with a 500.
  if (req.method === "POST" && req.headers.has("next-action")) {
    const length = req.headers.get("content-length");
    if (length === null) return plain("Send the form with a Content-Length", 411);
    if (Number(length) > SERVER_ACTION_MAX_BYTES) return plain("The form data is too large", 413);
  }
  // Next.js answers an API path it cannot percent-decode with a bare 500: a 400 in the surface's format instead.
  if (req.nextUrl.pathname.startsWith("/api/")) return hasBadEscape(req.nextUrl.pathname) ? badPathResponse(req.nextUrl.pathname) : NextResponse.next();
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const csp = pageCsp(nonce);
  const { pathname, search } = req.nextUrl;
  const signedOut = !req.cookies.getAll().some((c) => c.name.endsWith("next-auth.session-token"));
  if (signedOut && !PUBLIC_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    const url = req.nextUrl.clone();
    url.pathname = "/login";
    url.search = pathname === "/" ? "" : `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    return withCsp(NextResponse.redirect(url), csp);
  }
  // On the request, Next.js reads the nonce from the policy and puts it on the scripts it renders.
  const headers = new Headers(req.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  return withCsp(NextResponse.next({ request: { headers } }), csp);
}

const plain = (text: string, status: number) => new NextResponse(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

const withCsp = (res: NextResponse, csp: string) => {
  res.headers.set("Content-Security-Policy", csp);
  // As lib/env reads it (APP_URL, else NEXTAUTH_URL); read here without it to keep the proxy bundle small.
  const hsts = hstsFor(process.env.APP_URL || process.env.NEXTAUTH_URL);
  if (hsts) res.headers.set("Strict-Transport-Security", hsts);
  return res;
};

/**
 * Pages, plus API paths with a percent sign (only to refuse bad escapes). The APIs otherwise get a
 * static policy from next.config.ts and skip the proxy, so their bodies (up to the documented
 * 20 MB) are not copied by it (it buffers a few MB and would silently cut the rest); the backup
 * upload route likewise. The app icons, web manifest and vault animal pictures are static and public
 * (a signed-out browser asks for them on /login).
 */
export const config = {
  matcher: ["/((?!api/|vault/backup/import|_next/static|_next/image|favicon.ico|icon.svg|icon-192.png|icon-512.png|apple-icon.png|manifest.webmanifest|animals/).*)", "/api/(.*%.*)"],
};
