"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { setSettings } from "@/lib/settings/settings";

export const saveSettingsAction = authedAction(z.object({ values: z.record(z.string().max(64), z.string().max(64)) }), async (caller, { values }) => {
  await setSettings(caller.userId, values);
  revalidatePath("/settings");
  revalidatePath("/vault");
  return null;
});
