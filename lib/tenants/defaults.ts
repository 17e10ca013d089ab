import { and, eq } from "drizzle-orm";
import type { DB, Tx } from "@/db/client";
import { rolePermissions, roles, tenants } from "@/db/schema";

/** Creates a tenant with its built-in roles: admin (All/All) and member (the default role). */
export function insertTenantWithDefaults(tx: Tx | DB, name: string, changedBy?: string) {
  const tenant = tx.insert(tenants).values({ name, customerCode: name, changedBy }).returning().get();
  const admin = tx
    .insert(roles)
    .values({ tenantId: tenant.id, name: "admin", description: "Full administration of this tenant", isSystem: true, changedBy })
    .returning()
    .get();
  tx.insert(rolePermissions).values({ roleId: admin.id, resource: "All", action: "All", changedBy }).run();
  tx.insert(roles)
    .values({ tenantId: tenant.id, name: "member", description: "Signed-in user; self-service only", isSystem: true, isDefault: true, changedBy })
    .run();
  return tenant;
}

export function systemRole(tx: Tx | DB, tenantId: string, name: "admin" | "member") {
  return tx.select().from(roles).where(and(eq(roles.tenantId, tenantId), eq(roles.name, name))).get();
}
