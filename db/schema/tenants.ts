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
