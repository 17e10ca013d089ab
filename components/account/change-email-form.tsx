"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { changeEmailAction } from "@/app/(app)/account/actions";
import { Field } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";

export function ChangeEmailForm({ currentEmail }: { currentEmail: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, start] = useTransition();
  return (
    <Card>
      <CardHeader>
        <CardTitle>Change email</CardTitle>
        <CardDescription>
          You sign in with <span className="font-medium text-foreground">{currentEmail}</span>. Both addresses are notified.
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
            toast.success(`You now sign in with ${res.data.email}`);
            router.refresh();
          });
        }}
      >
        <CardContent className="grid gap-4">
          <Field label="New email" name="newEmail" type="email" required error={errors.newEmail} />
          <Field label="Confirm new email" name="confirmNewEmail" type="email" required error={errors.confirmNewEmail} />
          <Field label="Confirm with your password" name="password" type="password" autoComplete="current-password" required error={errors.password} />
        </CardContent>
        <CardFooter className="justify-end pt-4">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Change email"}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
