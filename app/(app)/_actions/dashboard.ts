"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { acknowledgePasswordPolicy } from "@/lib/dashboard/checklist";

/** The dashboard checklist's "password policy reviewed". */
export const acknowledgePolicyAction = authedAction(z.object({}), async (caller) => {
  await acknowledgePasswordPolicy(caller);
  revalidatePath("/");
  return null;
});
