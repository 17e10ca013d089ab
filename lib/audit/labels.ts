/**
 * What each recorded audit action means, in words, for the audit log and the dashboard. Every
 * action the code records must be here (labels.test.ts scans the sources); the stored action stays
 * the machine name (filters, CSV and the APIs use it).
 */
export const AUDIT_LABELS: Record<string, string> = {
  "authz.denied": "Refused: missing permission",
  "email.changed": "Email changed",
  "group.created": "Group created",
  "group.deleted": "Group deleted",
  "group.members_added": "Added to group",
  "group.members_removed": "Removed from group",
  "group.updated": "Group edited",
  "invitation.accepted": "Invitation accepted",
  "login.disabled_account": "Sign-in refused: account disabled",
  "login.failed": "Sign-in failed",
  "login.mfa_failed": "Sign-in failed: wrong second factor",
  "login.success": "Signed in",
  "login.throttled": "Sign-in throttled",
  "membership.accepted": "Tenant invitation accepted",
  "membership.invited": "Invited to tenant",
  "mfa.device_trusted": "Device trusted for 30 days",
  "mfa.enabled": "Authenticator added",
  "mfa.forced": "Two-factor required by admin",
  "mfa.method_removed": "Second factor removed",
  "mfa.pin_set": "PIN set by admin",
  "mfa.recovery_code_used": "Recovery code used",
  "mfa.recovery_codes_regenerated": "Recovery codes regenerated",
  "mfa.removed": "Two-factor removed by admin",
  "mfa.reset": "Two-factor reset by admin",
  "passkey.added": "Passkey added",
  "passkey.cloned": "Cloned passkey refused",
  "passkey.removed": "Passkey removed",
  "passkey.renamed": "Passkey renamed",
  "password.changed": "Password changed",
  "password.reset": "Password reset",
  "password.reset_requested": "Password reset email sent",
  "pgp.key_deleted": "PGP key deleted",
  "pgp.key_saved": "PGP key saved",
  "profile.updated": "Profile edited",
  "registration.confirmed": "Registration confirmed",
  "role.created": "Role created",
  "role.permission_revoked": "Permission taken from role",
  "role.restored": "Role restored",
  "role.retired": "Role retired",
  "role.updated": "Role edited",
  "session.revoked": "Session revoked",
  "session.revoked_all": "Signed out everywhere",
  "session.signed_out": "Signed out",
  "session.tenant_switched": "Switched tenant",
  "setup.completed": "First administrator created",
  "tenant.created": "Tenant created",
  "tenant.restored": "Tenant restored",
  "tenant.retired": "Tenant retired",
  "tenant.updated": "Tenant settings changed",
  "token.created": "API token created",
  "token.refreshed": "API token refreshed",
  "token.revoked": "API token revoked",
  "user.account_changed": "Account change",
  "user.created": "User created",
  "user.deleted": "User deleted",
  "user.registration_existing": "Registration with a taken address",
  "user.roles_assigned": "Role given",
  "user.roles_unassigned": "Role taken away",
  "user.self_registered": "Signed up",
  "user.updated": "User edited",
  "users.exported": "Users exported (CSV)",
};

/** The label of an action; one the map does not know yet shows as recorded. */
export const auditLabel = (action: string) => AUDIT_LABELS[action] ?? action;

/** Where an event's target lives in the console, when it has a page. */
export function targetHref(targetType: string, targetId: string | null) {
  if (!targetId) return null;
  const base = { user: "/admin/users", group: "/admin/groups", role: "/admin/roles", tenant: "/admin/tenants" }[targetType];
  return base ? `${base}/${encodeURIComponent(targetId)}` : null;
}

/** An event's label; a refusal names what was refused ("Refused: Role given"). */
export function eventLabel(e: { action: string; data?: Record<string, unknown> | null }) {
  const attempted = e.action === "authz.denied" && typeof e.data?.attempted === "string" ? e.data.attempted : undefined;
  return attempted ? `Refused: ${AUDIT_LABELS[attempted] ?? attempted}` : auditLabel(e.action);
}
