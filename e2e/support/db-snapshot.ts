import Database from "better-sqlite3";
import { E2E_ENV } from "./env";

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(E2E_ENV.DATABASE_PATH, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/**
 * Everything an escalation could change: who holds which role, what each role carries and which
 * is the default, group membership, and the account fields a takeover edits. Sessions, tokens,
 * throttles and the audit log are left out: a refusal writes to some of them.
 */
export function grantSnapshot() {
  return withDb((db) => ({
    users: db.prepare("SELECT id, email, first_name, last_name, active, mfa_required, is_super_admin FROM users ORDER BY id").all(),
    memberships: db.prepare("SELECT user_id, tenant_id FROM memberships ORDER BY id").all(),
    holders: db.prepare("SELECT membership_id, role_id FROM membership_roles ORDER BY membership_id, role_id").all(),
    roles: db.prepare("SELECT id, name, description, is_default, revoked_at FROM roles ORDER BY id").all(),
    permissions: db.prepare("SELECT role_id, resource, action FROM role_permissions WHERE revoked_at IS NULL ORDER BY role_id, resource, action").all(),
    groupMembers: db.prepare("SELECT group_id, user_id FROM group_members ORDER BY group_id, user_id").all(),
    mfaMethods: db.prepare("SELECT count(*) AS n FROM mfa_methods").get(),
  }));
}

/** The refusals recorded for an actor, newest last. */
export function denialsBy(actorId: string) {
  return withDb((db) =>
    (db.prepare("SELECT data FROM audit_events WHERE action = 'authz.denied' AND actor_id = ? ORDER BY rowid").all(actorId) as { data: string }[]).map(
      (r) => JSON.parse(r.data) as { attempted: string; reason: string; missing?: string[] },
    ),
  );
}
