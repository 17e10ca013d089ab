import { bool, createdAt, id, index, json, primaryKey, table, text, uniqueIndex, updatedAt } from "./kit";
import { tenants } from "./tenants";
import { users } from "./users";

export const groups = table(
  "groups",
  {
    id: id(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    data: json<Record<string, string>>("data").notNull().default({}),
    isSystem: bool("is_system").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("groups_tenant_name_uq").on(t.tenantId, t.name)],
);

export const groupMembers = table(
  "group_members",
  {
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("group_members_user_idx").on(t.userId)],
);
