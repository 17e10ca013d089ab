"use server";

import { z } from "zod";
import { publicAction } from "@/lib/auth/action";
import { createFirstAdministrator } from "@/lib/bootstrap";
import { emailAddress } from "@/lib/input/schemas";

const schema = z.object({
  firstName: z.string().trim().min(1, "validation.firstName").max(100),
  lastName: z.string().trim().max(100).default(""),
  email: emailAddress("validation.email", "validation.emailTooLong"),
  password: z.string().min(1, "validation.choosePassword"),
});

export const setupAction = publicAction(schema, async (input) => {
  await createFirstAdministrator(input);
  return { email: input.email };
});
