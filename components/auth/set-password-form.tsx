"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { setPasswordWithCodeAction } from "@/app/(auth)/reset-password/actions";
import { Field, FormError } from "@/components/forms/field";
import { Button } from "@/components/ui/button";

export function SetPasswordForm({ code, purpose }: { code?: string; purpose: "reset" | "invite" }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, start] = useTransition();
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
          toast.success(purpose === "invite" ? "Password set. Welcome aboard." : "Password changed. Sign in with your new password.");
          router.replace("/login");
        });
      }}
    >
      <Field label={purpose === "invite" ? "Invitation code" : "Reset code"} name="code" defaultValue={code} required readOnly={!!code} error={fieldErrors.code} />
      <Field label="New password" name="newPassword" type="password" autoComplete="new-password" required autoFocus hint="At least 10 characters; common passwords are refused." error={fieldErrors.newPassword} />
      <Field label="Confirm new password" name="confirmPassword" type="password" autoComplete="new-password" required error={fieldErrors.confirmPassword} />
      <FormError message={Object.keys(fieldErrors).length ? undefined : error} />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : purpose === "invite" ? "Set password" : "Reset password"}
      </Button>
    </form>
  );
}
