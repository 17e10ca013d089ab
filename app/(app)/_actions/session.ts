"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { signOut } from "@/lib/sessions/admin";

/** Ends the current session row and drops its cookie, so the JWT is dead and gone. */
export const signOutAction = authedAction(
  z.object({}),
  async (caller) => {
    if (caller.sessionId) await signOut(caller);
    await forgetSessionCookie();
    return null;
  },
  { allowPending: true },
);

/**
 * Drops next-auth's session cookie (plain, or `__Host-`/`__Secure-` on https) after the session row has
 * already ended, e.g. by "sign out everywhere". Clearing one's own cookie needs no caller; doing it
 * here keeps next-auth's client library (and its CSRF round trip) out of every signed-in page.
 */
export async function forgetSessionCookieAction() {
  await forgetSessionCookie();
}

async function forgetSessionCookie() {
  const jar = await cookies();
  for (const { name } of jar.getAll())
    if (name.endsWith("next-auth.session-token"))
      jar.set(name, "", { maxAge: 0, path: "/", httpOnly: true, sameSite: "lax", secure: name.startsWith("__") });
}
