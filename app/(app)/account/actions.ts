"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { changeEmail, changePassword } from "@/lib/account/credentials";
import { profileSchema, updateProfile } from "@/lib/account/profile";
import { authedAction } from "@/lib/auth/action";
import { disableOwnMethod, regenerateRecoveryCodes } from "@/lib/mfa/self-service";
import { revokeUserSession, signOut } from "@/lib/sessions/admin";
import { emailAddress } from "@/lib/input/schemas";

export const updateProfileAction = authedAction(profileSchema, async (caller, input) => {
  await updateProfile(caller, input);
  revalidatePath("/account");
  return null;
});

const passwordSchema = z
  .object({
    // Left out only by the forced change right after signing in (lib decides whether that may).
    currentPassword: z.string().min(1, "validation.currentPassword").optional(),
    newPassword: z.string().min(1, "validation.newPassword"),
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "validation.passwordsMismatch", path: ["confirmPassword"] });

export const changePasswordAction = authedAction(passwordSchema, (caller, input) => changePassword(caller, input), { allowPending: true });

const emailSchema = z.object({
  password: z.string().min(1, "validation.currentPassword"),
  newEmail: emailAddress("validation.email", "validation.emailTooLong"),
  confirmNewEmail: z.string().min(1, "validation.repeatEmail"),
});

export const changeEmailAction = authedAction(emailSchema, (caller, input) => changeEmail(caller, input));

export const disableMfaAction = authedAction(z.object({ methodId: z.uuid(), code: z.string().trim().min(4, "validation.currentCode") }), async (caller, input) => {
  await disableOwnMethod(caller, input.methodId, input.code);
  revalidatePath("/account/mfa");
  return null;
});

export const regenerateCodesAction = authedAction(z.object({ code: z.string().trim().min(4, "validation.currentCode") }), async (caller, { code }) => ({
  recoveryCodes: await regenerateRecoveryCodes(caller, code),
}));

export const revokeSessionAction = authedAction(z.object({ sessionId: z.uuid() }), async (caller, { sessionId }) => {
  await revokeUserSession(caller, caller.userId, sessionId);
  revalidatePath("/account/sessions");
  return null;
});

/** Ends every session including this one, and forgets trusted browsers; the client then clears its cookie. */
export const signOutEverywhereAction = authedAction(z.object({}), async (caller) => ({ ended: await signOut(caller, { global: true }) }), { allowPending: true });
