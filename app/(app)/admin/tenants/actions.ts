"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { createTenant, setTenantRetired, switchTenant, tenantSettingsSchema, updateTenant } from "@/lib/tenants/tenants";

export const createTenantAction = authedAction(z.object({ name: z.string().trim().min(1, "admin.validation.tenantName").max(100) }), async (caller, { name }) => {
  const t = await createTenant(caller, name);
  revalidatePath("/admin/tenants");
  return { id: t.id };
});

export const updateTenantAction = authedAction(tenantSettingsSchema.extend({ id: z.uuid() }), async (caller, { id, ...input }) => {
  await updateTenant(caller, id, input);
  revalidatePath(`/admin/tenants/${id}`);
  return null;
});

export const retireTenantAction = authedAction(z.object({ id: z.uuid(), retired: z.boolean() }), async (caller, { id, retired }) => {
  await setTenantRetired(caller, id, retired);
  revalidatePath("/admin/tenants");
  return null;
});

// Allowed during a forced MFA set-up: a super admin who switched into a tenant that forces 2FA
// must always be able to switch back (an account-level requirement follows them anyway).
export const switchTenantAction = authedAction(
  z.object({ tenantId: z.uuid() }),
  async (caller, { tenantId }) => {
    await switchTenant(caller, tenantId);
    revalidatePath("/", "layout");
    return null;
  },
  { allowPending: true },
);
