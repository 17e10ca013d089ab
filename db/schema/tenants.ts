import { bool, createdAt, id, integer, table, text, ts, updatedAt } from "./kit";

export const tenants = table("tenants", {
  id: id(),
  name: text("name").notNull().unique(),
  customerCode: text("customer_code").notNull(),
  forceMfa: bool("force_mfa").notNull().default(false),
  allowSelfRegistration: bool("allow_self_registration").notNull().default(false),
  passwordMinLength: integer("password_min_length").notNull().default(10),
  rejectCommonPasswords: bool("reject_common_passwords").notNull().default(true),
  sessionLifetimeMinutes: integer("session_lifetime_minutes").notNull().default(60 * 12),
  retiredAt: ts("retired_at"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  changedBy: text("changed_by"),
});

/**
 * How many accepted members each tenant has, and how many of them are disabled or have a second
 * factor: the home page reads one row instead of one index entry per member. Kept exact by
 * triggers on tenants, memberships and users (migration *_tenant_member_counts on each engine),
 * so every write path, bulk SQL and cascades included, moves the counts in the same transaction.
 */
export const tenantMemberCounts = table("tenant_member_counts", {
  tenantId: text("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  members: integer("members").notNull().default(0),
  disabled: integer("disabled").notNull().default(0),
  mfaEnrolled: integer("mfa_enrolled").notNull().default(0),
});
