import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { TokensTable } from "@/components/tokens/tokens-table";
import { PageHeader } from "@/components/shell/page-header";
import { UserAccountActions } from "@/components/users/user-account-actions";
import { UserAdminPanels } from "@/components/users/user-admin-panels";
import { UserGroups } from "@/components/users/user-groups";
import { UserOwnRecord } from "@/components/users/user-own-record";
import { RelativeTime } from "@/components/ui/relative-time";
import { UserPasskeys } from "@/components/users/user-passkeys";
import { UserProfileForm } from "@/components/users/user-profile-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireAdminPage } from "@/lib/auth/current";
import { eventLabeller } from "@/lib/audit/labels";
import { userAuditTrail } from "@/lib/audit/query";
import { can } from "@/lib/authz/caller";
import { isAppError } from "@/lib/errors";
import { groupsOfUser, listGroups } from "@/lib/groups/groups";
import { listMethods } from "@/lib/mfa/methods";
import { passkeysOf, passkeyView } from "@/lib/passkeys/store";
import { hasPgpKey } from "@/lib/pgp/keys";
import { listRoles, roleCodesOf } from "@/lib/roles/roles";
import { userSessions } from "@/lib/sessions/admin";
import { listTokens } from "@/lib/tokens/tokens";
import { userInScope } from "@/lib/users/scope";
import { signInTenants } from "@/lib/auth/login";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.users.detail"))("title") };
}

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requireAdminPage("User", "Read");
  const { id } = await params;
  let user;
  try {
    user = await userInScope(caller, id);
  } catch (e) {
    if (isAppError(e)) notFound();
    throw e;
  }
  const tenants = (await signInTenants({ id: user.id, isSuperAdmin: false })).filter((t) => caller.isSuperAdmin || t.id === caller.tenantId);
  const tenantRoles = new Map<string, string[]>();
  for (const t of tenants) tenantRoles.set(t.id, await roleCodesOf(user.id, t.id));
  const roles = await roleCodesOf(user.id, caller.tenantId);
  const allRoles = (await can(caller, "Role", "Read")) ? (await listRoles(caller, { records: 500, orderBy: "name", order: "ASC" })).rows.map((r) => r.name) : [];
  // Your own record is read-only here (see UserOwnRecord): every change below is to someone else.
  const self = user.id === caller.userId;
  const [canEditUser, canDelete, canReset, canEditGroups] = await Promise.all([
    can(caller, "User", "Edit"),
    can(caller, "User", "Delete"),
    can(caller, "User", "Reset"),
    can(caller, "Group", "Edit").then(async (edit) => edit && (await can(caller, "Group", "Read"))),
  ]);
  const canEdit = canEditUser && !self;
  const trail = await userAuditTrail(caller, user.id);
  const groups = (await groupsOfUser(user.id, caller.tenantId)).map((g) => ({ id: g.id, name: g.name }));
  const allGroups = canEditGroups && !self ? (await listGroups(caller, { pageSize: 200 })).rows.map((g) => ({ id: g.id, name: g.name })) : [];
  const name = user.fullName || user.email;
  const pgpKey = await hasPgpKey(user.id);
  const methods = await listMethods(user.id);
  const userPasskeys = await passkeysOf(user.id);
  const sessions = await userSessions(caller, user.id);
  const tokens = await listTokens(caller, user.id);
  const t = await getTranslations("admin.users.detail");
  const label = await eventLabeller();
  return (
    <>
      <PageHeader title={name} description={user.email} actions={<Link className="text-sm underline" href="/admin/users">{t("allUsers")}</Link>} />
      {self && <UserOwnRecord />}
      <div className="grid gap-6 lg:grid-cols-2">
        <UserProfileForm user={{ id: user.id, email: user.email, firstName: user.firstName, lastName: user.lastName, active: user.active }} disabled={!canEdit} />
        <Card>
          <CardHeader>
            <CardTitle>{t("memberships")}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-2 text-sm">
            {tenants.map((m) => (
              <div key={m.id} className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{m.name}</span>
                {(tenantRoles.get(m.id) ?? []).map((r) => (
                  <Badge key={r} variant="secondary">{r}</Badge>
                ))}
              </div>
            ))}
            <div className="grid gap-2 pt-2">
              <UserGroups userId={user.id} userName={name} groups={groups} allGroups={allGroups} canEdit={canEditGroups && !self} />
              <p className="text-muted-foreground">
                {t("pgpKey")} <span data-testid="pgp-key">{pgpKey ? t("yes") : t("no")}</span>
              </p>
            </div>
          </CardContent>
        </Card>
        {!self && <UserAccountActions user={{ id: user.id, name, active: user.active }} allowed={{ delete: canDelete, resetPassword: canReset, signOut: canEditUser }} />}
      </div>
      <UserAdminPanels
        userId={user.id}
        canEdit={canEdit}
        roles={roles}
        allRoles={allRoles}
        mfa={{ required: user.mfaRequired, methods: methods.map((m) => ({ id: m.id, kind: m.kind, createdAt: m.createdAt.toISOString() })), passkeys: userPasskeys.length }}
        sessions={sessions.map((s) => ({ id: s.id, device: s.device || s.kind, ip: s.ip, lastSeenAt: s.lastSeenAt.toISOString() }))}
      />
      <section className="mt-6 grid gap-3">
        <h2 className="text-lg font-semibold">{t("passkeys")}</h2>
        <UserPasskeys userId={user.id} passkeys={userPasskeys.map(passkeyView)} canEdit={canEdit} />
      </section>
      <section className="mt-6 grid gap-3">
        <h2 className="text-lg font-semibold">{t("tokens")}</h2>
        <TokensTable userId={user.id} rows={tokens.map((k) => ({ id: k.id, name: k.name, kind: k.kind, createdAt: k.createdAt.toISOString(), lastUsedAt: k.lastUsedAt?.toISOString() ?? null, expiresAt: k.expiresAt?.toISOString() ?? null }))} />
      </section>
      <section className="mt-6 grid gap-3">
        <h2 className="text-lg font-semibold">{t("auditTrail")}</h2>
        <Card className="p-0">
          <ul className="divide-y text-sm" data-testid="user-audit">
            {trail.length === 0 && <li className="px-4 py-6 text-center text-muted-foreground">{t("noEvents")}</li>}
            {trail.map((e) => (
              <li key={e.id} className="flex flex-wrap justify-between gap-2 px-4 py-2">
                <span>
                  <span title={e.action}>{label(e)}</span> <span className="text-muted-foreground">{e.actorEmail ? t("by", { actor: e.actorEmail }) : t("bySystem")}</span>
                </span>
                <span className="text-muted-foreground"><RelativeTime date={e.createdAt} /></span>
              </li>
            ))}
          </ul>
        </Card>
      </section>
    </>
  );
}
