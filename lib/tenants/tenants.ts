import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { memberships, tenants, users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import type { Caller } from "@/lib/authz/caller";
import { AppError, conflict, forbidden, notFound } from "@/lib/errors";
import { switchSessionTenant } from "@/lib/sessions/sessions";
import { insertTenantWithDefaults } from "./defaults";

export const tenantSettingsSchema = z.object({
  name: z.string().trim().min(1, "Enter a name").max(100, "At most 100 characters"),
  forceMfa: z.boolean(),
  allowSelfRegistration: z.boolean(),
  passwordMinLength: z.coerce.number().int().min(8, "At least 8").max(128, "At most 128"),
  rejectCommonPasswords: z.boolean(),
  sessionLifetimeMinutes: z.coerce.number().int().min(5, "At least 5 minutes").max(60 * 24 * 90, "At most 90 days"),
});

const superOnly = (caller: Caller) => {
  if (!caller.isSuperAdmin) throw forbidden("Only super administrators manage tenants");
};

export async function listTenants(caller: Caller) {
  superOnly(caller);
  return await db.select().from(tenants).orderBy(asc(tenants.name));
}

export async function getTenant(caller: Caller, id: string) {
  superOnly(caller);
  const [t] = await db.select().from(tenants).where(eq(tenants.id, id));
  if (!t) throw notFound("Tenant not found");
  return t;
}

export async function createTenant(caller: Caller, name: string) {
  superOnly(caller);
  const clean = name.trim();
  return await db.transaction(async (tx) => {
    if ((await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.name, clean))).length) throw conflict("A tenant with this name already exists", "name");
    const t = await insertTenantWithDefaults(tx, clean, caller.userId);
    await audit({ tenantId: t.id, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "tenant.created", targetType: "tenant", targetId: t.id, targetLabel: t.name }, tx);
    return t;
  });
}

export async function updateTenant(caller: Caller, id: string, input: z.infer<typeof tenantSettingsSchema>) {
  const t = await getTenant(caller, id);
  await db.transaction(async (tx) => {
    const [clash] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.name, input.name));
    if (clash && clash.id !== id) throw conflict("A tenant with this name already exists", "name");
    await tx.update(tenants).set({ ...input, changedBy: caller.userId }).where(eq(tenants.id, id));
    await audit({ tenantId: id, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "tenant.updated", targetType: "tenant", targetId: id, targetLabel: input.name, data: { ...input, previousName: t.name } }, tx);
  });
}

/** Retiring a tenant ends access through it (sessions and tokens of that tenant stop resolving). */
export async function setTenantRetired(caller: Caller, id: string, retired: boolean) {
  const t = await getTenant(caller, id);
  if (retired && id === caller.tenantId) throw new AppError("precondition", "Switch to another tenant before retiring this one");
  await db.transaction(async (tx) => {
    await tx.update(tenants).set({ retiredAt: retired ? new Date() : null, changedBy: caller.userId }).where(eq(tenants.id, id));
    await audit({ tenantId: id, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: retired ? "tenant.retired" : "tenant.restored", targetType: "tenant", targetId: id, targetLabel: t.name }, tx);
  });
}

/**
 * Tenants the caller can switch to: their accepted memberships, or every live tenant for a super
 * admin. `enrolmentRequired`: arriving there would send the caller straight to MFA set-up (the
 * tenant forces 2FA, or their account requires it, and they have no method yet), so the switcher
 * warns first and the set-up page offers the way back.
 */
export async function switchableTenants(caller: Caller) {
  const cols = { id: tenants.id, name: tenants.name, retiredAt: tenants.retiredAt, forceMfa: tenants.forceMfa, enrolled: users.mfaEnrolled, required: users.mfaRequired };
  const all = caller.isSuperAdmin
    ? await db.select(cols).from(tenants).innerJoin(users, eq(users.id, caller.userId))
    : await db
        .select(cols)
        .from(memberships)
        .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.userId, caller.userId), isNull(memberships.invitedAt)));
  return all
    .filter((t) => !t.retiredAt)
    .map((t) => ({ id: t.id, name: t.name, enrolmentRequired: !t.enrolled && (t.required || t.forceMfa) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function switchTenant(caller: Caller, tenantId: string) {
  if (!caller.sessionId) throw forbidden("Only browser sessions switch tenants");
  if (!(await switchableTenants(caller)).some((t) => t.id === tenantId)) throw notFound("Tenant not found");
  await switchSessionTenant(caller.sessionId, tenantId);
  await audit({ tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "session.tenant_switched", targetType: "tenant", targetId: tenantId });
}

/** The tenant the caller is signed in to (no super admin check: it is their own). */
export async function callerTenant(caller: Caller) {
  const [t] = await db.select().from(tenants).where(eq(tenants.id, caller.tenantId));
  if (!t) throw notFound("Tenant not found");
  return t;
}
