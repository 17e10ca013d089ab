"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { generatePermanentToken, revokeToken } from "@/lib/tokens/tokens";

export const createTokenAction = authedAction(
  z.object({
    name: z.string().trim().min(1, "validation.tokenName").max(100, "validation.max100"),
    password: z.string().min(1, "validation.password"),
    code: z.string().trim().max(32).optional(),
  }),
  async (caller, input) => {
    const { accessToken, refreshToken } = await generatePermanentToken(caller, { ...input, code: input.code || undefined });
    revalidatePath("/account/tokens");
    return { accessToken, refreshToken };
  },
);

/** Revokes one of the user's tokens: the owner, or an admin of the user's tenant (checked in lib). */
export const revokeTokenAction = authedAction(z.object({ userId: z.uuid(), tokenId: z.uuid() }), async (caller, { userId, tokenId }) => {
  await revokeToken(caller, userId, tokenId);
  revalidatePath("/account/tokens");
  revalidatePath(`/admin/users/${userId}`);
  return null;
});
