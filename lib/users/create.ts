import { z } from "zod";
import { db } from "@/db/client";
import { mailTenantInvitation } from "@/lib/account/join";
import { sendInvitation } from "@/lib/account/one-time-codes";
import { audit } from "@/lib/audit/record";
import { requirePermission, requireTenant, type Caller } from "@/lib/authz/caller";
import { conflict, validation } from "@/lib/errors";
import { assertPasswordPolicy, hashPassword } from "@/lib/security/password";
import { addMembersChecked, groupsInReach } from "@/lib/groups/groups";
import { assignRolesChecked, requireHoldsDefaultRole, rolesInReach } from "@/lib/roles/roles";
import { systemRole } from "@/lib/tenants/defaults";
import { tenantPolicy } from "@/lib/tenants/policy";
import { imageUrlSchema } from "./image-url";
import { accountFromElsewhere, markInvited } from "./invitations";
import { ensureMembership, findUserByUsername, insertUser, type NewUser, type UserRow } from "./records";
import { unsavedUser } from "./unsaved";
import { emailAddress, nameList, QUOTA_MAX } from "@/lib/input/schemas";

export const createUserSchema = z.object({
  email: emailAddress("Enter a valid email address", "An email address has at most 254 characters"),
  firstName: z.string().trim().max(100).default(""),
  lastName: z.string().trim().max(100).default(""),
  middleName: z.string().trim().max(100).default(""),
  companyName: z.string().trim().max(200).default(""),
  username: z.string().trim().min(1).max(100).optional(),
  /** Omitted: the user is invited by email to set one. */
  password: z.string().min(1).max(256).optional(),
  /** An initial password set by an admin must be replaced at first sign-in (default). */
  passwordChangeRequired: z.boolean().default(true),
  sendInvitation: z.boolean().default(true),
  roles: nameList(z.string().min(1), "roles").default([]),
  groups: nameList(z.string().min(1), "groups").default([]),
  /** Tenant-level "super admin" flag of Quatrix: the admin role in the tenant. */
  tenantAdmin: z.boolean().default(false),
  active: z.boolean().default(true),
  verified: z.boolean().default(false),
  timezone: z.string().default("UTC"),
  preferredLanguages: z.array(z.string()).default([]),
  data: z.record(z.string(), z.string()).default({}),
  /** The tenant membership's own data (IamBackoffice `registration.data`). */
  membershipData: z.record(z.string(), z.string()).default({}),
  quota: z.number().int().min(0).max(QUOTA_MAX, `quota must be at most ${QUOTA_MAX}`).optional(),
  mobilePhone: z.string().max(40).optional(),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "birthDate must be YYYY-MM-DD").optional(),
  imageUrl: imageUrlSchema.optional(),
  tenantId: z.string().optional(),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

/**
 * Creates a user in a tenant (the caller's unless a super admin names another) with roles and
 * groups, in one transaction. Without a password the user gets an invitation email. An address
 * with an account in another tenant becomes an invited member instead (see ./invitations), and is
 * answered exactly as a new account would be.
 */
export async function createUser(caller: Caller, raw: CreateUserInput): Promise<UserRow> {
  const parsed = createUserSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join(".");
    throw validation(field ? `${field}: ${issue.message}` : issue.message, field || undefined);
  }
  const input = parsed.data;
  await requirePermission(caller, "User", "Create");
  const tenantId = input.tenantId ?? caller.tenantId;
  await requireTenant(caller, tenantId);
  // Handing out roles (or the admin role) and groups follows the rules of AssignRoles and
  // AssignUserToGroup, checked before the transaction so a refusal is recorded and nothing is created.
  const roleRefs = [...input.roles, ...(input.tenantAdmin ? [(await systemRole(db, tenantId, "admin"))!.id] : [])];
  // Without roles the member holds the default role (requireHoldsDefaultRole).
  const granted = roleRefs.length ? await rolesInReach(caller, tenantId, roleRefs, "user.roles_assigned") : [];
  if (!granted.length) await requireHoldsDefaultRole(caller, tenantId, "user.created");
  const joined = input.groups.length ? await groupsInReach(caller, tenantId, input.groups) : [];
  if (input.password) assertPasswordPolicy(input.password, await tenantPolicy(tenantId), "password", input.email);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const values: NewUser = {
    email: input.email,
    firstName: input.firstName,
    middleName: input.middleName,
    lastName: input.lastName,
    companyName: input.companyName,
    username: input.username ?? null,
    passwordHash,
    passwordUpdatedAt: passwordHash ? new Date() : null,
    passwordChangeRequired: !!passwordHash && input.passwordChangeRequired,
    active: input.active,
    verified: input.verified,
    timezone: input.timezone,
    preferredLanguages: input.preferredLanguages,
    data: input.data,
    quota: input.quota ?? null,
    mobilePhone: input.mobilePhone ?? null,
    birthDate: input.birthDate ?? null,
    imageUrl: input.imageUrl ?? null,
    changedBy: caller.userId,
  };
  let joinCode: string | undefined;
  const { user, answer } = await db.transaction(async (tx) => {
    // A transaction PostgreSQL aborted runs again (db/pg.ts): keep no code from a rolled-back attempt.
    joinCode = undefined;
    // Before the address is looked at: a taken username fails alike for a known and a new address.
    if (values.username && (await findUserByUsername(values.username, tx))) throw conflict("Username is already taken", "username");
    const existing = await accountFromElsewhere(tx, input.email, tenantId);
    const u = existing ?? (await insertUser(tx, values));
    await ensureMembership(tx, u.id, tenantId, [], { data: input.membershipData, timezone: input.timezone, preferredLanguages: input.preferredLanguages });
    // The tenant's log reads the same either way (its admin can read it); that the account already
    // existed is recorded outside the tenant, for super admins.
    await audit({ tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "user.created", targetType: "user", targetId: u.id, targetLabel: u.email, data: { invited: !passwordHash, roles: granted.map((r) => r.name) } }, tx);
    if (existing) {
      joinCode = await markInvited(tx, u.id, tenantId);
      await audit({ actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "membership.invited", targetType: "user", targetId: u.id, targetLabel: u.email, data: { tenantId } }, tx);
    }
    // Roles and groups were checked above (rolesInReach, groupsInReach); these are the writes, in this transaction.
    if (granted.length) await assignRolesChecked(caller, u.id, tenantId, granted, tx);
    for (const g of joined) await addMembersChecked(caller, g, [u.id], tx);
    // An existing account is answered with what a new one would have been (the admin's input, now),
    // never its own row: only the id is real, so the invitation can be withdrawn.
    return { user: u, answer: existing ? unsavedUser(values, existing.id) : u };
  });
  if (joinCode) await mailTenantInvitation(user.email, tenantId, joinCode, caller.email);
  else if (!passwordHash && input.sendInvitation) await sendInvitation(user.id, tenantId, caller.email);
  return answer;
}
