"use server";

import { z } from "zod";
import { redeemCode } from "@/lib/account/one-time-codes";
import { publicAction } from "@/lib/auth/action";

const schema = z
  .object({
    code: z.string().trim().min(10, "Enter the code from the email").max(200),
    newPassword: z.string().min(1, "Choose a new password"),
    confirmPassword: z.string(),
    purpose: z.enum(["reset", "invite"]),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "The passwords do not match", path: ["confirmPassword"] });

/** Shared by the reset-password and invitation pages: both redeem an emailed code. */
export const setPasswordWithCodeAction = publicAction(schema, async (input, meta) => {
  await redeemCode(input, [input.purpose], meta);
  return null;
});
