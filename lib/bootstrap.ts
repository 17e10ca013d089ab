import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { tenants, users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import { env } from "@/lib/env";
import { conflict, isAppError } from "@/lib/errors";
import { assertPasswordPolicy, DEFAULT_POLICY, hashPassword } from "@/lib/security/password";
import { ConfigError } from "@/lib/startup-failure";
import { insertTenantWithDefaults, systemRole } from "@/lib/tenants/defaults";
import { ensureMembership, insertUser } from "@/lib/users/records";

export const DEFAULT_TENANT = "Default";

export function hasAdministrator() {
  return !!db.select({ id: users.id }).from(users).where(eq(users.isSuperAdmin, true)).limit(1).get();
}

export function defaultTenant() {
  return db.select().from(tenants).where(eq(tenants.name, DEFAULT_TENANT)).get();
}

/** First start: the Default tenant, and the first administrator when ADMIN_EMAIL/ADMIN_PASSWORD are set. */
export async function bootstrap() {
  const count = db.select({ n: sql<number>`count(*)` }).from(tenants).get()!.n;
  if (count === 0) db.transaction((tx) => insertTenantWithDefaults(tx, DEFAULT_TENANT));
  if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD && !hasAdministrator())
    await createFirstAdministrator({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD, firstName: "Admin", lastName: "" }).catch((e: unknown) => {
      // Only a configuration change can fix this: say so instead of failing every request.
      if (isAppError(e) && e.kind === "validation") throw new ConfigError(`ADMIN_PASSWORD is refused by the password policy: ${e.message}`);
      throw e;
    });
}

/** The one-time /setup step; refused once any administrator exists. */
export async function createFirstAdministrator(input: { email: string; password: string; firstName: string; lastName: string }) {
  assertPasswordPolicy(input.password, DEFAULT_POLICY, "password", input.email);
  const passwordHash = await hashPassword(input.password);
  return db.transaction((tx) => {
    if (tx.select({ id: users.id }).from(users).where(eq(users.isSuperAdmin, true)).get())
      throw conflict("Setup is already complete");
    const tenant = tx.select().from(tenants).where(eq(tenants.name, DEFAULT_TENANT)).get() ?? insertTenantWithDefaults(tx, DEFAULT_TENANT);
    const user = insertUser(tx, { ...input, passwordHash, passwordUpdatedAt: new Date(), isSuperAdmin: true, verified: true });
    ensureMembership(tx, user.id, tenant.id, [systemRole(tx, tenant.id, "admin")!.name]);
    audit({ tenantId: tenant.id, actorId: user.id, actorEmail: user.email, action: "setup.completed", targetType: "user", targetId: user.id, targetLabel: user.email }, tx);
    return user;
  });
}
