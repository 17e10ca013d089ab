"use server";

import { z } from "zod";
import { requestPasswordReset } from "@/lib/account/one-time-codes";
import { publicAction } from "@/lib/auth/action";

export const forgotPasswordAction = publicAction(z.object({ email: z.email("validation.email") }), async ({ email }, meta) => {
  await requestPasswordReset(email, meta);
  return null;
});
