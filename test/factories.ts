import { db } from "@/db/client";
import { groupMembers, groups, memberships, rolePermissions, roles } from "@/db/schema";
import type { Caller } from "@/lib/authz/caller";
import { defaultTenant } from "@/lib/bootstrap";
import { hashPassword } from "@/lib/security/password";
import { insertTenantWithDefaults } from "@/lib/tenants/defaults";
import { ensureMembership, insertUser } from "@/lib/users/records";

let n = 0;
export const uniqueEmail = (prefix = "user") => `${prefix}-${Date.now()}-${++n}@example.test`;
export const PASSWORD = "correct horse battery staple";

/**
 * The Default tenant's id, read once: bootstrap (test/setup.ts) made it before any test runs and
 * no test renames it, so defaults in the synchronous helpers below can use it.
 */
const { id: defaultTenantId } = (await defaultTenant())!;

export async function makeUser(opts: { email?: string; roles?: string[]; tenantId?: string; superAdmin?: boolean } = {}) {
  const tenantId = opts.tenantId ?? defaultTenantId;
  const passwordHash = await hashPassword(PASSWORD);
  return await db.transaction(async (tx) => {
    const u = await insertUser(tx, { email: opts.email ?? uniqueEmail(), passwordHash, firstName: "Test", lastName: "User", isSuperAdmin: !!opts.superAdmin });
    await ensureMembership(tx, u.id, tenantId, opts.roles ?? []);
    return u;
  });
}

export async function makeTenant(name = `Tenant ${Date.now()}-${++n}`) {
  return await db.transaction((tx) => insertTenantWithDefaults(tx, name));
}

export function callerOf(user: { id: string; email: string; isSuperAdmin: boolean }, tenantId = defaultTenantId, extra: Partial<Caller> = {}): Caller {
  return { userId: user.id, email: user.email, tenantId, isSuperAdmin: user.isSuperAdmin, readOnly: false, ip: "127.0.0.1", ...extra };
}

export const membershipCount = async () => (await db.select({ id: memberships.id }).from(memberships)).length;

/** A role holding exactly these permission pairs (none: a role that grants nothing). */
export async function makeRoleWith(pairs: { resource: string; action: string }[], tenantId = defaultTenantId) {
  const [role] = await db.insert(roles).values({ tenantId, name: `narrow-${Date.now()}-${++n}` }).returning();
  if (pairs.length) await db.insert(rolePermissions).values(pairs.map((p) => ({ roleId: role!.id, ...p })));
  return role!;
}

/** A group of the tenant holding these users. */
export async function makeGroup(tenantId: string, name: string, userIds: string[], extra: { isSystem?: boolean; data?: Record<string, string> } = {}) {
  const [g] = await db.insert(groups).values({ tenantId, name, ...extra }).returning();
  if (userIds.length) await db.insert(groupMembers).values(userIds.map((userId) => ({ groupId: g!.id, userId })));
  return g!;
}

/**
 * Three members of a new tenant (a: member + admin, b: the default role, c: member), a also an
 * admin of a second tenant: what the per-user detail reads are compared on.
 */
export async function makeDetailedTenant() {
  const t = await makeTenant();
  const other = await makeTenant();
  const a = await makeUser({ tenantId: t.id, roles: ["member", "admin"] });
  const b = await makeUser({ tenantId: t.id });
  const c = await makeUser({ tenantId: t.id, roles: ["member"] });
  await ensureMembership(db, a.id, other.id, ["admin"]);
  return { t, other, a, b, c };
}
