"use client";

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
  const notify = useActionToast();
  const [pin, setPin] = useState("");
  const [role, setRole] = useState("");
  const [pending, start] = useTransition();
  const hasMethod = mfa.methods.length + mfa.passkeys > 0;
  return (
    <div className="mt-6 grid gap-6 lg:grid-cols-3">
      <Card>
        <CardHeader>
          <CardTitle>Roles</CardTitle>
          <CardDescription>In this tenant. Without a role the tenant’s default role applies.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3">
          <div className="flex flex-wrap gap-2" data-testid="user-roles">
            {roles.length === 0 && <span className="text-sm text-muted-foreground">Default role</span>}
            {roles.map((r) => (
              <Badge key={r} variant="secondary" className="gap-1">
                {r}
                {canEdit && (
                  <ConfirmButton
                    label="×"
                    ariaLabel={`Remove role ${r}`}
                    variant="ghost"
                    className="ml-1 h-4 px-1 hover:text-destructive"
                    disabled={pending}
                    title={`Remove role ${r}?`}
                    description="They lose this role’s permissions on their next request."
                    confirmLabel="Remove"
                    onConfirm={() => notify(userRoleAction({ userId, role: r, assign: false }), `Role ${r} removed`)}
                  />
                )}
              </Badge>
            ))}
          </div>
          {canEdit && (
            <div className="flex gap-2">
              <select aria-label="Role to assign" className="h-9 w-0 min-w-0 flex-1 rounded-md border border-input bg-transparent px-2 text-sm dark:bg-input/30" value={role} onChange={(e) => setRole(e.target.value)}>
                <option value="">Choose a role…</option>
                {allRoles.filter((r) => !roles.includes(r)).map((r) => (
                  <option key={r} value={r}>{r}</option>
                ))}
              </select>
              <Button size="sm" disabled={!role || pending} onClick={() => start(async () => (await notify(userRoleAction({ userId, role, assign: true }), `Role ${role} assigned`), setRole("")))}>
                Assign
              </Button>
            </div>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle className="flex items-center gap-2">
            Two-factor {mfa.required && <Badge>Required</Badge>}
          </CardTitle>
          <CardDescription data-testid="user-mfa">{hasMethod ? [...mfa.methods.map((m) => (m.kind === "pin" ? "PIN" : "Authenticator")), ...(mfa.passkeys ? [`${mfa.passkeys} passkey${mfa.passkeys > 1 ? "s" : ""}`] : [])].join(", ") : "No method enrolled"}</CardDescription>
        </CardHeader>
        {canEdit && (
          <CardContent className="grid gap-3">
            <div className="flex flex-wrap gap-2">
              {!mfa.required && <ConfirmButton label="Require MFA" title="Require MFA?" description="The user must use two-factor; without a method they enrol at next sign-in. Their sessions end." confirmLabel="Require" onConfirm={() => notify(userMfaAction({ userId, op: "force" }), "MFA required")} />}
              <ConfirmButton label="Reset MFA" disabled={!hasMethod} title="Reset MFA?" description="Wipes methods, passkeys and recovery codes; MFA stays required and every session ends." confirmLabel="Reset MFA" onConfirm={() => notify(userMfaAction({ userId, op: "reset" }), "MFA reset")} />
              {/* Without a method, removing MFA still lifts a requirement; with neither there is nothing to remove. */}
              <ConfirmButton label="Remove MFA" disabled={!hasMethod && !mfa.required} title="Remove MFA?" description={hasMethod ? "Turns two-factor off for this user (refused when the tenant forces 2FA)." : "They no longer have to enrol a second factor (refused when the tenant forces 2FA)."} confirmLabel="Remove MFA" onConfirm={() => notify(userMfaAction({ userId, op: "remove" }), "MFA removed")} />
            </div>
            {!hasMethod && <p className="text-xs text-muted-foreground" data-testid="mfa-no-method">No method enrolled: there is nothing to reset{mfa.required ? "" : " or remove"}.</p>}
            <div className="flex gap-2">
              <Input aria-label="New PIN" placeholder="PIN (4–12 digits)" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} />
              <Button size="sm" disabled={!pin || pending} onClick={() => start(async () => (await notify(userMfaAction({ userId, op: "pin", pin }), "PIN set"), setPin("")))}>
                Set PIN
              </Button>
            </div>
          </CardContent>
        )}
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Sessions</CardTitle>
          <CardDescription>{sessions.length} active</CardDescription>
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
                {canEdit && <ConfirmButton label="Revoke" title="Revoke this session?" description="The user is signed out there on the next request." confirmLabel="Revoke" onConfirm={() => notify(revokeUserSessionAction({ userId, sessionId: s.id }), "Session revoked")} />}
              </li>
            ))}
          </ul>
        </CardContent>
      </Card>
    </div>
  );
}
