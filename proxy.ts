import { NextResponse, type NextRequest } from "next/server";

const PUBLIC_PREFIXES = ["/login", "/setup", "/forgot-password", "/reset-password", "/invite", "/signup", "/api", "/api-reference", "/_next", "/favicon"];

/**
 * Thin by design: send signed-out page requests to /login with a same-origin callbackUrl.
 * Authorization happens in every page, action and handler, never here.
 */
export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (PUBLIC_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return NextResponse.next();
  const hasCookie = req.cookies.getAll().some((c) => c.name.endsWith("next-auth.session-token"));
  if (hasCookie) return NextResponse.next();
  const url = req.nextUrl.clone();
  url.pathname = "/login";
  url.search = pathname === "/" ? "" : `?callbackUrl=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
