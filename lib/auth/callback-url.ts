import { appUrl } from "@/lib/env";

/**
 * Where to send the browser after sign-in: a path on our own origin, or "/".
 * Browsers drop tabs and line breaks from URLs and read `\` as `/`, so `/\t/evil.test` or
 * `/\evil.test` would leave the site: such values are refused before parsing. The rest is parsed
 * with `URL` against the app URL and kept only when it stays on our origin; the answer is the
 * parser's own serialization (percent-encoded ASCII), so it is also safe in a Location header.
 * API paths are refused too: a callback is a page.
 */
export function safeCallbackUrl(value: unknown, base: string = appUrl): string {
  if (typeof value !== "string" || !value.startsWith("/")) return "/";
  // Control characters (tab, CR, LF, …), DEL and backslashes: never part of a path we issue.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  let url: URL;
  let origin: string;
  try {
    origin = new URL(base).origin;
    url = new URL(value, origin);
  } catch {
    return "/";
  }
  if (url.origin !== origin) return "/";
  // Only pages: the login form navigates there with a same-origin request, which would pass the
  // API's CSRF check, so /login?callbackUrl=/api/v1/users/generate-tokens minted tokens on sign-in.
  if (/^\/api(\/|$)/i.test(decodedPath(url.pathname))) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.test" normalizes to "//evil.test", which a browser reads as another host.
  return path.startsWith("//") ? "/" : path;
}

/** The path as a router would match it (`/%61pi/…` is `/api/…`); undecodable stays as it is. */
function decodedPath(pathname: string) {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}
