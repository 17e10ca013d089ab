"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { changeEmailAction } from "@/app/(app)/account/actions";
import { Field } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";

export function ChangeEmailForm({ currentEmail }: { currentEmail: string }) {
  const t = useTranslations("account.changeEmail");
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, start] = useTransition();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>
          {t.rich("description", { email: currentEmail, strong: (chunks) => <span className="font-medium text-foreground">{chunks}</span> })}
        </CardDescription>
      </CardHeader>
      <form method="post"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const f = new FormData(form);
          start(async () => {
            const res = await changeEmailAction({
              password: String(f.get("password")),
              newEmail: String(f.get("newEmail")),
              confirmNewEmail: String(f.get("confirmNewEmail")),
            });
            if (!res.ok) {
              setErrors(res.fieldErrors ?? {});
              toast.error(res.message);
              return;
            }
            setErrors({});
            form.reset();
            toast.success(t("changed", { email: res.data.email }));
            router.refresh();
          });
        }}
      >
        <CardContent className="grid gap-4">
          <Field label={t("new")} name="newEmail" type="email" required error={errors.newEmail} />
          <Field label={t("confirm")} name="confirmNewEmail" type="email" required error={errors.confirmNewEmail} />
          <Field label={t("password")} name="password" type="password" autoComplete="current-password" required error={errors.password} />
        </CardContent>
        <CardFooter className="justify-end pt-4">
          <Button type="submit" disabled={pending}>
            {pending ? t("saving") : t("submit")}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
