"use server";

import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { revokeSession } from "@/lib/sessions/sessions";

/** Ends the current session row before next-auth clears the cookie, so the JWT is dead too. */
export const signOutAction = authedAction(
  z.object({}),
  (caller) => {
    if (caller.sessionId) revokeSession(caller.userId, caller.sessionId);
    return null;
  },
  { allowPending: true },
);
