import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { requirePermission, type Caller } from "@/lib/authz/caller";
import type { Action } from "@/lib/authz/catalogue";
import { notFound } from "@/lib/errors";

/**
 * The target user, if the caller may see them: themselves, or a member of the caller's tenant
 * (any tenant for a super admin). Anyone else is "not found", never "forbidden".
 */
export function userInScope(caller: Caller, userId: string) {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw notFound("User not found");
  if (user.id === caller.userId || caller.isSuperAdmin) return user;
  const m = db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.tenantId, caller.tenantId))).get();
  if (!m) throw notFound("User not found");
  return user;
}

/** Self-service on one's own account, or the User permission for anyone else in the tenant. */
export function selfOrPermitted(caller: Caller, userId: string, action: Action) {
  const user = userInScope(caller, userId);
  if (user.id !== caller.userId) requirePermission(caller, "User", action);
  return user;
}
