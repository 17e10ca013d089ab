"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore, useTransition } from "react";
import { loginAction, mfaAction } from "@/app/(auth)/login/actions";
import { Field, FormError } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";

type Step =
  | { name: "password" }
  | { name: "tenant"; tenants: { id: string; name: string }[] }
  | { name: "mfa"; twoFactorId: string; methods: string[] };

const noopSubscribe = () => () => {};

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [step, setStep] = useState<Step>({ name: "password" });
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [trust, setTrust] = useState(false);
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, start] = useTransition();
  // Until hydration the form would submit natively; keep it disabled so credentials never travel that way.
  const ready = useSyncExternalStore(noopSubscribe, () => true, () => false);

  async function finish(ticket: string) {
    const res = await signIn("credentials", { ticket, redirect: false });
    if (!res?.ok) {
      setError("Sign-in could not be completed. Try again.");
      setStep({ name: "password" });
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  function submitPassword(tenantId?: string) {
    setError(undefined);
    setFieldErrors({});
    start(async () => {
      const res = await loginAction({ email, password, tenantId });
      if (!res.ok) {
        setError(res.message);
        setFieldErrors(res.fieldErrors ?? {});
        return;
      }
      const out = res.data;
      if (out.status === "ok") await finish(out.ticket);
      else if (out.status === "mfa") setStep({ name: "mfa", twoFactorId: out.twoFactorId, methods: out.methods });
      else setStep({ name: "tenant", tenants: out.tenants });
    });
  }

  function submitCode(twoFactorId: string) {
    setError(undefined);
    start(async () => {
      const res = await mfaAction({ twoFactorId, code, trust });
      if (!res.ok) {
        setError(res.message);
        if (/expired|already/.test(res.message)) setStep({ name: "password" });
        return;
      }
      await finish(res.data.ticket);
    });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">{step.name === "mfa" ? "Two-factor authentication" : step.name === "tenant" ? "Choose a tenant" : "Sign in"}</CardTitle>
        <CardDescription>
          {step.name === "mfa"
            ? "Enter the 6-digit code from your authenticator app, your PIN, or a recovery code."
            : step.name === "tenant"
              ? "Your account belongs to several tenants. Which one do you want to work in?"
              : "Use your email address and password."}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <FormError message={error} />
        {step.name === "password" && (
          <form method="post"
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              submitPassword();
            }}
          >
            <Field label="Email" name="email" type="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} error={fieldErrors.email} />
            <Field label="Password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={fieldErrors.password} />
            <Button type="submit" disabled={pending || !ready}>
              {pending ? "Signing in…" : "Sign in"}
            </Button>
            <Link href="/forgot-password" className="text-center text-sm text-muted-foreground underline-offset-4 hover:underline">
              Forgot your password?
            </Link>
          </form>
        )}
        {step.name === "tenant" && (
          <div className="grid gap-2" role="list">
            {step.tenants.map((t) => (
              <Button key={t.id} role="listitem" variant="outline" disabled={pending} onClick={() => submitPassword(t.id)}>
                {t.name}
              </Button>
            ))}
          </div>
        )}
        {step.name === "mfa" && (
          <form method="post"
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              submitCode(step.twoFactorId);
            }}
          >
            <Field label="Code" name="code" inputMode="text" autoComplete="one-time-code" required autoFocus value={code} onChange={(e) => setCode(e.target.value)} hint="Recovery codes look like abcd-efgh." />
            <div className="flex items-center gap-2">
              <Checkbox id="trust" checked={trust} onCheckedChange={(v) => setTrust(v === true)} />
              <Label htmlFor="trust" className="font-normal">
                Trust this device for 30 days
              </Label>
            </div>
            <Button type="submit" disabled={pending}>
              {pending ? "Verifying…" : "Verify"}
            </Button>
          </form>
        )}
      </CardContent>
    </Card>
  );
}
