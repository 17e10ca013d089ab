"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { createTokenAction } from "@/app/(app)/account/tokens/actions";
import { Field } from "@/components/forms/field";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";

export function CreateTokenForm({ needsCode }: { needsCode: boolean }) {
  const t = useTranslations("tokens.create");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<{ accessToken: string; refreshToken: string }>();
  const [pending, start] = useTransition();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{needsCode ? t("confirmWithCode") : t("confirm")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {created && (
          <Alert>
            <AlertTitle>{t("copyNow")}</AlertTitle>
            <AlertDescription className="grid w-full gap-2">
              {(
                [
                  ["access", created.accessToken, "new-token"],
                  ["refresh", created.refreshToken, "new-refresh-token"],
                ] as const
              ).map(([kind, value, testId]) => (
                <div key={kind} className="flex w-full items-center gap-2">
                  <span className="w-28 shrink-0 text-xs">{t(`${kind}.label`)}</span>
                  <code className="min-w-0 flex-1 truncate rounded bg-muted px-2 py-1 font-mono text-xs" data-testid={testId}>
                    {value}
                  </code>
                  <CopyButton value={value} label={t(`${kind}.copy`)} copiedMessage={t(`${kind}.copied`)} iconOnly />
                </div>
              ))}
            </AlertDescription>
          </Alert>
        )}
        <form
          method="post"
          className="grid gap-4 md:grid-cols-[1fr_1fr_auto_auto] md:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const f = new FormData(form);
            start(async () => {
              const res = await createTokenAction({ name: String(f.get("name")), password: String(f.get("password")), code: needsCode ? String(f.get("code")) : undefined });
              if (!res.ok) {
                setErrors(res.fieldErrors ?? { _: res.message });
                toast.error(res.message);
                return;
              }
              setErrors({});
              form.reset();
              setCreated(res.data);
              toast.success(t("created"));
            });
          }}
        >
          <Field label={t("name")} name="name" required placeholder={t("namePlaceholder")} error={errors.name} />
          <Field label={t("password")} name="password" type="password" autoComplete="current-password" required error={errors.password} />
          {needsCode && <Field label={t("code")} name="code" autoComplete="one-time-code" required error={errors.code} />}
          <Button type="submit" disabled={pending}>
            {pending ? t("creating") : t("submit")}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
