import { and, eq, isNull, ne } from "drizzle-orm";
import { db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { requirePermission, type Caller } from "@/lib/authz/caller";
import type { Action } from "@/lib/authz/catalogue";
import { denied } from "@/lib/authz/denied";
import { requireReaches } from "@/lib/authz/escalation";
import { notFound } from "@/lib/errors";
import type { UserRow } from "./records";

/**
 * The target user, if the caller may see them: themselves, or a member of the caller's tenant
 * (any tenant for a super admin). Anyone else is "not found", never "forbidden". So is someone
 * whose invitation to this tenant is still pending: their account is not the tenant's until they
 * accept (its profile, sessions, tokens and MFA are someone else's); the members list shows only
 * the address, and removing the member withdraws the invitation (`pending: true`).
 */
export async function userInScope(caller: Caller, userId: string, opts: { pending?: boolean } = {}): Promise<UserRow> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw notFound("User not found");
  if (user.id === caller.userId || caller.isSuperAdmin) return user;
  const here = and(eq(memberships.userId, userId), eq(memberships.tenantId, caller.tenantId));
  const [m] = await db.select({ id: memberships.id }).from(memberships).where(opts.pending ? here : and(here, isNull(memberships.invitedAt)));
  if (!m) throw notFound("User not found");
  return user;
}

/**
 * A member of the caller's tenant whose standing there the caller may change (leave the tenant,
 * or withdraw a pending invitation): themselves, or someone holding nothing the caller does not hold.
 */
export async function reachableUser(caller: Caller, userId: string, attempt: string): Promise<UserRow> {
  const user = await userInScope(caller, userId, { pending: true });
  await requireReaches(caller, user, attempt);
  return user;
}

/**
 * A user whose account (email, names, status, MFA, sessions, deletion of the account) the caller may
 * change. An account is shared by every tenant it belongs to, so a tenant admin may change only
 * accounts that belong to no other tenant and are not super admins; super admins change anyone.
 * Inside the tenant the target may hold nothing the caller does not (the escalation rule).
 */
export async function manageableUser(caller: Caller, userId: string, attempt = "user.account_changed"): Promise<UserRow> {
  const user = await userInScope(caller, userId);
  if (caller.isSuperAdmin || user.id === caller.userId) return user;
  const refuse = async (message: string) => await denied(caller, message, { action: attempt, targetType: "user", targetId: user.id, targetLabel: user.email });
  if (user.isSuperAdmin) throw await refuse("Only a super administrator can change a super administrator's account");
  // An invitation pending elsewhere does not count: another tenant inviting someone must not take them from this one.
  const [elsewhere] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), ne(memberships.tenantId, caller.tenantId), isNull(memberships.invitedAt)))
    .limit(1);
  if (elsewhere) throw await refuse("This user also belongs to other tenants: only a super administrator can change their account");
  await requireReaches(caller, user, attempt);
  return user;
}

/** Self-service on one's own account, or the User permission for anyone else in the tenant (and, to change it, an account the caller manages). */
export async function selfOrPermitted(caller: Caller, userId: string, action: Action, attempt?: string): Promise<UserRow> {
  const user = await userInScope(caller, userId);
  if (user.id !== caller.userId) await requirePermission(caller, "User", action);
  return action === "Read" ? user : await manageableUser(caller, userId, attempt);
}
