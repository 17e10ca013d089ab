"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { deleteOwnKey, saveOwnKey } from "@/lib/pgp/store";

export const saveKeyAction = authedAction(
  z.object({ publicKey: z.string().min(1, "validation.publicKey").max(65_536), privateKey: z.string().max(65_536).optional() }),
  async (caller, input) => {
    const k = await saveOwnKey(caller, input);
    revalidatePath("/account/pgp");
    return { fingerprint: k.fingerprint };
  },
);

export const deleteKeyAction = authedAction(z.object({}), async (caller) => {
  await deleteOwnKey(caller);
  revalidatePath("/account/pgp");
  return null;
});
