"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { registerPasskey, registrationOptions, removeOwnPasskey, renamePasskey } from "@/lib/passkeys/passkeys";
import { passkeyView } from "@/lib/passkeys/store";
import { registrationResponse } from "@/lib/passkeys/wire";

const name = z.string().trim().min(1, "validation.passkeyName").max(64, "validation.max64");

// Allowed while MFA enrolment is pending: a passkey satisfies a forced second factor.
export const passkeyOptionsAction = authedAction(z.object({}), async (caller) => await registrationOptions(caller), { allowPending: true });

export const addPasskeyAction = authedAction(
  z.object({ name, response: registrationResponse }),
  async (caller, input) => {
    const { passkey, recoveryCodes } = await registerPasskey(caller, input);
    revalidatePath("/account/passkeys");
    return { passkey: passkeyView(passkey), recoveryCodes };
  },
  { allowPending: true },
);

export const renamePasskeyAction = authedAction(z.object({ passkeyId: z.uuid(), name }), async (caller, input) => {
  await renamePasskey(caller, input.passkeyId, input.name);
  revalidatePath("/account/passkeys");
  return null;
});

export const removePasskeyAction = authedAction(
  z.object({ passkeyId: z.uuid(), password: z.string().min(1, "validation.password").max(256) }),
  async (caller, input) => {
    await removeOwnPasskey(caller, input.passkeyId, { password: input.password });
    revalidatePath("/account/passkeys");
    return null;
  },
);
