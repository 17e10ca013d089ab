"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useState, useTransition } from "react";
import { forgotPasswordAction } from "@/app/(auth)/forgot-password/actions";
import { Field, FormError } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export function ForgotPasswordForm() {
  const t = useTranslations("auth.forgot");
  const tc = useTranslations("common");
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {sent ? (
          <p role="status" className="text-sm">
            {t("sent")}
          </p>
        ) : (
          <form method="post"
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              const email = String(new FormData(e.currentTarget).get("email"));
              start(async () => {
                const res = await forgotPasswordAction({ email });
                if (res.ok) setSent(true);
                else setError(res.message);
              });
            }}
          >
            <Field label={tc("email")} name="email" type="email" required autoFocus autoComplete="username" />
            <FormError message={error} />
            <Button type="submit" disabled={pending}>
              {pending ? t("sending") : t("submit")}
            </Button>
          </form>
        )}
        <Link href="/login" className="text-center text-sm text-muted-foreground underline-offset-4 hover:underline">
          {tc("backToSignIn")}
        </Link>
      </CardContent>
    </Card>
  );
}
