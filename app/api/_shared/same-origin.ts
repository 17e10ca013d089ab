import { appUrl } from "@/lib/env";

const app = new URL(appUrl);

/** Cookie-authenticated state changes must come from our own pages (CSRF). */
export function isSameOrigin(req: Request) {
  const origin = req.headers.get("origin");
  // Browsers leave Origin off same-origin GETs but always send Sec-Fetch-Site (pages cannot forge it).
  if (!origin) return req.headers.get("sec-fetch-site") === "same-origin";
  try {
    const o = new URL(origin);
    // An https install serves no page over plain http: an http page on our own host name is one a
    // network attacker injected, and the host alone would let it through.
    if (app.protocol === "https:" && o.protocol !== "https:") return false;
    return o.host === (req.headers.get("x-forwarded-host") ?? req.headers.get("host")) || o.origin === app.origin;
  } catch {
    return false;
  }
}
