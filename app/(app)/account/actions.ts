"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { changeEmail, changePassword } from "@/lib/account/credentials";
import { profileSchema, updateProfile } from "@/lib/account/profile";
import { authedAction } from "@/lib/auth/action";
import { disableOwnMethod, regenerateRecoveryCodes } from "@/lib/mfa/self-service";
import { revokeUserSession, signOut } from "@/lib/sessions/admin";

export const updateProfileAction = authedAction(profileSchema, async (caller, input) => {
  await updateProfile(caller, input);
  revalidatePath("/account");
  return null;
});

const passwordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password"),
    newPassword: z.string().min(1, "Choose a new password"),
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "The passwords do not match", path: ["confirmPassword"] });

export const changePasswordAction = authedAction(passwordSchema, (caller, input) => changePassword(caller, input), { allowPending: true });

const emailSchema = z.object({
  password: z.string().min(1, "Enter your current password"),
  newEmail: z.email("Enter a valid email address"),
  confirmNewEmail: z.string().min(1, "Repeat the new address"),
});

export const changeEmailAction = authedAction(emailSchema, (caller, input) => changeEmail(caller, input));

export const disableMfaAction = authedAction(z.object({ methodId: z.uuid(), code: z.string().trim().min(4, "Enter a current code") }), async (caller, input) => {
  await disableOwnMethod(caller, input.methodId, input.code);
  revalidatePath("/account/mfa");
  return null;
});

export const regenerateCodesAction = authedAction(z.object({ code: z.string().trim().min(4, "Enter a current code") }), async (caller, { code }) => ({
  recoveryCodes: await regenerateRecoveryCodes(caller, code),
}));

export const revokeSessionAction = authedAction(z.object({ sessionId: z.uuid() }), async (caller, { sessionId }) => {
  await revokeUserSession(caller, caller.userId, sessionId);
  revalidatePath("/account/sessions");
  return null;
});

/** Ends every session including this one, and forgets trusted browsers; the client then clears its cookie. */
export const signOutEverywhereAction = authedAction(z.object({}), async (caller) => ({ ended: await signOut(caller, { global: true }) }), { allowPending: true });
