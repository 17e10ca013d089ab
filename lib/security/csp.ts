/**
 * Content-Security-Policy values. Pages get a fresh nonce per request (proxy.ts): Next.js puts it
 * on its own scripts when it finds the policy on the request, and 'strict-dynamic' lets those load
 * the app's chunks, so no inline script runs without the nonce. Styles keep 'unsafe-inline'
 * (Radix and next-themes set style attributes). API answers are JSON, never rendered: nothing at all.
 */
export function pageCsp(nonce: string, dev = process.env.NODE_ENV !== "production") {
  return [
    "default-src 'self'",
    // 'unsafe-eval' only in development: React's dev tooling needs it.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Strict-Transport-Security for an app served over HTTPS (by its APP_URL), else none: without it
 * a first visit by http:// (a typed address, an old bookmark) can be stripped of TLS by anyone on
 * the network, session and reset links included. One year; no includeSubDomains or preload, as the
 * other hosts of the domain are not ours to pin. Read per request (proxy.ts): APP_URL is a runtime
 * setting, and next.config.ts headers are fixed at build time.
 */
export const hstsFor = (appUrl: string | undefined) => (appUrl?.startsWith("https://") ? "max-age=31536000" : undefined);
