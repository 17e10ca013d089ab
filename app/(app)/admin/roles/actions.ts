"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { ACTIONS, RESOURCES } from "@/lib/authz/catalogue";
import { assignRoles, createRole, getRole, restoreRole, retireRole, revokePermission, unassignRoles, updateRole } from "@/lib/roles/roles";

// Any string, as BillForward stores them: a role holding a non-catalogue pair must still save.
const permission = z.object({ resource: z.string().trim().min(1).max(100), action: z.string().trim().min(1).max(100) });
const roleInput = z.object({
  name: z.string().trim().min(1, "admin.validation.roleName").max(100),
  description: z.string().trim().max(1000),
  defaultRole: z.boolean(),
  permissions: z.array(permission).max(RESOURCES.length * ACTIONS.length + 100),
});

export const createRoleAction = authedAction(roleInput, async (caller, input) => {
  const r = await createRole(caller, input);
  revalidatePath("/admin/roles");
  return { id: r.id };
});

/** Without `permissions` the matrix is left as it is (the built-in admin role's cannot change). */
export const updateRoleAction = authedAction(roleInput.extend({ id: z.uuid(), permissions: roleInput.shape.permissions.optional() }), async (caller, { id, ...input }) => {
  await updateRole(caller, id, input);
  revalidatePath(`/admin/roles/${id}`);
  return null;
});

/** `newDefault`: the role taking the default over when the retired one is the default (lib refuses a default role without one). */
export const retireRoleAction = authedAction(z.object({ id: z.uuid(), newDefault: z.uuid().optional() }), async (caller, { id, newDefault }) => {
  await retireRole(caller, id, undefined, { newDefault });
  revalidatePath("/admin/roles");
  return null;
});

export const restoreRoleAction = authedAction(z.object({ id: z.uuid() }), async (caller, { id }) => {
  await restoreRole(caller, id);
  revalidatePath("/admin/roles");
  revalidatePath(`/admin/roles/${id}`);
  return null;
});

export const revokePermissionAction = authedAction(z.object({ id: z.uuid(), ...permission.shape }), async (caller, { id, resource, action }) => {
  await revokePermission(caller, id, resource, action);
  revalidatePath(`/admin/roles/${id}`);
  return null;
});

/** Gives the role to (or takes it from) one user of the role's tenant; lib checks Role/Edit and tenant. */
export const roleHolderAction = authedAction(z.object({ id: z.uuid(), userId: z.uuid(), assign: z.boolean() }), async (caller, { id, userId, assign }) => {
  const r = await getRole(caller, id);
  await (assign ? assignRoles : unassignRoles)(caller, userId, r.tenantId, [r.id]);
  revalidatePath(`/admin/roles/${id}`);
  return null;
});
