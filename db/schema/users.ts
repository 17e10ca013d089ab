import { sql } from "drizzle-orm";
import { bool, createdAt, id, index, integer, json, nocase, nullsFirst, table, text, ts, uniqueIndex, updatedAt } from "./kit";
import { tenants } from "./tenants";

export const users = table(
  "users",
  {
    id: id(),
    /** Stored lower-cased: one identity per address, instance-wide. */
    email: text("email").notNull(),
    username: text("username"),
    firstName: text("first_name").notNull().default(""),
    middleName: text("middle_name").notNull().default(""),
    lastName: text("last_name").notNull().default(""),
    /** Denormalised "first last" for search and sort. */
    fullName: text("full_name").notNull().default(""),
    companyName: text("company_name").notNull().default(""),
    birthDate: text("birth_date"),
    imageUrl: text("image_url"),
    mobilePhone: text("mobile_phone"),
    timezone: text("timezone").notNull().default("UTC"),
    preferredLanguages: json<string[]>("preferred_languages").notNull().default([]),
    data: json<Record<string, string>>("data").notNull().default({}),
    passwordHash: text("password_hash"),
    passwordChangeRequired: bool("password_change_required").notNull().default(false),
    passwordUpdatedAt: ts("password_updated_at"),
    /** Bumped whenever every credential of the user ends (revokeAllCredentials): device cookies sign it, so they die too. */
    credentialsEpoch: integer("credentials_epoch").notNull().default(0),
    active: bool("active").notNull().default(true),
    verified: bool("verified").notNull().default(false),
    isSuperAdmin: bool("is_super_admin").notNull().default(false),
    /** Set by an admin (Quatrix set-mfa): the user must have a second factor. */
    mfaRequired: bool("mfa_required").notNull().default(false),
    /** Cached flag so the users table can filter on MFA without a join. */
    mfaEnrolled: bool("mfa_enrolled").notNull().default(false),
    quota: integer("quota"),
    lastLoginAt: ts("last_login_at"),
    successfulLogins: integer("successful_logins").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    changedBy: text("changed_by"),
  },
  (t) => [
    uniqueIndex("users_email_uq").on(t.email),
    uniqueIndex("users_username_uq").on(t.username).where(sql`${t.username} is not null`),
    // Sort indexes end with the id: keyset paging (lib/users/list.ts) breaks ties on it.
    index("users_full_name_idx").on(t.fullName, t.id),
    // Case-insensitive name search ("grace" finds "Grace Hopper") as an index range.
    index("users_full_name_nocase_idx").on(nocase(t.fullName)),
    index("users_created_idx").on(t.createdAt),
    index("users_last_login_idx").on(nullsFirst(t.lastLoginAt), t.id),
    index("users_active_idx").on(t.active, t.id),
    // The dashboard's MFA adoption: the enrolled accounts (partial: no filter or sort is drawn to it).
    index("users_mfa_enrolled_idx").on(t.id).where(sql`${t.mfaEnrolled}`),
  ],
);

export const memberships = table(
  "memberships",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    data: json<Record<string, string>>("data").notNull().default({}),
    timezone: text("timezone"),
    preferredLanguages: json<string[]>("preferred_languages").notNull().default([]),
    /**
     * Set while an invitation to an existing account (added by an admin of this tenant) awaits
     * acceptance: such a membership grants nothing and offers no sign-in. Null = a member.
     */
    invitedAt: ts("invited_at"),
    createdAt: createdAt(),
    /**
     * What a search of the users table matches on this membership, lower-cased: the account's
     * email, name and username joined by spaces, or only the email while the membership is a
     * pending invitation (that is all it shows). Kept by triggers on memberships and users
     * (migrations sqlite 0011, pg 0010) and never written by lib/: a search walking the tenant's
     * members newest first tests it in memberships_tenant_idx alone (lib/users/list.ts windowed).
     */
    searchText: text("search_text"),
    /**
     * The account's email, copied (same triggers, migrations sqlite 0012, pg 0011; never written by
     * lib/): memberships_tenant_email_idx walks the tenant's members in email order with the
     * searched text beside it, so a search sorted by email reads no account either. On SQLite an
     * insert's RETURNING shows this and searchText before the trigger filled them: read them back.
     */
    email: text("email").notNull().default(""),
  },
  (t) => [
    uniqueIndex("memberships_user_tenant_uq").on(t.userId, t.tenantId),
    // A tenant's members newest first, ties broken on the user id (keyset paging of the users
    // table), carrying the searched text so a search's walk reads no row. Not invited_at: an index
    // holding the tenant, the user and invited_at covers a page's join of memberships to users, and
    // SQLite then read every membership and sorted instead of walking the users' sort index.
    index("memberships_tenant_idx").on(t.tenantId, t.createdAt, t.userId, t.searchText),
    // The same walk in email order (the member pickers' and the users page's email sort).
    index("memberships_tenant_email_idx").on(t.tenantId, t.email, t.userId, t.searchText),
    // Pending invitations only (partial, so no tenant-wide query is drawn to it): the dashboard
    // counts accepted members as the tenant's memberships less these, both without reading rows.
    index("memberships_pending_idx").on(t.tenantId, t.userId).where(sql`${t.invitedAt} is not null`),
  ],
);

/** Per-user key/value settings (Forgiva settings keys, theme, language). */
export const userSettings = table(
  "user_settings",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    value: text("value").notNull(),
  },
  (t) => [uniqueIndex("user_settings_pk").on(t.userId, t.key)],
);
