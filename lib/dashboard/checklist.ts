import { and, eq, isNull, ne } from "drizzle-orm";
import { db } from "@/db/client";
import { membershipRoles, memberships, rolePermissions, roles, users } from "@/db/schema";
import { env } from "@/lib/env";
import { requirePermission, type Caller } from "@/lib/authz/caller";
import { getNote, setNote } from "@/lib/settings/settings";
import { tenantPolicy } from "@/lib/tenants/policy";
import { findUserById } from "@/lib/users/records";

export interface Checklist {
  /** SMTP_URL is set; without it mail stays in the Outbox. */
  mailDelivery: boolean;
  /** The caller has a second factor. */
  ownMfa: boolean;
  /** Another active member of the tenant holds All/All, so losing one account locks nobody out. */
  secondAdmin: boolean;
  /** When the caller marked this tenant's password policy reviewed (their own note, per tenant). */
  policyReviewedAt: Date | null;
  policy: { passwordMinLength: number; rejectCommonPasswords: boolean };
}

const policyNote = (tenantId: string) => `password_policy_reviewed:${tenantId}`;

/** The first-run checklist of the dashboard, for the caller's current tenant. */
export async function firstRunChecklist(caller: Caller): Promise<Checklist> {
  await requirePermission(caller, "User", "Read");
  const [me, [other], reviewed, policy] = await Promise.all([
    findUserById(caller.userId),
    db
      .select({ id: users.id })
      .from(rolePermissions)
      .innerJoin(roles, and(eq(roles.id, rolePermissions.roleId), eq(roles.tenantId, caller.tenantId), isNull(roles.revokedAt)))
      .innerJoin(membershipRoles, eq(membershipRoles.roleId, roles.id))
      .innerJoin(memberships, and(eq(memberships.id, membershipRoles.membershipId), isNull(memberships.invitedAt)))
      .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.active, true), ne(users.id, caller.userId)))
      .where(and(isNull(rolePermissions.revokedAt), eq(rolePermissions.resource, "All"), eq(rolePermissions.action, "All")))
      .limit(1),
    getNote(caller.userId, policyNote(caller.tenantId)),
    tenantPolicy(caller.tenantId),
  ]);
  return {
    mailDelivery: !!env.SMTP_URL,
    ownMfa: !!me?.mfaEnrolled,
    secondAdmin: !!other,
    policyReviewedAt: reviewed ? new Date(reviewed) : null,
    policy: { passwordMinLength: policy.passwordMinLength, rejectCommonPasswords: policy.rejectCommonPasswords },
  };
}

/** Marks the tenant's password policy reviewed on the caller's checklist. */
export async function acknowledgePasswordPolicy(caller: Caller, now = new Date()) {
  await requirePermission(caller, "User", "Read");
  await setNote(caller.userId, policyNote(caller.tenantId), now.toISOString());
}
