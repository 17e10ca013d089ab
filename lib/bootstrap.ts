import { eq, sql } from "drizzle-orm";
import { db, type DB, type Tx } from "@/db/client";
import { tenants, users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import { env } from "@/lib/env";
import { conflict, isAppError } from "@/lib/errors";
import { assertPasswordPolicy, DEFAULT_POLICY, hashPassword } from "@/lib/security/password";
import { ConfigError } from "@/lib/startup-failure";
import { ensureTenantWithDefaults, systemRole } from "@/lib/tenants/defaults";
import { ensureMembership, fullNameOf, normalizeEmail } from "@/lib/users/records";

export const DEFAULT_TENANT = "Default";

export async function hasAdministrator(tx: Tx | DB = db) {
  return (await tx.select({ id: users.id }).from(users).where(eq(users.isSuperAdmin, true)).limit(1)).length > 0;
}

export async function defaultTenant() {
  const [t] = await db.select().from(tenants).where(eq(tenants.name, DEFAULT_TENANT));
  return t;
}

/**
 * First start: the Default tenant, and the first administrator when ADMIN_EMAIL/ADMIN_PASSWORD are set.
 * Instances booting together on one empty database make one of each: the inserts do nothing when
 * the row exists (ON CONFLICT DO NOTHING on the tenant name and the email), never check-then-insert.
 */
export async function bootstrap() {
  const [anyTenant] = await db.select({ id: tenants.id }).from(tenants).limit(1);
  if (!anyTenant) await db.transaction((tx) => ensureTenantWithDefaults(tx, DEFAULT_TENANT));
  if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD && !(await hasAdministrator()))
    await createFirstAdministrator({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD, firstName: "Admin", lastName: "" }).catch(async (e: unknown) => {
      // Only a configuration change can fix this: say so instead of failing every request.
      if (isAppError(e) && e.kind === "validation") throw new ConfigError(`ADMIN_PASSWORD is refused by the password policy: ${e.message}`);
      // Another instance booting at the same time created the administrator first.
      if (isAppError(e) && e.kind === "conflict" && (await hasAdministrator())) return;
      throw e;
    });
}

/** The one-time /setup step; refused once any administrator exists. */
export async function createFirstAdministrator(input: { email: string; password: string; firstName: string; lastName: string }) {
  assertPasswordPolicy(input.password, DEFAULT_POLICY, "password", input.email);
  const passwordHash = await hashPassword(input.password);
  const email = normalizeEmail(input.email);
  return await db.transaction(async (tx) => {
    const { tenant } = await ensureTenantWithDefaults(tx, DEFAULT_TENANT);
    // Holds the Default tenant's row until commit: a setup running at the same time on another
    // instance waits here, then sees this one's administrator (SQLite runs one transaction at a time anyway).
    await tx.update(tenants).set({ updatedAt: sql`${tenants.updatedAt}` }).where(eq(tenants.id, tenant.id));
    if (await hasAdministrator(tx)) throw conflict("Setup is already complete");
    const [user] = await tx
      .insert(users)
      .values({ ...input, email, fullName: fullNameOf(input), passwordHash, passwordUpdatedAt: new Date(), isSuperAdmin: true, verified: true })
      .onConflictDoNothing({ target: users.email })
      .returning();
    if (!user) {
      // The address is taken: by this very administrator, created meanwhile by another instance, or by an account.
      const [other] = await tx.select({ isSuperAdmin: users.isSuperAdmin }).from(users).where(eq(users.email, email));
      throw other?.isSuperAdmin ? conflict("Setup is already complete") : conflict("Email is already taken", "email");
    }
    await ensureMembership(tx, user.id, tenant.id, [(await systemRole(tx, tenant.id, "admin"))!.name]);
    await audit({ tenantId: tenant.id, actorId: user.id, actorEmail: user.email, action: "setup.completed", targetType: "user", targetId: user.id, targetLabel: user.email }, tx);
    return user;
  });
}
