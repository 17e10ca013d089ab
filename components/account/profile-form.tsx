"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { updateProfileAction } from "@/app/(app)/account/actions";
import { Field } from "@/components/forms/field";
import { useFormChanges } from "@/components/forms/use-unsaved-changes";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter } from "@/components/ui/card";
import { Label } from "@/components/ui/label";

interface Profile {
  firstName: string;
  middleName: string;
  lastName: string;
  timezone: string;
  preferredLanguages: string[];
}

export function ProfileForm({ initial, timezones }: { initial: Profile; timezones: string[] }) {
  const t = useTranslations("account.profile");
  const tc = useTranslations("common");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, start] = useTransition();
  const changes = useFormChanges();
  return (
    <Card>
      <form method="post" {...changes.form}
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const languages = String(f.get("languages")).split(",").map((s) => s.trim()).filter(Boolean);
          start(async () => {
            const res = await updateProfileAction({
              firstName: String(f.get("firstName")),
              middleName: String(f.get("middleName")),
              lastName: String(f.get("lastName")),
              timezone: String(f.get("timezone")),
              preferredLanguages: languages,
            });
            setErrors(res.ok ? {} : (res.fieldErrors ?? {}));
            if (res.ok) {
              changes.saved();
              toast.success(t("saved"));
            }
            else toast.error(res.message);
          });
        }}
      >
        <CardContent className="grid gap-4 pt-6 sm:grid-cols-3">
          <Field label={tc("firstName")} name="firstName" defaultValue={initial.firstName} error={errors.firstName} />
          <Field label={t("middleName")} name="middleName" defaultValue={initial.middleName} error={errors.middleName} />
          <Field label={tc("lastName")} name="lastName" defaultValue={initial.lastName} error={errors.lastName} />
          <div className="grid gap-1.5">
            <Label htmlFor="timezone">{t("timeZone")}</Label>
            <select id="timezone" name="timezone" defaultValue={initial.timezone} className="h-9 rounded-md border border-input bg-transparent px-3 text-sm shadow-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring dark:bg-input/30">
              {["UTC", ...timezones.filter((t) => t !== "UTC")].map((tz) => (
                <option key={tz} value={tz}>
                  {tz}
                </option>
              ))}
            </select>
            {errors.timezone && <p role="alert" className="text-sm text-destructive">{errors.timezone}</p>}
          </div>
          <Field className="sm:col-span-2" label={t("languages")} name="languages" defaultValue={initial.preferredLanguages.join(", ")} hint={t("languagesHint")} error={errors.preferredLanguages ?? Object.entries(errors).find(([k]) => k.startsWith("preferredLanguages"))?.[1]} />
        </CardContent>
        <CardFooter className="justify-end">
          <Button type="submit" disabled={pending}>
            {pending ? tc("saving") : t("submit")}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
