"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { requirePermission } from "@/lib/authz/caller";
import { bulkSchema, runBulk } from "@/lib/users/bulk";
import { createUser } from "@/lib/users/create";
import { matchingUserIds, userQuerySchema } from "@/lib/users/list";

const createSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("invite"), email: z.email("Enter a valid email address"), firstName: z.string().trim().max(100), lastName: z.string().trim().max(100), role: z.string().optional() }),
  z.object({ mode: z.literal("password"), email: z.email("Enter a valid email address"), firstName: z.string().trim().max(100), lastName: z.string().trim().max(100), role: z.string().optional(), password: z.string().min(1, "Enter an initial password") }),
]);

export const createUserAction = authedAction(createSchema, async (caller, input) => {
  const user = await createUser(caller, {
    email: input.email,
    firstName: input.firstName,
    lastName: input.lastName,
    roles: input.role ? [input.role] : [],
    password: input.mode === "password" ? input.password : undefined,
    passwordChangeRequired: true,
    sendInvitation: input.mode === "invite",
  });
  revalidatePath("/admin/users");
  return { id: user.id, email: user.email };
});

/** Bulk on the selected ids, or on every user matching the table's current filter. */
export const bulkUsersAction = authedAction(
  z.union([bulkSchema, bulkSchema.omit({ ids: true }).extend({ filter: userQuerySchema.omit({ sort: true, dir: true, after: true, before: true, size: true }) })]),
  async (caller, input) => {
    await requirePermission(caller, "User", "Read");
    const ids = "ids" in input ? input.ids : await matchingUserIds(caller, input.filter, input.action);
    const res = await runBulk(caller, { action: input.action, ids, value: input.value });
    revalidatePath("/admin/users");
    return res;
  },
);
