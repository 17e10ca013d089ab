import { and, asc, count, desc, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { preparedOnce } from "@/db/prepared";
import { memberships, tenants, users } from "@/db/schema";
import { requirePermission, requireTenant, type Caller } from "@/lib/authz/caller";
import { notFound } from "@/lib/errors";
import { asInvitedMember } from "./invitations";
import { normalizeEmail, type UserRow } from "./records";
import { userInScope } from "./scope";

/** Users of one tenant, newest first by default (API listings). */
export async function listTenantUsers(caller: Caller, q: { tenantId?: string; offset?: number; records?: number; order?: "ASC" | "DESC"; orderBy?: "created" | "updated" | "name" }) {
  await requirePermission(caller, "User", "Read");
  const tenantId = q.tenantId ?? caller.tenantId;
  await requireTenant(caller, tenantId);
  const col = q.orderBy === "name" ? users.email : q.orderBy === "updated" ? users.updatedAt : users.createdAt;
  const rows = (
    await db
      .select({ user: users, invitedAt: memberships.invitedAt })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.tenantId, tenantId))
      .orderBy(q.order === "ASC" ? asc(col) : desc(col), asc(users.id))
      .limit(Math.min(q.records ?? 10, 500))
      .offset(q.offset ?? 0)
  ).map(asSeenByTenant);
  const [counted] = await db.select({ n: count() }).from(memberships).where(eq(memberships.tenantId, tenantId));
  return { rows, total: counted!.n, tenantId };
}

/** A user by email, if the caller may see them (self, or User/Read in a shared tenant). */
export async function userByEmailInScope(caller: Caller, email: string) {
  const [u] = await db.select().from(users).where(eq(users.email, normalizeEmail(email)));
  if (!u) throw notFound("User not found");
  const user = await userInScope(caller, u.id);
  if (user.id !== caller.userId) await requirePermission(caller, "User", "Read");
  return user;
}

/** Live tenants the user belongs to, invitations not yet accepted aside (every tenant for a super admin). */
export async function organizationsOf(caller: Caller) {
  if (caller.isSuperAdmin) return await db.select().from(tenants).orderBy(asc(tenants.name));
  const rows = await db
    .select({ t: tenants })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, caller.userId), isNull(memberships.invitedAt)))
    .orderBy(asc(tenants.name));
  return rows.map((r) => r.t);
}

/** Every user of the caller's tenant by email, up to 10,000 (the Quatrix listing has no paging). */
const tenantUsersByEmail = preparedOnce("tenant_users_by_email", () =>
  db
    .select({ user: users, invitedAt: memberships.invitedAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, sql.placeholder("tenantId")))
    .orderBy(asc(users.email))
    .limit(10_000),
);

export async function allTenantUsers(caller: Caller) {
  await requirePermission(caller, "User", "Read");
  return (await tenantUsersByEmail({ tenantId: caller.tenantId })).map(asSeenByTenant);
}

/** A listed member as the tenant may see them: a pending invitation shows only its address. */
const asSeenByTenant = (r: { user: UserRow; invitedAt: Date | null }) => (r.invitedAt ? asInvitedMember(r.user, r.invitedAt) : r.user);
