"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { changePasswordAction } from "@/app/(app)/account/actions";
import { Field } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";

export function ChangePasswordForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, start] = useTransition();
  return (
    <Card>
      <CardHeader>
        <CardTitle>Change password</CardTitle>
        <CardDescription>At least 10 characters; common passwords are refused.</CardDescription>
      </CardHeader>
      <form method="post"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const f = new FormData(form);
          start(async () => {
            const res = await changePasswordAction({
              currentPassword: String(f.get("currentPassword")),
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
            toast.success(`Password changed. ${res.data.sessionsEnded} other session(s) signed out.`);
            router.refresh();
          });
        }}
      >
        <CardContent className="grid gap-4">
          <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={errors.currentPassword} />
          <Field label="New password" name="newPassword" type="password" autoComplete="new-password" required error={errors.newPassword} />
          <Field label="Confirm new password" name="confirmPassword" type="password" autoComplete="new-password" required error={errors.confirmPassword} />
        </CardContent>
        <CardFooter className="justify-end pt-4">
          <Button type="submit" disabled={pending}>
            {pending ? "Changing…" : "Change password"}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
