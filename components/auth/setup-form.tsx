"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { setupAction } from "@/app/(auth)/setup/actions";
import { Field, FormError } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export function SetupForm() {
  const t = useTranslations("auth.setup");
  const tc = useTranslations("common");
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, start] = useTransition();
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        <form method="post"
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            setError(undefined);
            start(async () => {
              const res = await setupAction({
                firstName: String(f.get("firstName")),
                lastName: String(f.get("lastName")),
                email: String(f.get("email")),
                password: String(f.get("password")),
              });
              if (!res.ok) {
                setError(res.message);
                setFieldErrors(res.fieldErrors ?? {});
                return;
              }
              toast.success(t("created"));
              router.replace("/login");
            });
          }}
        >
          <div className="grid grid-cols-2 gap-3">
            <Field label={tc("firstName")} name="firstName" required autoComplete="given-name" error={fieldErrors.firstName} />
            <Field label={tc("lastName")} name="lastName" autoComplete="family-name" error={fieldErrors.lastName} />
          </div>
          <Field label={tc("email")} name="email" type="email" required autoComplete="username" error={fieldErrors.email} />
          <Field label={tc("password")} name="password" type="password" required autoComplete="new-password" hint={tc("passwordHint")} error={fieldErrors.password} />
          <FormError message={fieldErrors.password || fieldErrors.email ? undefined : error} />
          <Button type="submit" disabled={pending}>
            {pending ? t("creating") : t("submit")}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
