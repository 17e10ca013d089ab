import "server-only";
import { eq } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { db } from "@/db/client";
import { tenants, users } from "@/db/schema";
import { can, isAdmin, type Caller } from "@/lib/authz/caller";
import type { Action, Resource } from "@/lib/authz/catalogue";
import { authOptions } from "./next-auth";
import { clientIp } from "./request-meta";
import { callerFromSessionId } from "./resolve";

/** The signed-in caller of this request, or null. Checks the session row every time. */
export async function currentCaller(): Promise<Caller | null> {
  const session = await getServerSession(authOptions);
  if (!session?.sid) return null;
  return callerFromSessionId(session.sid, clientIp(await headers()));
}

/** What a signed-in user must do before anything else, if anything. */
export async function pendingRequirement(caller: Caller): Promise<"password" | "mfa" | null> {
  if (caller.pending !== undefined) return caller.pending;
  const [user] = await db.select().from(users).where(eq(users.id, caller.userId));
  if (!user) return null;
  if (user.passwordChangeRequired) return "password";
  if (user.mfaEnrolled) return null;
  if (user.mfaRequired) return "mfa";
  const [tenant] = await db.select({ force: tenants.forceMfa }).from(tenants).where(eq(tenants.id, caller.tenantId));
  return tenant?.force ? "mfa" : null;
}

/**
 * For pages: signed out → /login; a pending forced password change or MFA enrolment → that page
 * first (the pages themselves pass `allow`).
 */
export async function requirePageCaller(allow?: "password" | "mfa"): Promise<Caller> {
  const caller = await currentCaller();
  if (!caller) redirect("/login");
  const pending = await pendingRequirement(caller);
  if (pending && pending !== allow) redirect(pending === "password" ? "/account/password?required=1" : "/account/mfa?required=1");
  return caller;
}

/** For admin pages: a caller without the permission gets a 404, as if the page did not exist. */
export async function requireAdminPage(resource?: Resource, action: Action = "Read"): Promise<Caller> {
  const caller = await requirePageCaller();
  if (resource ? !(await can(caller, resource, action)) : !(await isAdmin(caller))) notFound();
  return caller;
}
