"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { ACTIONS, RESOURCES } from "@/lib/authz/catalogue";
import { createRole, retireRole, updateRole } from "@/lib/roles/roles";

const permission = z.object({ resource: z.enum(RESOURCES), action: z.enum(ACTIONS) });
const roleInput = z.object({
  name: z.string().trim().min(1, "Enter a role name").max(100),
  description: z.string().trim().max(1000),
  defaultRole: z.boolean(),
  permissions: z.array(permission).max(RESOURCES.length * ACTIONS.length),
});

export const createRoleAction = authedAction(roleInput, (caller, input) => {
  const r = createRole(caller, input);
  revalidatePath("/admin/roles");
  return { id: r.id };
});

export const updateRoleAction = authedAction(roleInput.extend({ id: z.uuid() }), (caller, { id, ...input }) => {
  updateRole(caller, id, input);
  revalidatePath(`/admin/roles/${id}`);
  return null;
});

export const retireRoleAction = authedAction(z.object({ id: z.uuid() }), (caller, { id }) => {
  retireRole(caller, id);
  revalidatePath("/admin/roles");
  return null;
});
