import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { tenants } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import { AppError, notFound } from "@/lib/errors";
import { assertPasswordPolicy, hashPassword } from "@/lib/security/password";
import { consumeClientRate } from "@/lib/security/throttle";
import { ensureMembership, insertUser, type NewUser } from "./records";

/**
 * Self-registration without an account: only where the tenant allows it, always with the
 * tenant's default role (a stranger cannot pick roles), rate-limited per IP.
 */
export async function selfRegister(
  input: { tenantId: string; user: Omit<NewUser, "passwordHash" | "isSuperAdmin"> & { password?: string }; data?: Record<string, string>; timezone?: string; preferredLanguages?: string[]; verified?: boolean },
  ctx: { ip: string },
) {
  consumeClientRate("register-ip", ctx.ip, 10, 3600);
  const tenant = db.select().from(tenants).where(eq(tenants.id, input.tenantId)).get();
  if (!tenant || tenant.retiredAt) throw notFound("Tenant not found");
  if (!tenant.allowSelfRegistration) throw new AppError("forbidden", "Self-registration is not enabled for this tenant");
  const { password, ...fields } = input.user;
  if (!password) throw new AppError("validation", "user.password: choose a password", "user.password");
  assertPasswordPolicy(password, tenant, "user.password", fields.email);
  const passwordHash = await hashPassword(password);
  return db.transaction((tx) => {
    const user = insertUser(tx, { ...fields, passwordHash, passwordUpdatedAt: new Date(), verified: false });
    const membership = ensureMembership(tx, user.id, tenant.id, [], {
      data: input.data ?? {},
      timezone: input.timezone ?? user.timezone,
      preferredLanguages: input.preferredLanguages ?? [],
    });
    audit({ tenantId: tenant.id, actorId: user.id, actorEmail: user.email, ip: ctx.ip, action: "user.self_registered", targetType: "user", targetId: user.id, targetLabel: user.email }, tx);
    return { user, membership };
  });
}
