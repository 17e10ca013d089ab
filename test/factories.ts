import { db } from "@/db/client";
import { memberships, rolePermissions, roles } from "@/db/schema";
import type { Caller } from "@/lib/authz/caller";
import { defaultTenant } from "@/lib/bootstrap";
import { hashPassword } from "@/lib/security/password";
import { insertTenantWithDefaults } from "@/lib/tenants/defaults";
import { ensureMembership, insertUser } from "@/lib/users/records";

let n = 0;
export const uniqueEmail = (prefix = "user") => `${prefix}-${Date.now()}-${++n}@example.test`;
export const PASSWORD = "correct horse battery staple";

export async function makeUser(opts: { email?: string; roles?: string[]; tenantId?: string; superAdmin?: boolean } = {}) {
  const tenantId = opts.tenantId ?? defaultTenant()!.id;
  const passwordHash = await hashPassword(PASSWORD);
  const user = db.transaction((tx) => {
    const u = insertUser(tx, { email: opts.email ?? uniqueEmail(), passwordHash, firstName: "Test", lastName: "User", isSuperAdmin: !!opts.superAdmin });
    ensureMembership(tx, u.id, tenantId, opts.roles ?? []);
    return u;
  });
  return user;
}

export function makeTenant(name = `Tenant ${Date.now()}-${++n}`) {
  return db.transaction((tx) => insertTenantWithDefaults(tx, name));
}

export function callerOf(user: { id: string; email: string; isSuperAdmin: boolean }, tenantId = defaultTenant()!.id, extra: Partial<Caller> = {}): Caller {
  return { userId: user.id, email: user.email, tenantId, isSuperAdmin: user.isSuperAdmin, readOnly: false, ip: "127.0.0.1", ...extra };
}

export const membershipCount = () => db.select().from(memberships).all().length;

/** A role holding exactly these permission pairs (none: a role that grants nothing). */
export function makeRoleWith(pairs: { resource: string; action: string }[], tenantId = defaultTenant()!.id) {
  const role = db.insert(roles).values({ tenantId, name: `narrow-${Date.now()}-${++n}` }).returning().get();
  if (pairs.length) db.insert(rolePermissions).values(pairs.map((p) => ({ roleId: role.id, ...p }))).run();
  return role;
}
