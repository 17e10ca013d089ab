import "server-only";
import { cookies } from "next/headers";
import { secureCookies } from "@/lib/auth/cookies";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S, newDeviceCookie } from "@/lib/auth/device-cookie";

/**
 * A completed sign-in marks this browser as the account's known device (see lib/auth/device-cookie).
 * Not in a "use server" file: there every export is a public endpoint.
 */
export async function rememberDevice(userId: string) {
  const value = await newDeviceCookie(userId);
  (await cookies()).set(DEVICE_COOKIE, value, { httpOnly: true, sameSite: "lax", secure: secureCookies, maxAge: DEVICE_COOKIE_MAX_AGE_S, path: "/" });
}
