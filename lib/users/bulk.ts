import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { groupMembers, membershipRoles, memberships, users } from "@/db/schema";
import { requirePermission, type Caller } from "@/lib/authz/caller";
import { isAppError, notFound, validation } from "@/lib/errors";
import { addMembersChecked, getGroup, removeMembersChecked } from "@/lib/groups/groups";
import { removeMfa, resetMfa, setMfa } from "@/lib/mfa/admin";
import { assignRolesChecked, rolesInReach, unassignRolesChecked } from "@/lib/roles/roles";
import { requireDeletable, startDeleteUsers } from "./delete";
import type { UserRow } from "./records";
import { manageableUser, userInScope } from "./scope";
import { updateUsers } from "./update";

export const BULK_ACTIONS = ["delete", "activate", "deactivate", "forceMfa", "resetMfa", "removeMfa", "setPin", "assignRole", "removeRole", "addGroup", "removeGroup"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const bulkSchema = z.object({
  action: z.enum(BULK_ACTIONS),
  ids: z.array(z.uuid()).min(1, "Select at least one user").max(1_000_000),
  /** Role name, group id or PIN, depending on the action. */
  value: z.string().max(200).optional(),
});

/**
 * Why users were left out: a stable code the UI translates (admin.users.bulk.skipReasons.<code>),
 * its parameters, and the same reason in English (for logs and anything that is not a page).
 */
export type BulkSkipCode =
  | "alreadyActive"
  | "deactivateSelf"
  | "alreadyDeactivated"
  | "mfaAlreadyRequired"
  | "noMfaToReset"
  | "noMfaToRemove"
  | "deleteSelf"
  | "alreadyHasRole"
  | "lacksRole"
  | "removeOwnAdmin"
  | "alreadyInGroup"
  | "notInGroup"
  | "superAdminAccount"
  | "sharedAccount"
  | "holdsMore"
  /** A refusal this table does not know yet: the UI shows `params.reason` (English) as it is. */
  | "other";
export interface BulkReason {
  code: BulkSkipCode;
  params?: Record<string, string>;
  reason: string;
}

/** Users left out, grouped by why; `emails` names the first few so the admin can find them. */
export interface BulkSkip extends BulkReason {
  count: number;
  emails: string[];
}
export interface BulkResult {
  jobId?: string;
  /** Users the action was applied to. */
  count: number;
  skipped: BulkSkip[];
}

const NAMED = 5;

/** Collects skipped users by reason, in the order reasons first appear. */
class Skips {
  private byReason = new Map<string, BulkSkip>();
  add(why: BulkReason, email: string) {
    const s = this.byReason.get(why.reason) ?? { ...why, count: 0, emails: [] };
    s.count++;
    if (s.emails.length < NAMED) s.emails.push(email);
    this.byReason.set(why.reason, s);
  }
  list = () => [...this.byReason.values()];
}

const why = (code: BulkSkipCode, reason: string, params?: Record<string, string>): BulkReason => ({ code, reason, ...(params ? { params } : {}) });

/** The refusals of lib/users/scope.ts and lib/authz/escalation.ts a bulk action meets, by code. */
export function refusalReason(message: string): BulkReason {
  if (message === "Only a super administrator can change a super administrator's account") return why("superAdminAccount", message);
  if (message === "This user also belongs to other tenants: only a super administrator can change their account") return why("sharedAccount", message);
  const holds = /^\S+ holds permissions you do not \((.+)\): only someone who holds them can change this account$/.exec(message);
  if (holds) return why("holdsMore", message, { permissions: holds[1]! });
  return why("other", message, { reason: message });
}

/**
 * A refusal that concerns one user (the caller may not change this account) becomes a skip with its
 * message; anything else, such as an id from another tenant ("not found"), still refuses the whole request.
 */
async function refusalOf<T>(check: () => Promise<T>): Promise<{ ok: T } | { refused: BulkReason }> {
  try {
    return { ok: await check() };
  } catch (e) {
    if (isAppError(e) && (e.kind === "forbidden" || e.kind === "precondition")) return { refused: refusalReason(e.message) };
    throw e;
  }
}

/** Why an account-level action leaves this user as they are, if it does. */
function noChange(action: BulkAction, u: UserRow, self: boolean): BulkReason | null {
  switch (action) {
    case "activate":
      return u.active ? why("alreadyActive", "Already active") : null;
    case "deactivate":
      return self ? why("deactivateSelf", "You cannot deactivate yourself") : u.active ? null : why("alreadyDeactivated", "Already deactivated");
    case "forceMfa":
      return u.mfaRequired ? why("mfaAlreadyRequired", "MFA is already required") : null;
    case "resetMfa":
      return u.mfaEnrolled ? null : why("noMfaToReset", "Has no MFA method to reset");
    case "removeMfa":
      return u.mfaEnrolled || u.mfaRequired ? null : why("noMfaToRemove", "Has no MFA method to remove");
    default:
      return null;
  }
}

/** Splits `ids` into those an account-level action changes and those it skips, with why. */
async function triageAccounts(caller: Caller, action: BulkAction, ids: string[], skips: Skips) {
  const keep: string[] = [];
  for (const id of new Set(ids)) {
    const self = id === caller.userId;
    if (action === "delete") {
      // The email for the report: the check's own read (a refused check names no row).
      const checked = self ? { refused: why("deleteSelf", "You cannot delete your own account") } : await refusalOf(() => requireDeletable(caller, id));
      if ("refused" in checked) skips.add(checked.refused, self ? caller.email : await emailOf(caller, id));
      else keep.push(id);
      continue;
    }
    const checked = await refusalOf(() => manageableUser(caller, id, action === "activate" || action === "deactivate" ? "user.updated" : "user.account_changed"));
    if ("refused" in checked) {
      skips.add(checked.refused, await emailOf(caller, id));
      continue;
    }
    const unchanged = noChange(action, checked.ok, self);
    if (unchanged) skips.add(unchanged, checked.ok.email);
    else keep.push(id);
  }
  return keep;
}

/** A refused user's address: they are in the caller's tenant (the refusal came after the scope check). */
const emailOf = async (caller: Caller, id: string) => (await userInScope(caller, id, { pending: true })).email;

/** Users of `ids` (members of the caller's tenant) for whom `held` is true, in batches of 500. */
async function holding(ids: string[], held: (part: string[]) => Promise<{ userId: string }[]>) {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) for (const r of await held(ids.slice(i, i + 500))) out.add(r.userId);
  return out;
}

/**
 * The addresses of `ids`, every one a member of the caller's tenant: tenant-level changes (roles,
 * groups) name nobody else, and an id from elsewhere refuses the request as "not found".
 */
async function membersOf(caller: Caller, ids: string[]) {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500)
    for (const r of await db
      .select({ id: users.id, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.tenantId, caller.tenantId), inArray(memberships.userId, ids.slice(i, i + 500)))))
      out.set(r.id, r.email);
  if (out.size !== ids.length) throw notFound("User not found");
  return out;
}

/**
 * One entry point for the users table's bulk menu; each action reuses the single-user rule. Users
 * the action would not change (already active, yourself, an account the caller may not manage, a
 * role they already hold…) are skipped and reported by reason, and the rest are changed. A request
 * the caller may not make at all (no permission, a role beyond their reach, a user of another
 * tenant) is still refused as a whole.
 */
export async function runBulk(caller: Caller, input: z.infer<typeof bulkSchema>): Promise<BulkResult> {
  const { action, value } = input;
  const ids = [...new Set(input.ids)];
  const skips = new Skips();
  const need = () => {
    if (!value) throw validation("Choose a value for this action", "value");
    return value;
  };
  const done = (count: number, jobId?: string): BulkResult => ({ count, skipped: skips.list(), ...(jobId ? { jobId } : {}) });
  switch (action) {
    case "delete": {
      await requirePermission(caller, "User", "Delete");
      const keep = await triageAccounts(caller, action, ids, skips);
      return keep.length ? done(keep.length, (await startDeleteUsers(caller, keep)).id) : done(0);
    }
    case "activate":
    case "deactivate": {
      await requirePermission(caller, "User", "Edit");
      const keep = await triageAccounts(caller, action, ids, skips);
      if (keep.length) await updateUsers(caller, keep, { active: action === "activate" });
      return done(keep.length);
    }
    case "forceMfa":
    case "resetMfa":
    case "removeMfa":
    case "setPin": {
      await requirePermission(caller, "User", "Reset");
      const keep = await triageAccounts(caller, action, ids, skips);
      if (keep.length) {
        if (action === "forceMfa") await setMfa(caller, keep, "2FA", "");
        else if (action === "resetMfa") await resetMfa(caller, keep);
        else if (action === "removeMfa") await removeMfa(caller, keep, "2FA");
        else await setMfa(caller, keep, "PIN", need());
      }
      return done(keep.length);
    }
    case "assignRole":
    case "removeRole": {
      const assign = action === "assignRole";
      // Checked once before the transaction, so a refusal is recorded rather than rolled back.
      const [role] = await rolesInReach(caller, caller.tenantId, [need()], assign ? "user.roles_assigned" : "user.roles_unassigned");
      const emails = await membersOf(caller, ids);
      const holders = await holding(ids, (part) =>
        db
          .select({ userId: memberships.userId })
          .from(membershipRoles)
          .innerJoin(memberships, eq(memberships.id, membershipRoles.membershipId))
          .where(and(eq(membershipRoles.roleId, role!.id), eq(memberships.tenantId, caller.tenantId), inArray(memberships.userId, part))),
      );
      const keep: string[] = [];
      for (const id of ids) {
        const skip = assign
          ? holders.has(id) ? why("alreadyHasRole", `Already has the role ${role!.name}`, { role: role!.name }) : null
          : !holders.has(id) ? why("lacksRole", `Does not have the role ${role!.name}`, { role: role!.name })
          : id === caller.userId && !caller.isSuperAdmin && role!.isSystem && role!.name === "admin" ? why("removeOwnAdmin", "You cannot remove the admin role from yourself") : null;
        if (skip) skips.add(skip, emails.get(id) ?? id);
        else keep.push(id);
      }
      // Each user's change is a savepoint in one transaction: all of those kept or none.
      if (keep.length)
        await db.transaction(async (tx) => {
          for (const id of keep) await (assign ? assignRolesChecked : unassignRolesChecked)(caller, id, caller.tenantId, [role!], tx);
        });
      return done(keep.length);
    }
    case "addGroup":
    case "removeGroup": {
      const g = await getGroup(caller, need());
      await requirePermission(caller, "Group", "Edit");
      const add = action === "addGroup";
      const emails = await membersOf(caller, ids);
      const members = await holding(ids, (part) => db.select({ userId: groupMembers.userId }).from(groupMembers).where(and(eq(groupMembers.groupId, g.id), inArray(groupMembers.userId, part))));
      const keep = ids.filter((id) => {
        const skip = add ? (members.has(id) ? why("alreadyInGroup", "Already in the group") : null) : members.has(id) ? null : why("notInGroup", "Not in the group");
        if (skip) skips.add(skip, emails.get(id) ?? id);
        return !skip;
      });
      if (keep.length) await (add ? addMembersChecked : removeMembersChecked)(caller, g, keep);
      return done(keep.length);
    }
  }
}
