/**
 * Client address for audit, the sessions list and (with TRUST_PROXY) throttling. Next.js gives
 * route code headers only, no socket: it fills X-Forwarded-For with the socket address only when
 * the header is absent, so a client served directly can write any address there. Behind a proxy
 * that appends the address it saw, the last hop is the real one; see perClientKeys in lib/security/throttle.ts.
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
