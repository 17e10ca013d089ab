"use server";

import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { signOut } from "@/lib/sessions/admin";

/** Ends the current session row before next-auth clears the cookie, so the JWT is dead too. */
export const signOutAction = authedAction(
  z.object({}),
  async (caller) => {
    if (caller.sessionId) await signOut(caller);
    return null;
  },
  { allowPending: true },
);
