"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { useActionToast } from "@/components/forms/use-action-toast";
import { retireTenantAction, updateTenantAction } from "@/app/(app)/admin/tenants/actions";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { Field } from "@/components/forms/field";
import { useFormChanges } from "@/components/forms/use-unsaved-changes";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";

interface TenantView {
  id: string;
  name: string;
  forceMfa: boolean;
  allowSelfRegistration: boolean;
  passwordMinLength: number;
  rejectCommonPasswords: boolean;
  sessionLifetimeMinutes: number;
  retired: boolean;
}

export function TenantSettingsForm({ tenant, current }: { tenant: TenantView; current: boolean }) {
  const t = useTranslations("admin.tenants.settings");
  const tc = useTranslations("admin.common");
  const router = useRouter();
  const notify = useActionToast();
  const [flags, setFlags] = useState({ forceMfa: tenant.forceMfa, allowSelfRegistration: tenant.allowSelfRegistration, rejectCommonPasswords: tenant.rejectCommonPasswords });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, start] = useTransition();
  const changes = useFormChanges(flags);
  const toggle = (key: keyof typeof flags, label: string, hint: string) => (
    <div className="flex items-start justify-between gap-4 rounded-md border p-3">
      <div>
        <Label htmlFor={key}>{label}</Label>
        <p className="text-sm text-muted-foreground">{hint}</p>
      </div>
      <Switch id={key} checked={flags[key]} onCheckedChange={(v) => setFlags((f) => ({ ...f, [key]: v }))} />
    </div>
  );
  return (
    <Card>
      <form
        {...changes.form}
        method="post"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          start(async () => {
            const res = await updateTenantAction({ id: tenant.id, name: String(f.get("name")), passwordMinLength: Number(f.get("passwordMinLength")), sessionLifetimeMinutes: Number(f.get("sessionLifetimeMinutes")), ...flags });
            setErrors(res.ok ? {} : (res.fieldErrors ?? {}));
            if (res.ok) {
              changes.saved();
              toast.success(t("saved"));
              router.refresh();
            } else toast.error(res.message);
          });
        }}
      >
        <CardContent className="grid gap-4">
          <Field label={tc("name")} name="name" defaultValue={tenant.name} required error={errors.name} />
          {toggle("forceMfa", t("forceMfa"), t("forceMfaHint"))}
          {toggle("allowSelfRegistration", t("selfRegistration"), t("selfRegistrationHint"))}
          {toggle("rejectCommonPasswords", t("rejectCommon"), t("rejectCommonHint"))}
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t("minLength")} name="passwordMinLength" type="number" min={8} max={128} defaultValue={tenant.passwordMinLength} error={errors.passwordMinLength} />
            <Field label={t("sessionLifetime")} name="sessionLifetimeMinutes" type="number" min={5} defaultValue={tenant.sessionLifetimeMinutes} error={errors.sessionLifetimeMinutes} />
          </div>
        </CardContent>
        <CardFooter className="justify-between pt-6">
          <ConfirmButton
            label={tenant.retired ? t("restore") : t("retire")}
            variant={tenant.retired ? "outline" : "destructive"}
            disabled={current && !tenant.retired}
            title={tenant.retired ? t("restoreTitle") : t("retireTitle")}
            description={tenant.retired ? t("restoreDescription") : t("retireDescription")}
            confirmLabel={tenant.retired ? t("restoreConfirm") : t("retireConfirm")}
            onConfirm={() => notify(retireTenantAction({ id: tenant.id, retired: !tenant.retired }), tenant.retired ? t("restored") : t("retired"))}
          />
          <Button type="submit" disabled={pending}>{pending ? tc("saving") : t("save")}</Button>
        </CardFooter>
      </form>
    </Card>
  );
}
