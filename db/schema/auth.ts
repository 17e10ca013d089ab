import { bool, createdAt, id, index, integer, json, table, text, ts, uniqueIndex } from "./kit";
import { tenants } from "./tenants";
import { users } from "./users";

const userRef = () =>
  text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" });

/** Second factors: TOTP authenticators (secret AES-GCM encrypted) and admin-set PINs (argon2id). */
export const mfaMethods = table(
  "mfa_methods",
  {
    id: id(),
    userId: userRef(),
    kind: text("kind", { enum: ["authenticator", "pin"] }).notNull(),
    secretEnc: text("secret_enc"),
    pinHash: text("pin_hash"),
    /** Highest TOTP time step accepted so far: a code is never accepted twice. */
    lastUsedStep: integer("last_used_step").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("mfa_methods_user_idx").on(t.userId)],
);

export const recoveryCodes = table(
  "recovery_codes",
  {
    id: id(),
    userId: userRef(),
    codeHash: text("code_hash").notNull(),
    usedAt: ts("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/**
 * Every signed-in session, browser or API. Browser sessions carry their id inside the next-auth
 * JWT; API sessions are found by the hash of their access token. Revoking = setting revokedAt.
 */
export const sessions = table(
  "sessions",
  {
    id: id(),
    userId: userRef(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["browser", "api"] }).notNull(),
    accessTokenHash: text("access_token_hash"),
    refreshTokenHash: text("refresh_token_hash"),
    userAgent: text("user_agent").notNull().default(""),
    ip: text("ip").notNull().default(""),
    device: text("device").notNull().default(""),
    createdAt: createdAt(),
    lastSeenAt: ts("last_seen_at").notNull(),
    expiresAt: ts("expires_at").notNull(),
    revokedAt: ts("revoked_at"),
  },
  (t) => [
    index("sessions_user_idx").on(t.userId),
    uniqueIndex("sessions_access_uq").on(t.accessTokenHash),
    uniqueIndex("sessions_refresh_uq").on(t.refreshTokenHash),
  ],
);

/** Long-lived and temporary API tokens (BillForward). Only SHA-256 hashes are kept. */
export const apiTokens = table(
  "api_tokens",
  {
    id: id(),
    userId: userRef(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["permanent", "temporary_private", "temporary_public"] }).notNull(),
    name: text("name").notNull().default(""),
    tokenHash: text("token_hash").notNull(),
    refreshTokenHash: text("refresh_token_hash"),
    readOnly: bool("read_only").notNull().default(false),
    createdAt: createdAt(),
    lastUsedAt: ts("last_used_at"),
    expiresAt: ts("expires_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [
    uniqueIndex("api_tokens_hash_uq").on(t.tokenHash),
    uniqueIndex("api_tokens_refresh_uq").on(t.refreshTokenHash),
    index("api_tokens_user_idx").on(t.userId),
  ],
);

/**
 * Short-lived, single-use secrets of the sign-in flow: "mfa" (password ok, second factor
 * pending = IamBackoffice twoFactorId) and "ticket" (fully verified, exchanged by next-auth).
 */
export const authChallenges = table(
  "auth_challenges",
  {
    id: id(),
    userId: userRef(),
    tenantId: text("tenant_id").notNull(),
    kind: text("kind", { enum: ["mfa", "ticket"] }).notNull(),
    secretHash: text("secret_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    data: json<Record<string, unknown>>("data").notNull().default({}),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("auth_challenges_secret_uq").on(t.secretHash)],
);

/** "Trust this device for 30 days": the browser keeps the token, we keep its hash. */
export const trustedDevices = table(
  "trusted_devices",
  {
    id: id(),
    userId: userRef(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: ts("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("trusted_devices_hash_uq").on(t.tokenHash)],
);

/** Single-use codes sent by email: password reset, invitation, email-change confirmation. */
export const oneTimeCodes = table(
  "one_time_codes",
  {
    id: id(),
    userId: userRef(),
    tenantId: text("tenant_id"),
    /** join: accept a tenant invitation (existing account) or confirm a self-registration. */
    purpose: text("purpose", { enum: ["reset", "invite", "join"] }).notNull(),
    codeHash: text("code_hash").notNull(),
    /** Self-registration: the chosen password's hash, applied only once the mailbox confirms. */
    passwordHash: text("password_hash"),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("one_time_codes_hash_uq").on(t.codeHash), index("one_time_codes_user_idx").on(t.userId)],
);

/** Failure counters for progressive throttling, keyed by "acct:<email>" or "ip:<address>". */
export const throttles = table("throttles", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lockedUntil: ts("locked_until"),
  updatedAt: ts("updated_at").notNull(),
});

/**
 * WebAuthn credentials (passkeys). The public key is COSE, base64url; `counter` is the highest
 * signature counter seen (a response that does not raise a non-zero counter is a cloned
 * credential). `deviceType` multiDevice = synced, singleDevice = device-bound.
 */
export const passkeys = table(
  "passkeys",
  {
    id: id(),
    userId: userRef(),
    credentialId: text("credential_id").notNull(),
    publicKey: text("public_key").notNull(),
    counter: integer("counter").notNull().default(0),
    transports: json<string[]>("transports").notNull().default([]),
    deviceType: text("device_type", { enum: ["singleDevice", "multiDevice"] }).notNull(),
    backedUp: bool("backed_up").notNull().default(false),
    aaguid: text("aaguid").notNull().default(""),
    name: text("name").notNull(),
    createdAt: createdAt(),
    lastUsedAt: ts("last_used_at"),
  },
  (t) => [uniqueIndex("passkeys_credential_uq").on(t.credentialId), index("passkeys_user_idx").on(t.userId)],
);

/**
 * WebAuthn ceremonies in progress, and the short step after a passkey sign-in where a user of
 * several tenants picks one. Only the SHA-256 of the challenge (or token) is stored; single use,
 * 5 minutes. register: adding a passkey (userId set); mfa: second factor of the sign-in whose
 * auth_challenges row is `ref`; login: passwordless (no user yet); tenant: verified, tenant pending.
 */
export const webauthnChallenges = table(
  "webauthn_challenges",
  {
    id: id(),
    purpose: text("purpose", { enum: ["register", "mfa", "login", "tenant"] }).notNull(),
    challengeHash: text("challenge_hash").notNull(),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    ref: text("ref"),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("webauthn_challenges_hash_uq").on(t.challengeHash)],
);
