import { sqlAllSync, sqlBatchSync, sqlJson } from "./sql";

// Synchronous on purpose: the escalation specs compare these values inline (before/after a request).

/**
 * Everything an escalation could change: who holds which role, what each role carries and which
 * is the default, group membership, and the account fields a takeover edits. Sessions, tokens,
 * throttles and the audit log are left out: a refusal writes to some of them.
 */
export function grantSnapshot() {
  const [users, memberships, holders, roles, permissions, groupMembers, [mfaMethods]] = sqlBatchSync([
    ["SELECT id, email, first_name, last_name, active, mfa_required, is_super_admin FROM users ORDER BY id"],
    ["SELECT user_id, tenant_id FROM memberships ORDER BY id"],
    ["SELECT membership_id, role_id FROM membership_roles ORDER BY membership_id, role_id"],
    ["SELECT id, name, description, is_default, revoked_at FROM roles ORDER BY id"],
    ["SELECT role_id, resource, action FROM role_permissions WHERE revoked_at IS NULL ORDER BY role_id, resource, action"],
    ["SELECT group_id, user_id FROM group_members ORDER BY group_id, user_id"],
    ["SELECT count(*) AS n FROM mfa_methods"],
  ]) as [unknown[], unknown[], unknown[], unknown[], unknown[], unknown[], { n: number | string }[]];
  return { users, memberships, holders, roles, permissions, groupMembers, mfaMethods: { n: Number(mfaMethods!.n) } };
}

/** The refusals recorded for an actor, newest last. */
export function denialsBy(actorId: string) {
  return sqlAllSync<{ data: unknown }>("SELECT data FROM audit_events WHERE action = 'authz.denied' AND actor_id = $1 ORDER BY created_at, id", [actorId]).map((r) =>
    sqlJson<{ attempted: string; reason: string; missing?: string[] }>(r.data),
  );
}
