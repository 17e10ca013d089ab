import { appUrl } from "@/lib/env";

export const TRUST_COOKIE = "iam.trusted-device";
/** Secure cookies whenever the app is served over HTTPS. */
export const secureCookies = appUrl.startsWith("https://");
