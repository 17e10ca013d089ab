import { and, eq } from "drizzle-orm";
import type { DB, Tx } from "@/db/client";
import { rolePermissions, roles, tenants } from "@/db/schema";
import { BUILT_IN_ROLE_DESCRIPTIONS } from "@/lib/roles/built-in";

type TenantRow = typeof tenants.$inferSelect;

/** Creates a tenant with its built-in roles: admin (All/All) and member (the default role). */
export async function insertTenantWithDefaults(tx: Tx | DB, name: string, changedBy?: string): Promise<TenantRow> {
  const [tenant] = await tx.insert(tenants).values({ name, customerCode: name, changedBy }).returning();
  await addDefaultRoles(tx, tenant!.id, changedBy);
  return tenant!;
}

/**
 * The same, unless a tenant of that name exists (then nothing is written): for instances booting
 * together on one database, where check-then-insert would let both insert. Answers the tenant of
 * that name either way, and whether this call created it.
 */
export async function ensureTenantWithDefaults(tx: Tx | DB, name: string): Promise<{ tenant: TenantRow; created: boolean }> {
  const [inserted] = await tx.insert(tenants).values({ name, customerCode: name }).onConflictDoNothing({ target: tenants.name }).returning();
  if (inserted) {
    await addDefaultRoles(tx, inserted.id);
    return { tenant: inserted, created: true };
  }
  const [existing] = await tx.select().from(tenants).where(eq(tenants.name, name));
  return { tenant: existing!, created: false };
}

async function addDefaultRoles(tx: Tx | DB, tenantId: string, changedBy?: string) {
  const [admin] = await tx
    .insert(roles)
    .values({ tenantId, name: "admin", description: BUILT_IN_ROLE_DESCRIPTIONS.admin, isSystem: true, changedBy })
    .returning();
  await tx.insert(rolePermissions).values({ roleId: admin!.id, resource: "All", action: "All", changedBy });
  await tx.insert(roles).values({ tenantId, name: "member", description: BUILT_IN_ROLE_DESCRIPTIONS.member, isSystem: true, isDefault: true, changedBy });
}

export async function systemRole(tx: Tx | DB, tenantId: string, name: "admin" | "member") {
  const [row] = await tx.select().from(roles).where(and(eq(roles.tenantId, tenantId), eq(roles.name, name)));
  return row;
}
