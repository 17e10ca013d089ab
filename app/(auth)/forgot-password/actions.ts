"use server";

import { z } from "zod";
import { requestPasswordReset } from "@/lib/account/one-time-codes";
import { publicAction } from "@/lib/auth/action";
import { emailAddress } from "@/lib/input/schemas";

export const forgotPasswordAction = publicAction(z.object({ email: emailAddress("validation.email", "validation.emailTooLong") }), async ({ email }, meta) => {
  await requestPasswordReset(email, meta);
  return null;
});
