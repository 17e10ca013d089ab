"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { createRoleAction, updateRoleAction } from "@/app/(app)/admin/roles/actions";
import { Field } from "@/components/forms/field";
import { useFormChanges } from "@/components/forms/use-unsaved-changes";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { ACTIONS, RESOURCES } from "@/lib/authz/catalogue";
import { RetireRoleButton } from "./role-lifecycle";

interface RoleView {
  id: string;
  name: string;
  /** The description as shown (a built-in role's stock text translated). */
  description: string;
  /** The stored stock text behind a translated `description`: saved back when the field is left as shown. */
  storedDescription?: string;
  isDefault: boolean;
  isSystem: boolean;
  retired: boolean;
  permissions: { resource: string; action: string }[];
}

const key = (r: string, a: string) => `${r}/${a}`;

/** Name, description, default flag and the resource × action permission matrix. `others`: the tenant's other live roles (a new default when this one retires). */
export function RoleForm({ role, readOnly, others = [] }: { role?: RoleView; readOnly?: boolean; others?: { id: string; name: string }[] }) {
  const t = useTranslations("admin.roles.form");
  const tc = useTranslations("admin.common");
  const router = useRouter();
  const [perms, setPerms] = useState(new Set((role?.permissions ?? []).map((p) => key(p.resource, p.action))));
  const [isDefault, setIsDefault] = useState(role?.isDefault ?? false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, start] = useTransition();
  const changes = useFormChanges({ perms: [...perms].sort(), isDefault });
  const toggle = (k: string) => setPerms((s) => (s.has(k) ? new Set([...s].filter((x) => x !== k)) : new Set([...s, k])));
  const disabled = readOnly || role?.retired;
  // The built-in admin role always holds All/All: its matrix is shown but never sent.
  const fixedMatrix = role?.isSystem && role.name === "admin";
  return (
    <Card>
      <CardHeader>
        <CardTitle>{role ? t("editTitle") : t("newTitle")}</CardTitle>
      </CardHeader>
      <form
        {...changes.form}
        method="post"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          // Saving other changes must not store the translation in place of the stock text.
          const typedDescription = String(f.get("description") ?? "");
          // A built-in role's name field is disabled, so the form data leaves it out.
          const input = { name: String(f.get("name") ?? role?.name ?? ""), description: typedDescription === role?.description && role.storedDescription !== undefined ? role.storedDescription : typedDescription, defaultRole: isDefault };
          // Pairs outside the catalogue (stored through the API) are not in the matrix but kept.
          const permissions = [...perms].map((k) => {
            const [resource, action] = k.split("/") as [string, string];
            return { resource, action };
          });
          start(async () => {
            const res = role
              ? await updateRoleAction({ id: role.id, ...input, permissions: fixedMatrix ? undefined : permissions })
              : await createRoleAction({ ...input, permissions });
            if (!res.ok) {
              setErrors(res.fieldErrors ?? {});
              toast.error(res.message);
              return;
            }
            changes.saved();
            toast.success(role ? t("saved") : t("created"));
            if (!role && res.data) router.push(`/admin/roles/${res.data.id}`);
            else router.refresh();
          });
        }}
      >
        <CardContent className="grid gap-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={tc("name")} name="name" defaultValue={role?.name} required disabled={disabled || role?.isSystem} error={errors.name} />
            <Field label={t("description")} name="description" defaultValue={role?.description} disabled={disabled} error={errors.description} />
          </div>
          <div className="flex items-center gap-2">
            <Checkbox id="defaultRole" checked={isDefault} disabled={disabled} onCheckedChange={(v) => setIsDefault(v === true)} />
            <Label htmlFor="defaultRole" className="font-normal">{t("defaultRole")}</Label>
          </div>
          <div className="relative overflow-x-auto">
            <table className="text-sm" aria-label={t("permissions")}>
              <thead>
                <tr>
                  <th className="p-2 text-left font-medium">{t("resource")}</th>
                  {ACTIONS.map((a) => (
                    <th key={a} className="p-2 font-medium">{a}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {RESOURCES.map((r) => (
                  <tr key={r} className="border-t">
                    <th className="p-2 text-left font-normal">{r}</th>
                    {ACTIONS.map((a) => (
                      <td key={a} className="p-2 text-center">
                        <Checkbox aria-label={`${r} ${a}`} checked={perms.has(key(r, a))} disabled={disabled || fixedMatrix} onCheckedChange={() => toggle(key(r, a))} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {fixedMatrix && <p className="text-sm text-muted-foreground" data-testid="admin-matrix-note">{t("adminFixed")}</p>}
          <p className="text-xs text-muted-foreground">{t("wildcard")}</p>
        </CardContent>
        {!disabled && (
          <CardFooter className="justify-between pt-4">
            {role && !role.isSystem ? <RetireRoleButton role={role} others={others} /> : <span />}
            <Button type="submit" disabled={pending}>{pending ? tc("saving") : role ? t("save") : t("create")}</Button>
          </CardFooter>
        )}
      </form>
    </Card>
  );
}
