import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { memberships, tenants } from "@/db/schema";
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

export function listTenants(caller: Caller) {
  superOnly(caller);
  return db.select().from(tenants).orderBy(asc(tenants.name)).all();
}

export function getTenant(caller: Caller, id: string) {
  superOnly(caller);
  const t = db.select().from(tenants).where(eq(tenants.id, id)).get();
  if (!t) throw notFound("Tenant not found");
  return t;
}

export function createTenant(caller: Caller, name: string) {
  superOnly(caller);
  const clean = name.trim();
  return db.transaction((tx) => {
    if (tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.name, clean)).get()) throw conflict("A tenant with this name already exists", "name");
    const t = insertTenantWithDefaults(tx, clean, caller.userId);
    audit({ tenantId: t.id, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "tenant.created", targetType: "tenant", targetId: t.id, targetLabel: t.name }, tx);
    return t;
  });
}

export function updateTenant(caller: Caller, id: string, input: z.infer<typeof tenantSettingsSchema>) {
  const t = getTenant(caller, id);
  return db.transaction((tx) => {
    const clash = tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.name, input.name)).get();
    if (clash && clash.id !== id) throw conflict("A tenant with this name already exists", "name");
    tx.update(tenants).set({ ...input, changedBy: caller.userId }).where(eq(tenants.id, id)).run();
    audit({ tenantId: id, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "tenant.updated", targetType: "tenant", targetId: id, targetLabel: input.name, data: { ...input, previousName: t.name } }, tx);
  });
}

/** Retiring a tenant ends access through it (sessions and tokens of that tenant stop resolving). */
export function setTenantRetired(caller: Caller, id: string, retired: boolean) {
  const t = getTenant(caller, id);
  if (retired && id === caller.tenantId) throw new AppError("precondition", "Switch to another tenant before retiring this one");
  db.transaction((tx) => {
    tx.update(tenants).set({ retiredAt: retired ? new Date() : null, changedBy: caller.userId }).where(eq(tenants.id, id)).run();
    audit({ tenantId: id, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: retired ? "tenant.retired" : "tenant.restored", targetType: "tenant", targetId: id, targetLabel: t.name }, tx);
  });
}

/** Tenants the caller can switch to: their accepted memberships, or every live tenant for a super admin. */
export function switchableTenants(caller: Caller) {
  const all = caller.isSuperAdmin
    ? db.select({ id: tenants.id, name: tenants.name, retiredAt: tenants.retiredAt }).from(tenants).all()
    : db.select({ id: tenants.id, name: tenants.name, retiredAt: tenants.retiredAt }).from(memberships).innerJoin(tenants, eq(tenants.id, memberships.tenantId)).where(and(eq(memberships.userId, caller.userId), isNull(memberships.invitedAt))).all();
  return all.filter((t) => !t.retiredAt).map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

export function switchTenant(caller: Caller, tenantId: string) {
  if (!caller.sessionId) throw forbidden("Only browser sessions switch tenants");
  if (!switchableTenants(caller).some((t) => t.id === tenantId)) throw notFound("Tenant not found");
  switchSessionTenant(caller.sessionId, tenantId);
  audit({ tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "session.tenant_switched", targetType: "tenant", targetId: tenantId });
}

/** The tenant the caller is signed in to (no super admin check: it is their own). */
export function callerTenant(caller: Caller) {
  const t = db.select().from(tenants).where(eq(tenants.id, caller.tenantId)).get();
  if (!t) throw notFound("Tenant not found");
  return t;
}
