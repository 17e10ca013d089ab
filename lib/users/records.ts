import { and, eq, inArray, or } from "drizzle-orm";
import { db, type DB, type Tx } from "@/db/client";
import { keyPlaceholder } from "@/db/dialect";
import { preparedOnce } from "@/db/prepared";
import { membershipRoles, memberships, mfaMethods, roles, users } from "@/db/schema";
import { conflict, validation } from "@/lib/errors";

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export const fullNameOf = (u: { firstName?: string | null; lastName?: string | null }) =>
  [u.firstName, u.lastName].filter(Boolean).join(" ").trim();

export async function findUserByEmail(email: string, tx: Tx | DB = db): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.email, normalizeEmail(email)));
  return row;
}

const userById = preparedOnce("user_by_id", () => db.select().from(users).where(eq(users.id, keyPlaceholder("id"))));

export async function findUserById(id: string, tx: Tx | DB = db): Promise<UserRow | undefined> {
  // Every token request reads its user: the prepared statement outside a transaction.
  const [row] = tx === db ? await userById({ id }) : await tx.select().from(users).where(eq(users.id, id));
  return row;
}

// A join, not EXISTS: Drizzle leaves columns unqualified in a one-table select, so a correlated
// subquery's "id" would bind to the inner table.
const ownRecord = preparedOnce("user_with_authenticator", () =>
  db
    .select({ user: users, authenticator: mfaMethods.id })
    .from(users)
    .leftJoin(mfaMethods, and(eq(mfaMethods.userId, users.id), eq(mfaMethods.kind, "authenticator")))
    .where(eq(users.id, keyPlaceholder("id"))),
);

/** A user with whether they have an authenticator app, in one query (the token API's `users/mine` answers both). */
export async function findUserWithAuthenticator(id: string) {
  const rows = await ownRecord({ id });
  return rows[0] && { user: rows[0].user, hasAuthenticator: rows.some((r) => r.authenticator !== null) };
}

export async function findUserByUsername(username: string, tx: Tx | DB = db): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.username, username));
  return row;
}

/** A sign-in name: the email address or the username. */
export async function findUserByLogin(loginId: string, tx: Tx | DB = db): Promise<UserRow | undefined> {
  // Two different users may match (one by email, another by username): the first one found, as before.
  const [row] = await tx
    .select()
    .from(users)
    .where(or(eq(users.email, normalizeEmail(loginId)), eq(users.username, loginId.trim())))
    .limit(1);
  return row;
}

/** Inserts a user; a taken address is a field error on "email" (Quatrix code 31). */
export async function insertUser(tx: Tx | DB, input: NewUser): Promise<UserRow> {
  const email = normalizeEmail(input.email);
  if (await findUserByEmail(email, tx)) throw conflict("Email is already taken", "email");
  if (input.username && (await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username))).length)
    throw conflict("Username is already taken", "username");
  const [row] = await tx
    .insert(users)
    .values({ ...input, email, fullName: fullNameOf(input) })
    .returning();
  return row!;
}

/**
 * Adds (or returns) the user's membership in a tenant and gives it the named roles. Role names
 * or ids that do not exist in that tenant are a field error on "roles".
 */
export async function ensureMembership(tx: Tx | DB, userId: string, tenantId: string, roleRefs: string[] = [], extra: Partial<typeof memberships.$inferInsert> = {}) {
  let [m] = await tx.select().from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId)));
  if (!m) [m] = await tx.insert(memberships).values({ userId, tenantId, ...extra }).returning();
  if (roleRefs.length) {
    const found = await resolveRoles(tx, tenantId, roleRefs);
    for (const r of found) await tx.insert(membershipRoles).values({ membershipId: m!.id, roleId: r.id }).onConflictDoNothing();
  }
  return m!;
}

/** Roles of a tenant by name or id; unknown or retired ones are refused by name. */
export async function resolveRoles(tx: Tx | DB, tenantId: string, refs: string[]) {
  const unique = [...new Set(refs)];
  if (!unique.length) return [];
  const rows = [
    ...(await tx.select().from(roles).where(and(eq(roles.tenantId, tenantId), inArray(roles.name, unique)))),
    ...(await tx.select().from(roles).where(and(eq(roles.tenantId, tenantId), inArray(roles.id, unique)))),
  ];
  const missing = unique.filter((r) => !rows.some((row) => row.name === r || row.id === r));
  if (missing.length) throw validation(`Unknown role: ${missing.join(", ")}`, "roles");
  const retired = rows.filter((r) => r.revokedAt);
  if (retired.length) throw validation(`Role is retired: ${retired.map((r) => r.name).join(", ")}`, "roles");
  return [...new Map(rows.map((r) => [r.id, r])).values()];
}
