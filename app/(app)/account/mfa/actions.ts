"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { cancelPendingAuthenticator, confirmPendingAuthenticator } from "@/lib/mfa/pending";

// Both work during a forced enrolment: they are how it is finished (or started over).
export const confirmAuthenticatorAction = authedAction(
  z.object({ code: z.string().trim().regex(/^\d{6}$/, "validation.totpCode") }),
  async (caller, { code }) => {
    const { recoveryCodes } = await confirmPendingAuthenticator(caller, code);
    return { recoveryCodes };
  },
  { allowPending: true },
);

export const cancelAuthenticatorAction = authedAction(
  z.object({}),
  async (caller) => {
    await cancelPendingAuthenticator(caller);
    revalidatePath("/account/mfa");
    return null;
  },
  { allowPending: true },
);
