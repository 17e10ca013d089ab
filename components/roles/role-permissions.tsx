"use client";

import { useTranslations } from "next-intl";
import { revokePermissionAction } from "@/app/(app)/admin/roles/actions";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { useActionToast } from "@/components/forms/use-action-toast";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** The role's granted pairs (including ones outside the catalogue) with a one-click, confirmed revoke. */
export function RolePermissions({ roleId, permissions, canRevoke }: { roleId: string; permissions: { resource: string; action: string }[]; canRevoke: boolean }) {
  const t = useTranslations("admin.roles.permissions");
  const tc = useTranslations("admin.common");
  const notify = useActionToast();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("count", { count: permissions.length })}</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="divide-y rounded-md border text-sm" data-testid="role-permissions">
          {permissions.length === 0 && <li className="p-3 text-muted-foreground">{t("empty")}</li>}
          {permissions.map(({ resource, action }) => (
            <li key={`${resource}/${action}`} className="flex items-center justify-between gap-2 p-2">
              <span className="font-mono">{resource}/{action}</span>
              {canRevoke && (
                <ConfirmButton
                  label={<>{tc("revoke")}<span className="sr-only"> {resource}/{action}</span></>}
                  variant="ghost"
                  title={t("revokeTitle", { permission: `${resource}/${action}` })}
                  description={t("revokeDescription")}
                  confirmLabel={tc("revoke")}
                  onConfirm={() => notify(revokePermissionAction({ id: roleId, resource, action }), t("revoked", { permission: `${resource}/${action}` }))}
                />
              )}
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
