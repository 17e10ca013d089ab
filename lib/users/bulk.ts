import { z } from "zod";
import { db } from "@/db/client";
import type { Caller } from "@/lib/authz/caller";
import { validation } from "@/lib/errors";
import { addMembers, removeMembers } from "@/lib/groups/groups";
import { removeMfa, resetMfa, setMfa } from "@/lib/mfa/admin";
import { assignRoles, rolesInReach, unassignRoles } from "@/lib/roles/roles";
import { startDeleteUsers } from "./delete";
import { updateUsers } from "./update";

export const BULK_ACTIONS = ["delete", "activate", "deactivate", "forceMfa", "resetMfa", "removeMfa", "setPin", "assignRole", "removeRole", "addGroup", "removeGroup"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const bulkSchema = z.object({
  action: z.enum(BULK_ACTIONS),
  ids: z.array(z.uuid()).min(1, "Select at least one user").max(1_000_000),
  /** Role name, group id or PIN, depending on the action. */
  value: z.string().max(200).optional(),
});

/** One entry point for the users table's bulk menu; each action reuses the single-user rule. */
export async function runBulk(caller: Caller, input: z.infer<typeof bulkSchema>): Promise<{ jobId?: string; count: number }> {
  const { action, ids, value } = input;
  const need = () => {
    if (!value) throw validation("Choose a value for this action", "value");
    return value;
  };
  switch (action) {
    case "delete": {
      // "All matching" may include the caller: skip them rather than refuse the whole job.
      const others = ids.length > 1 ? ids.filter((id) => id !== caller.userId) : ids;
      return { jobId: startDeleteUsers(caller, others).id, count: others.length };
    }
    case "activate":
    case "deactivate":
      await updateUsers(caller, ids.filter((id) => action === "activate" || id !== caller.userId), { active: action === "activate" });
      return { count: ids.length };
    case "forceMfa":
      await setMfa(caller, ids, "2FA", "");
      return { count: ids.length };
    case "resetMfa":
      resetMfa(caller, ids);
      return { count: ids.length };
    case "removeMfa":
      removeMfa(caller, ids, "2FA");
      return { count: ids.length };
    case "setPin":
      await setMfa(caller, ids, "PIN", need());
      return { count: ids.length };
    case "assignRole":
      // Checked once before the transaction, so a refusal is recorded rather than rolled back.
      rolesInReach(caller, caller.tenantId, [need()], "user.roles_assigned");
      // better-sqlite3 nests each user's transaction as a savepoint: all users or none.
      db.transaction(() => ids.forEach((id) => assignRoles(caller, id, caller.tenantId, [need()])));
      return { count: ids.length };
    case "removeRole":
      rolesInReach(caller, caller.tenantId, [need()], "user.roles_unassigned");
      db.transaction(() => ids.forEach((id) => unassignRoles(caller, id, caller.tenantId, [need()])));
      return { count: ids.length };
    case "addGroup":
      addMembers(caller, need(), ids);
      return { count: ids.length };
    case "removeGroup":
      removeMembers(caller, need(), ids);
      return { count: ids.length };
  }
}
