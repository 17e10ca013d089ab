"use client";

import { useRouter } from "next/navigation";
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
              toast.success("Tenant settings saved");
              router.refresh();
            } else toast.error(res.message);
          });
        }}
      >
        <CardContent className="grid gap-4">
          <Field label="Name" name="name" defaultValue={tenant.name} required error={errors.name} />
          {toggle("forceMfa", "Require two-factor authentication", "Members without a method must enrol before anything else.")}
          {toggle("allowSelfRegistration", "Allow self-registration", "Anyone may register into this tenant through the API, with the default role.")}
          {toggle("rejectCommonPasswords", "Reject common passwords", "Checks new passwords against a list of 49,000 commonly used ones.")}
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Minimum password length" name="passwordMinLength" type="number" min={8} max={128} defaultValue={tenant.passwordMinLength} error={errors.passwordMinLength} />
            <Field label="Session lifetime (minutes)" name="sessionLifetimeMinutes" type="number" min={5} defaultValue={tenant.sessionLifetimeMinutes} error={errors.sessionLifetimeMinutes} />
          </div>
        </CardContent>
        <CardFooter className="justify-between pt-6">
          <ConfirmButton
            label={tenant.retired ? "Restore tenant" : "Retire tenant"}
            variant={tenant.retired ? "outline" : "destructive"}
            disabled={current && !tenant.retired}
            title={tenant.retired ? "Restore this tenant?" : "Retire this tenant?"}
            description={tenant.retired ? "Members can sign in to it again." : "Nobody can sign in to it any more and its sessions and tokens stop working. Data is kept."}
            confirmLabel={tenant.retired ? "Restore" : "Retire"}
            onConfirm={() => notify(retireTenantAction({ id: tenant.id, retired: !tenant.retired }), tenant.retired ? "Tenant restored" : "Tenant retired")}
          />
          <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save settings"}</Button>
        </CardFooter>
      </form>
    </Card>
  );
}
