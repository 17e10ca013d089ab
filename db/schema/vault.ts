import { bool, createdAt, id, index, integer, table, text, ts, uniqueIndex, updatedAt } from "./kit";
import { users } from "./users";

const userRef = () =>
  text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" });

export const vaultGroups = table(
  "vault_groups",
  {
    id: id(),
    userId: userRef(),
    /** null = top level (Forgiva parentGroupId "0"). */
    parentId: text("parent_id"),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("vault_groups_user_idx").on(t.userId, t.parentId)],
);

/** Host/account entries; passwords are derived on demand, never stored. */
export const vaultEntries = table(
  "vault_entries",
  {
    id: id(),
    userId: userRef(),
    groupId: text("group_id")
      .notNull()
      .references(() => vaultGroups.id, { onDelete: "cascade" }),
    host: text("host").notNull(),
    account: text("account").notNull(),
    complexity: integer("complexity").notNull(),
    length: integer("length").notNull(),
    lowercase: bool("lowercase").notNull(),
    uppercase: bool("uppercase").notNull(),
    digits: bool("digits").notNull(),
    symbols: bool("symbols").notNull(),
    lastRenewal: text("last_renewal").notNull().default(""),
    generatedBefore: bool("generated_before").notNull().default(false),
    seq: integer("seq").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("vault_entries_group_idx").on(t.groupId, t.seq), index("vault_entries_user_host_idx").on(t.userId, t.host)],
);

/** One PGP key per user: the public key, and the private key only as the browser encrypted it. */
export const pgpKeys = table(
  "pgp_keys",
  {
    id: id(),
    userId: userRef(),
    name: text("name").notNull().default(""),
    email: text("email").notNull().default(""),
    publicKey: text("public_key").notNull(),
    privateKeyEncrypted: text("private_key_encrypted"),
    fingerprint: text("fingerprint").notNull(),
    algorithm: text("algorithm").notNull(),
    keyCreatedAt: ts("key_created_at"),
    keyExpiresAt: ts("key_expires_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("pgp_keys_user_uq").on(t.userId)],
);

export type VaultEntryRow = typeof vaultEntries.$inferSelect;
export type VaultGroupRow = typeof vaultGroups.$inferSelect;
