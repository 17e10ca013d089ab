"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { acceptJoinAction } from "@/app/(auth)/join/actions";
import { Field, FormError } from "@/components/forms/field";
import { Button } from "@/components/ui/button";

export function JoinForm({ code, needsPassword }: { code: string; needsPassword: boolean }) {
  const t = useTranslations("auth.join");
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, start] = useTransition();
  return (
    <form
      method="post"
      className="grid gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        setError(undefined);
        setFieldErrors({});
        start(async () => {
          const res = await acceptJoinAction({ code, password: needsPassword ? String(f.get("password")) : undefined });
          if (!res.ok) {
            setError(res.message);
            setFieldErrors(res.fieldErrors ?? {});
            return;
          }
          toast.success(needsPassword ? t("confirmed") : t("accepted"));
          router.replace("/login");
        });
      }}
    >
      {needsPassword && (
        <Field label={t("password")} name="password" type="password" autoComplete="current-password" required autoFocus error={fieldErrors.password} />
      )}
      <FormError message={fieldErrors.password ? undefined : error} />
      <Button type="submit" disabled={pending}>
        {pending ? t("joining") : needsPassword ? t("confirm") : t("accept")}
      </Button>
    </form>
  );
}
