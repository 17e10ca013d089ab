"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useActionToast } from "@/components/forms/use-action-toast";
import { revokeUserSessionAction, userMfaAction, userRoleAction } from "@/app/(app)/admin/users/[id]/actions";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { RelativeTime } from "@/components/ui/relative-time";

interface Props {
  userId: string;
  canEdit: boolean;
  roles: string[];
  allRoles: string[];
  mfa: { required: boolean; methods: { id: string; kind: string; createdAt: string }[]; passkeys: number };
  sessions: { id: string; device: string; ip: string; lastSeenAt: string }[];
}

/** Roles, MFA administration and sessions of one user. */
export function UserAdminPanels({ userId, canEdit, roles, allRoles, mfa, sessions }: Props) {
  const t = useTranslations("admin.users.panels");
  const tc = useTranslations("admin.common");
  const notify = useActionToast();
  const [pin, setPin] = useState("");
  const [role, setRole] = useState("");
  const [pending, start] = useTransition();
  const hasMethod = mfa.methods.length + mfa.passkeys > 0;
  return (
    <div className="mt-6 grid gap-6 lg:grid-cols-3">
      <Card>
        <CardHeader>
          <CardTitle>{t("roles")}</CardTitle>
          <CardDescription>{t("rolesDescription")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3">
          <div className="flex flex-wrap gap-2" data-testid="user-roles">
            {roles.length === 0 && <span className="text-sm text-muted-foreground">{t("defaultRole")}</span>}
            {roles.map((r) => (
              <Badge key={r} variant="secondary" className="gap-1">
                {r}
                {canEdit && (
                  <ConfirmButton
                    label="×"
                    ariaLabel={t("removeRole", { role: r })}
                    variant="ghost"
                    className="ml-1 h-4 px-1 hover:text-destructive"
                    disabled={pending}
                    title={t("removeRoleTitle", { role: r })}
                    description={t("removeRoleDescription")}
                    confirmLabel={tc("remove")}
                    onConfirm={() => notify(userRoleAction({ userId, role: r, assign: false }), t("roleRemoved", { role: r }))}
                  />
                )}
              </Badge>
            ))}
          </div>
          {canEdit && (
            <div className="flex gap-2">
              <select aria-label={t("roleToAssign")} className="h-9 w-0 min-w-0 flex-1 rounded-md border border-input bg-transparent px-2 text-sm dark:bg-input/30" value={role} onChange={(e) => setRole(e.target.value)}>
                <option value="">{t("chooseRole")}</option>
                {allRoles.filter((r) => !roles.includes(r)).map((r) => (
                  <option key={r} value={r}>{r}</option>
                ))}
              </select>
              <Button size="sm" disabled={!role || pending} onClick={() => start(async () => (await notify(userRoleAction({ userId, role, assign: true }), t("roleAssigned", { role })), setRole("")))}>
                {t("assign")}
              </Button>
            </div>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle className="flex items-center gap-2">
            {t("mfa")} {mfa.required && <Badge>{t("required")}</Badge>}
          </CardTitle>
          <CardDescription data-testid="user-mfa">{hasMethod ? [...mfa.methods.map((m) => (m.kind === "pin" ? t("pin") : t("authenticator"))), ...(mfa.passkeys ? [t("passkeys", { count: mfa.passkeys })] : [])].join(", ") : t("noMethod")}</CardDescription>
        </CardHeader>
        {canEdit && (
          <CardContent className="grid gap-3">
            <div className="flex flex-wrap gap-2">
              {!mfa.required && <ConfirmButton label={t("requireMfa")} title={t("requireMfaTitle")} description={t("requireMfaDescription")} confirmLabel={t("require")} onConfirm={() => notify(userMfaAction({ userId, op: "force" }), t("mfaRequired"))} />}
              <ConfirmButton label={t("resetMfa")} disabled={!hasMethod} title={t("resetMfaTitle")} description={t("resetMfaDescription")} confirmLabel={t("resetMfa")} onConfirm={() => notify(userMfaAction({ userId, op: "reset" }), t("mfaReset"))} />
              {/* Without a method, removing MFA still lifts a requirement; with neither there is nothing to remove. */}
              <ConfirmButton label={t("removeMfa")} disabled={!hasMethod && !mfa.required} title={t("removeMfaTitle")} description={hasMethod ? t("removeMfaDescription") : t("removeMfaRequirement")} confirmLabel={t("removeMfa")} onConfirm={() => notify(userMfaAction({ userId, op: "remove" }), t("mfaRemoved"))} />
            </div>
            {!hasMethod && <p className="text-xs text-muted-foreground" data-testid="mfa-no-method">{mfa.required ? t("nothingToReset") : t("nothingToResetOrRemove")}</p>}
            <div className="flex gap-2">
              <Input aria-label={t("newPin")} placeholder={t("pinHint")} inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} />
              <Button size="sm" disabled={!pin || pending} onClick={() => start(async () => (await notify(userMfaAction({ userId, op: "pin", pin }), t("pinSet")), setPin("")))}>
                {t("setPin")}
              </Button>
            </div>
          </CardContent>
        )}
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("sessions")}</CardTitle>
          <CardDescription>{t("sessionsActive", { count: sessions.length })}</CardDescription>
        </CardHeader>
        <CardContent>
          <ul className="grid gap-2 text-sm">
            {sessions.map((s) => (
              <li key={s.id} className="flex items-center justify-between gap-2" data-testid="user-session">
                <span>
                  {s.device} <span className="font-mono text-xs text-muted-foreground">{s.ip}</span>
                  <br />
                  <span className="text-xs text-muted-foreground"><RelativeTime date={s.lastSeenAt} /></span>
                </span>
                {canEdit && <ConfirmButton label={tc("revoke")} title={t("revokeTitle")} description={t("revokeDescription")} confirmLabel={tc("revoke")} onConfirm={() => notify(revokeUserSessionAction({ userId, sessionId: s.id }), t("sessionRevoked"))} />}
              </li>
            ))}
          </ul>
        </CardContent>
      </Card>
    </div>
  );
}
