/**
 * Client address for throttling and audit. Next.js does not expose the socket address to route
 * code; it fills X-Forwarded-For when absent, and a reverse proxy appends to it, so the last hop
 * is the most trustworthy entry. Deploy behind a proxy that sets it (see README).
 */
export function clientIp(headers: Headers) {
  const xff = headers.get("x-forwarded-for");
  const last = xff?.split(",").map((s) => s.trim()).filter(Boolean).pop();
  return (last ?? headers.get("x-real-ip") ?? "unknown").replace(/^::ffff:/, "").slice(0, 64);
}

export const userAgentOf = (headers: Headers) => (headers.get("user-agent") ?? "").slice(0, 300);

/** A short human label for the sessions list ("Chrome on Linux"). */
export function deviceLabel(ua: string) {
  const browser = /Edg\//.test(ua) ? "Edge" : /Chrome\//.test(ua) ? "Chrome" : /Firefox\//.test(ua) ? "Firefox" : /Safari\//.test(ua) ? "Safari" : /curl|node|undici|python|Go-http/i.test(ua) ? "API client" : "Browser";
  const os = /Windows/.test(ua) ? "Windows" : /Mac OS X/.test(ua) ? "macOS" : /Android/.test(ua) ? "Android" : /iPhone|iPad/.test(ua) ? "iOS" : /Linux/.test(ua) ? "Linux" : "";
  return os ? `${browser} on ${os}` : browser;
}
