"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { setPasswordWithCodeAction } from "@/app/(auth)/reset-password/actions";
import { Field, FormError } from "@/components/forms/field";
import { Button } from "@/components/ui/button";

export function SetPasswordForm({ code, purpose, email }: { code?: string; purpose: "reset" | "invite"; email?: string }) {
  const t = useTranslations("auth.setPassword");
  const tc = useTranslations("common");
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, start] = useTransition();
  const invite = purpose === "invite";
  return (
    <form method="post"
      className="grid gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        setError(undefined);
        setFieldErrors({});
        start(async () => {
          const res = await setPasswordWithCodeAction({
            code: String(f.get("code")),
            newPassword: String(f.get("newPassword")),
            confirmPassword: String(f.get("confirmPassword")),
            purpose,
          });
          if (!res.ok) {
            setError(res.message);
            setFieldErrors(res.fieldErrors ?? {});
            return;
          }
          // An accepted invitation comes back signed in, unless a second factor is due first.
          if (res.data.ticket && (await signIn("credentials", { ticket: res.data.ticket, redirect: false }))?.ok) {
            toast.success(t("welcome"));
            router.replace("/");
            router.refresh();
            return;
          }
          toast.success(invite ? t("inviteDone") : t("resetDone"));
          router.replace("/login");
        });
      }}
    >
      {/* Lets a password manager store the new password under the right account. */}
      {email && <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />}
      <Field label={invite ? t("inviteCode") : t("resetCode")} name="code" defaultValue={code} required readOnly={!!code} error={fieldErrors.code} />
      <Field label={t("newPassword")} name="newPassword" type="password" autoComplete="new-password" required autoFocus hint={tc("passwordHint")} error={fieldErrors.newPassword} />
      <Field label={t("confirmPassword")} name="confirmPassword" type="password" autoComplete="new-password" required error={fieldErrors.confirmPassword} />
      <FormError message={Object.keys(fieldErrors).length ? undefined : error} />
      <Button type="submit" disabled={pending}>
        {pending ? tc("saving") : invite ? t("inviteSubmit") : t("resetSubmit")}
      </Button>
    </form>
  );
}
