"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { requirePermission } from "@/lib/authz/caller";
import { validation } from "@/lib/errors";
import { bulkSchema, runBulk } from "@/lib/users/bulk";
import { createUser } from "@/lib/users/create";
import { matchingUserIds, userQuerySchema } from "@/lib/users/list";
import { emailAddress } from "@/lib/input/schemas";

const createSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("invite"), email: emailAddress("validation.email", "validation.emailTooLong"), firstName: z.string().trim().max(100), lastName: z.string().trim().max(100), role: z.string().optional() }),
  z.object({ mode: z.literal("password"), email: emailAddress("validation.email", "validation.emailTooLong"), firstName: z.string().trim().max(100), lastName: z.string().trim().max(100), role: z.string().optional(), password: z.string().min(1, "admin.validation.initialPassword") }),
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

const bulkFilter = userQuerySchema.omit({ sort: true, dir: true, after: true, before: true, size: true });

/**
 * Bulk on the selected ids, or on every user matching the table's current filter. Deleting all
 * matching carries the count the admin typed: when the filter now matches another number of users
 * (someone joined or left meanwhile) nothing is deleted and the admin sees the new number.
 */
export const bulkUsersAction = authedAction(
  z.union([bulkSchema, bulkSchema.omit({ ids: true }).extend({ filter: bulkFilter, confirmCount: z.number().int().min(0).optional() })]),
  async (caller, input) => {
    await requirePermission(caller, "User", "Read");
    const ids = "ids" in input ? input.ids : await matchingUserIds(caller, input.filter, input.action);
    if (!("ids" in input) && input.action === "delete" && input.confirmCount !== ids.length)
      throw validation(`The filter now matches ${ids.length.toLocaleString("en-US")} user(s): check the list and type that number to delete them`, "confirmCount");
    const res = await runBulk(caller, { action: input.action, ids, value: input.value });
    revalidatePath("/admin/users");
    return res;
  },
);

/** The exact number of users a delete of "all matching" would take (the table's count stops at 1,000). */
export const countMatchingAction = authedAction(z.object({ filter: bulkFilter }), async (caller, { filter }) => {
  await requirePermission(caller, "User", "Delete");
  return { count: (await matchingUserIds(caller, filter, "delete")).length };
});
