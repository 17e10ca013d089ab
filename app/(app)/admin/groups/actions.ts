"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { addMembers, createGroup, deleteGroup, removeMembers, updateGroup } from "@/lib/groups/groups";
import { pickUsers } from "@/lib/users/list";

// lib validates the data map (keys, lengths, count) and reports it on the "data" field.
const groupInput = z.object({ name: z.string().trim().min(1, "admin.validation.groupName").max(200), data: z.record(z.string(), z.string()) });

/** The system flag is set only here: a system group can never be deleted, so it never changes. */
export const createGroupAction = authedAction(groupInput.extend({ isSystem: z.boolean().default(false) }), async (caller, input) => {
  const g = await createGroup(caller, input);
  revalidatePath("/admin/groups");
  return { id: g.id };
});

export const updateGroupAction = authedAction(groupInput.extend({ id: z.uuid() }), async (caller, { id, ...input }) => {
  await updateGroup(caller, id, input);
  revalidatePath(`/admin/groups/${id}`);
  return null;
});

export const deleteGroupAction = authedAction(z.object({ id: z.uuid() }), async (caller, { id }) => {
  await deleteGroup(caller, id);
  revalidatePath("/admin/groups");
  return null;
});

export const groupMembersAction = authedAction(z.object({ id: z.uuid(), userIds: z.array(z.uuid()).min(1), add: z.boolean() }), async (caller, { id, userIds, add }) => {
  await (add ? addMembers : removeMembers)(caller, id, userIds);
  revalidatePath(`/admin/groups/${id}`);
  return null;
});

/** The member picker's server-side search (any part of email, name or username; 10 results). */
export const searchUsersAction = authedAction(z.object({ q: z.string().trim().min(1).max(100) }), async (caller, { q }) =>
  pickUsers(caller, q),
);
