import { appUrl } from "@/lib/env";

export const TRUST_COOKIE = "iam.trusted-device";
/** Secure cookies whenever the app is served over HTTPS. */
export const secureCookies = appUrl.startsWith("https://");

/** Same-origin relative path only; anything else falls back to "/". */
export function safeCallbackUrl(value: string | null | undefined) {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}
