import { ACTIONS, grants, RESOURCES, type PermissionPair } from "./catalogue";
import { heldBy, permissionsOf, type Caller } from "./caller";
import { denied, type Attempt } from "./denied";

/**
 * The escalation rule: nobody grants, or reaches, more than they hold. Giving a role, shaping a
 * role (its permissions, making it the default) and changing another account all ask the same
 * question: does the caller hold every permission involved?
 */

const CONCRETE_RESOURCES = RESOURCES.filter((r) => r !== "All");
const CONCRETE_ACTIONS = ACTIONS.filter((a) => a !== "All");
const known = (p: PermissionPair) => (RESOURCES as readonly string[]).includes(p.resource) && (ACTIONS as readonly string[]).includes(p.action);
export const pairLabel = (p: PermissionPair) => `${p.resource}/${p.action}`;

/**
 * Does `held` cover `wanted`? A catalogue pair is covered when everything it grants is granted
 * (so User/All is covered by holding all six User actions, and All/All by holding everything).
 * A pair outside the catalogue grants nothing here but may mean something to another
 * application, so it is covered only by the same strings or a literal "All" on either axis.
 */
export function covers(held: PermissionPair[], wanted: PermissionPair) {
  if (!known(wanted))
    return held.some((h) => (h.resource === "All" || h.resource === wanted.resource) && (h.action === "All" || h.action === wanted.action));
  const resources = wanted.resource === "All" ? CONCRETE_RESOURCES : [wanted.resource as (typeof RESOURCES)[number]];
  const actions = wanted.action === "All" ? CONCRETE_ACTIONS : [wanted.action as (typeof ACTIONS)[number]];
  return resources.every((r) => actions.every((a) => grants(held, r, a)));
}

/** The wanted pairs the caller does not hold, without duplicates; a super admin holds everything. */
export async function missingPermissions(caller: Caller, wanted: PermissionPair[]): Promise<PermissionPair[]> {
  if (caller.isSuperAdmin || !wanted.length) return [];
  const held = await heldBy(caller);
  const missing = new Map<string, PermissionPair>();
  for (const p of wanted) if (!covers(held, p)) missing.set(pairLabel(p), { resource: p.resource, action: p.action });
  return [...missing.values()];
}

export async function holdsAll(caller: Caller, wanted: PermissionPair[]) {
  return (await missingPermissions(caller, wanted)).length === 0;
}

/**
 * Refuses (403, audited) unless the caller holds every pair of `wanted`; the message is `refusal`
 * followed by the missing pairs.
 */
export async function requireHoldsAll(caller: Caller, wanted: PermissionPair[], attempt: Attempt, refusal = "You cannot grant permissions you do not hold yourself") {
  const missing = await missingPermissions(caller, wanted);
  if (!missing.length) return;
  const labels = missing.map(pairLabel);
  throw await denied(caller, `${refusal}: ${labels.join(", ")}`, { ...attempt, data: { ...attempt.data, missing: labels } });
}

/**
 * Refuses (403, audited) a change to another user's account unless everything that user holds
 * in the caller's tenant is held by the caller too: otherwise a helpdesk role could take over an
 * administrator's account (new email, then a password reset) and with it their permissions.
 */
export async function requireReaches(caller: Caller, target: { id: string; email: string }, attempt: string) {
  if (caller.isSuperAdmin || target.id === caller.userId) return;
  const missing = await missingPermissions(caller, await permissionsOf(target.id, caller.tenantId));
  if (!missing.length) return;
  const labels = missing.map(pairLabel);
  throw await denied(caller, `${target.email} holds permissions you do not (${labels.join(", ")}): only someone who holds them can change this account`, {
    action: attempt,
    targetType: "user",
    targetId: target.id,
    targetLabel: target.email,
    data: { missing: labels },
  });
}
