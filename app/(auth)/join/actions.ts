"use server";

import { z } from "zod";
import { acceptJoin } from "@/lib/account/join";
import { publicAction } from "@/lib/auth/action";

const schema = z.object({
  code: z.string().trim().min(10, "validation.codeFromEmail").max(200),
  password: z.string().max(256).optional(),
});

/** Accepting a tenant invitation or confirming a self-registration, with the emailed code. */
export const acceptJoinAction = publicAction(schema, async (input, meta) => {
  await acceptJoin(input, meta);
  return null;
});
