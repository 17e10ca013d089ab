"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { forgotPasswordAction } from "@/app/(auth)/forgot-password/actions";
import { Field, FormError } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export function ForgotPasswordForm() {
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Reset your password</CardTitle>
        <CardDescription>We email a single-use link and code, valid for 30 minutes.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {sent ? (
          <p role="status" className="text-sm">
            If an account exists for that address, a reset link is on its way. Check your inbox.
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
            <Field label="Email" name="email" type="email" required autoFocus autoComplete="username" />
            <FormError message={error} />
            <Button type="submit" disabled={pending}>
              {pending ? "Sending…" : "Send reset link"}
            </Button>
          </form>
        )}
        <Link href="/login" className="text-center text-sm text-muted-foreground underline-offset-4 hover:underline">
          Back to sign in
        </Link>
      </CardContent>
    </Card>
  );
}
