"use client";

import { revokePermissionAction } from "@/app/(app)/admin/roles/actions";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { useActionToast } from "@/components/forms/use-action-toast";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** The role's granted pairs (including ones outside the catalogue) with a one-click, confirmed revoke. */
export function RolePermissions({ roleId, permissions, canRevoke }: { roleId: string; permissions: { resource: string; action: string }[]; canRevoke: boolean }) {
  const notify = useActionToast();
  return (
    <Card>
      <CardHeader>
        <CardTitle>Granted permissions</CardTitle>
        <CardDescription>{permissions.length} permission(s)</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="divide-y rounded-md border text-sm" data-testid="role-permissions">
          {permissions.length === 0 && <li className="p-3 text-muted-foreground">No permissions: holders can only manage their own account.</li>}
          {permissions.map(({ resource, action }) => (
            <li key={`${resource}/${action}`} className="flex items-center justify-between gap-2 p-2">
              <span className="font-mono">{resource}/{action}</span>
              {canRevoke && (
                <ConfirmButton
                  label={<>Revoke<span className="sr-only"> {resource}/{action}</span></>}
                  variant="ghost"
                  title={`Revoke ${resource}/${action}?`}
                  description="Holders of this role lose it on their next request. It stays in the role's history."
                  confirmLabel="Revoke"
                  onConfirm={() => notify(revokePermissionAction({ id: roleId, resource, action }), `${resource}/${action} revoked`)}
                />
              )}
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
