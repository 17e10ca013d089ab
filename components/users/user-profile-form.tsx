"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { updateUserAction } from "@/app/(app)/admin/users/[id]/actions";
import { Field } from "@/components/forms/field";
import { useFormChanges } from "@/components/forms/use-unsaved-changes";
import { ConfirmDialog } from "@/components/forms/confirm-dialog";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";

export function UserProfileForm({ user, disabled }: { user: { id: string; email: string; firstName: string; lastName: string; active: boolean }; disabled: boolean }) {
  const t = useTranslations("admin.users.profile");
  const tc = useTranslations("admin.common");
  const router = useRouter();
  const [active, setActive] = useState(user.active);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, start] = useTransition();
  const changes = useFormChanges(active);
  /** The submitted form, held while the admin confirms a deactivation (it ends the user's sessions). */
  const [confirming, setConfirming] = useState<FormData>();
  const save = (f: FormData) =>
    start(async () => {
      const res = await updateUserAction({ userId: user.id, email: String(f.get("email")), firstName: String(f.get("firstName")), lastName: String(f.get("lastName")), active });
      setConfirming(undefined);
      setErrors(res.ok ? {} : (res.fieldErrors ?? {}));
      if (res.ok) {
        changes.saved();
        toast.success(t("saved"));
        router.refresh();
      } else toast.error(res.message);
    });
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
      </CardHeader>
      <form
        {...changes.form}
        method="post"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          if (user.active && !active) setConfirming(f);
          else save(f);
        }}
      >
        <CardContent className="grid gap-4">
          <Field label={tc("email")} name="email" type="email" defaultValue={user.email} disabled={disabled} error={errors.email} hint={t("emailHint")} />
          <div className="grid grid-cols-2 gap-3">
            <Field label={tc("firstName")} name="firstName" defaultValue={user.firstName} disabled={disabled} error={errors.firstName} />
            <Field label={tc("lastName")} name="lastName" defaultValue={user.lastName} disabled={disabled} error={errors.lastName} />
          </div>
          <div className="flex items-center gap-2">
            <Checkbox id="active" checked={active} disabled={disabled} onCheckedChange={(v) => setActive(v === true)} />
            <Label htmlFor="active" className="font-normal">{t("active")}</Label>
          </div>
        </CardContent>
        {!disabled && (
          <CardFooter className="justify-end pt-4">
            <Button type="submit" disabled={pending}>{pending ? tc("saving") : tc("save")}</Button>
          </CardFooter>
        )}
      </form>
      <ConfirmDialog
        open={!!confirming}
        onOpenChange={(o) => !o && setConfirming(undefined)}
        title={t("deactivateTitle", { email: user.email })}
        description={t("deactivateDescription")}
        confirmLabel={t("deactivate")}
        pending={pending}
        onConfirm={() => confirming && save(confirming)}
      />
    </Card>
  );
}
