import { appUrl } from "@/lib/env";

/** Cookie-authenticated state changes must come from our own pages (CSRF). */
export function isSameOrigin(req: Request) {
  const origin = req.headers.get("origin");
  // Browsers leave Origin off same-origin GETs but always send Sec-Fetch-Site (pages cannot forge it).
  if (!origin) return req.headers.get("sec-fetch-site") === "same-origin";
  try {
    const o = new URL(origin);
    return o.host === (req.headers.get("x-forwarded-host") ?? req.headers.get("host")) || o.origin === new URL(appUrl).origin;
  } catch {
    return false;
  }
}
