import { bool, createdAt, id, index, primaryKey, table, text, ts, uniqueIndex, updatedAt } from "./kit";
import { tenants } from "./tenants";
import { memberships } from "./users";

export const roles = table(
  "roles",
  {
    id: id(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    isDefault: bool("is_default").notNull().default(false),
    /** Built-in admin/member roles: cannot be retired or renamed. */
    isSystem: bool("is_system").notNull().default(false),
    revokedAt: ts("revoked_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    changedBy: text("changed_by"),
  },
  (t) => [uniqueIndex("roles_tenant_name_uq").on(t.tenantId, t.name)],
);

export const rolePermissions = table(
  "role_permissions",
  {
    id: id(),
    roleId: text("role_id")
      .notNull()
      .references(() => roles.id, { onDelete: "cascade" }),
    resource: text("resource").notNull(),
    action: text("action").notNull(),
    revokedAt: ts("revoked_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    changedBy: text("changed_by"),
  },
  (t) => [index("role_permissions_role_idx").on(t.roleId)],
);

export const membershipRoles = table(
  "membership_roles",
  {
    membershipId: text("membership_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    roleId: text("role_id")
      .notNull()
      .references(() => roles.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.membershipId, t.roleId] }), index("membership_roles_role_idx").on(t.roleId)],
);
