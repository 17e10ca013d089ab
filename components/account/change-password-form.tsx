"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { changePasswordAction } from "@/app/(app)/account/actions";
import { Field } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";

export function ChangePasswordForm({ askCurrent = true }: { askCurrent?: boolean }) {
  const t = useTranslations("account.changePassword");
  const tc = useTranslations("common");
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, start] = useTransition();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{tc("passwordHint")}</CardDescription>
      </CardHeader>
      <form method="post"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const f = new FormData(form);
          start(async () => {
            const res = await changePasswordAction({
              currentPassword: askCurrent ? String(f.get("currentPassword")) : undefined,
              newPassword: String(f.get("newPassword")),
              confirmPassword: String(f.get("confirmPassword")),
            });
            if (!res.ok) {
              setErrors(res.fieldErrors ?? {});
              toast.error(res.message);
              return;
            }
            setErrors({});
            form.reset();
            toast.success(t("changed", { count: res.data.sessionsEnded }));
            router.refresh();
          });
        }}
      >
        <CardContent className="grid gap-4">
          {askCurrent && <Field label={t("current")} name="currentPassword" type="password" autoComplete="current-password" required error={errors.currentPassword} />}
          <Field label={t("new")} name="newPassword" type="password" autoComplete="new-password" required error={errors.newPassword} />
          <Field label={t("confirm")} name="confirmPassword" type="password" autoComplete="new-password" required error={errors.confirmPassword} />
        </CardContent>
        <CardFooter className="justify-end pt-4">
          <Button type="submit" disabled={pending}>
            {pending ? t("changing") : t("submit")}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
