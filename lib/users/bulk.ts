import { z } from "zod";
import { db } from "@/db/client";
import type { Caller } from "@/lib/authz/caller";
import { validation } from "@/lib/errors";
import { addMembers, removeMembers } from "@/lib/groups/groups";
import { removeMfa, resetMfa, setMfa } from "@/lib/mfa/admin";
import { assignRolesChecked, rolesInReach, unassignRolesChecked } from "@/lib/roles/roles";
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
      return { jobId: (await startDeleteUsers(caller, others)).id, count: others.length };
    }
    case "activate":
    case "deactivate":
      await updateUsers(caller, ids.filter((id) => action === "activate" || id !== caller.userId), { active: action === "activate" });
      return { count: ids.length };
    case "forceMfa":
      await setMfa(caller, ids, "2FA", "");
      return { count: ids.length };
    case "resetMfa":
      await resetMfa(caller, ids);
      return { count: ids.length };
    case "removeMfa":
      await removeMfa(caller, ids, "2FA");
      return { count: ids.length };
    case "setPin":
      await setMfa(caller, ids, "PIN", need());
      return { count: ids.length };
    case "assignRole": {
      // Checked once before the transaction, so a refusal is recorded rather than rolled back.
      const found = await rolesInReach(caller, caller.tenantId, [need()], "user.roles_assigned");
      // Each user's change is a savepoint in one transaction: all users or none.
      await db.transaction(async (tx) => {
        for (const id of ids) await assignRolesChecked(caller, id, caller.tenantId, found, tx);
      });
      return { count: ids.length };
    }
    case "removeRole": {
      const found = await rolesInReach(caller, caller.tenantId, [need()], "user.roles_unassigned");
      await db.transaction(async (tx) => {
        for (const id of ids) await unassignRolesChecked(caller, id, caller.tenantId, found, tx);
      });
      return { count: ids.length };
    }
    case "addGroup":
      await addMembers(caller, need(), ids);
      return { count: ids.length };
    case "removeGroup":
      await removeMembers(caller, need(), ids);
      return { count: ids.length };
  }
}
