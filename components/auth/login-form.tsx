"use client";

import { browserSupportsWebAuthn, browserSupportsWebAuthnAutofill, startAuthentication, WebAuthnAbortService } from "@simplewebauthn/browser";
import { KeyRound } from "lucide-react";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useSyncExternalStore, useTransition } from "react";
import { loginAction, mfaAction, passkeyLoginAction, passkeyLoginOptionsAction, passkeyMfaAction, passkeyMfaOptionsAction, passkeyTenantAction } from "@/app/(auth)/login/actions";
import { useWebauthnMessage } from "@/components/auth/webauthn-message";
import { Field, FormError } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";

type Step =
  | { name: "password" }
  | { name: "tenant"; tenants: { id: string; name: string }[]; passkeyToken?: string }
  | { name: "mfa"; twoFactorId: string; methods: string[] };

const noopSubscribe = () => () => {};

/** Failures after which the sign-in starts over from the password (the pending step is gone). */
const RESTART = new Set(["errors.signInExpired", "errors.signInCompleted"]);

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("auth.login");
  const tc = useTranslations("common");
  const webauthnMessage = useWebauthnMessage();
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

  const autofillStarted = useRef(false);

  /** Passwordless, by the button (modal) or by the browser's autofill on the email field (conditional). */
  async function passkeySignIn(autofill: boolean) {
    const opts = await passkeyLoginOptionsAction({});
    if (!opts.ok) {
      if (!autofill) setError(opts.message);
      return;
    }
    let response;
    try {
      response = await startAuthentication({ optionsJSON: opts.data, useBrowserAutofill: autofill });
    } catch (e) {
      // An autofill request is aborted whenever the button starts a modal one: not an error to show.
      if (!autofill) setError(webauthnMessage(e));
      return;
    }
    setError(undefined);
    const res = await passkeyLoginAction({ response });
    if (!res.ok) {
      setError(res.message);
      return;
    }
    if (res.data.status === "ok") await finish(res.data.ticket);
    else setStep({ name: "tenant", tenants: res.data.tenants, passkeyToken: res.data.token });
  }

  useEffect(() => {
    if (autofillStarted.current) return;
    autofillStarted.current = true;
    void browserSupportsWebAuthnAutofill().then((yes) => {
      if (yes) void passkeySignIn(true);
    });
    return () => WebAuthnAbortService.cancelCeremony();
    // Once per page: the autofill request stays pending until used or aborted.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function passkeyButton() {
    setError(undefined);
    start(async () => {
      if (!browserSupportsWebAuthn()) {
        setError(t("noPasskeySupport"));
        return;
      }
      await passkeySignIn(false);
    });
  }

  function pickTenant(tenantId: string, passkeyToken?: string) {
    if (!passkeyToken) return submitPassword(tenantId);
    setError(undefined);
    start(async () => {
      const res = await passkeyTenantAction({ token: passkeyToken, tenantId });
      if (!res.ok) {
        setError(res.message);
        setStep({ name: "password" });
        return;
      }
      await finish(res.data.ticket);
    });
  }

  function passkeySecondFactor(twoFactorId: string) {
    setError(undefined);
    start(async () => {
      const opts = await passkeyMfaOptionsAction({ twoFactorId });
      if (!opts.ok) {
        setError(opts.message);
        if (opts.code && RESTART.has(opts.code)) setStep({ name: "password" });
        return;
      }
      let response;
      try {
        response = await startAuthentication({ optionsJSON: opts.data });
      } catch (e) {
        setError(webauthnMessage(e));
        return;
      }
      const res = await passkeyMfaAction({ twoFactorId, response, trust });
      if (!res.ok) {
        setError(res.message);
        if (res.code && RESTART.has(res.code)) setStep({ name: "password" });
        return;
      }
      await finish(res.data.ticket);
    });
  }

  async function finish(ticket: string) {
    const res = await signIn("credentials", { ticket, redirect: false });
    if (!res?.ok) {
      setError(t("notCompleted"));
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
        if (res.code && RESTART.has(res.code)) setStep({ name: "password" });
        return;
      }
      await finish(res.data.ticket);
    });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">{step.name === "mfa" ? t("mfaTitle") : step.name === "tenant" ? t("tenantTitle") : t("title")}</CardTitle>
        <CardDescription>
          {step.name === "mfa"
            ? step.methods.includes("passkey")
              ? t("mfaPasskeyDescription")
              : t("mfaDescription")
            : step.name === "tenant"
              ? t("tenantDescription")
              : t("description")}
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
            <Field label={tc("email")} name="email" type="email" autoComplete="username webauthn" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} error={fieldErrors.email} />
            <Field label={tc("password")} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={fieldErrors.password} />
            <Button type="submit" disabled={pending || !ready}>
              {pending ? t("signingIn") : t("submit")}
            </Button>
            <div className="flex items-center gap-2 text-xs text-muted-foreground" aria-hidden>
              <span className="h-px flex-1 bg-border" /> {t("or")} <span className="h-px flex-1 bg-border" />
            </div>
            <Button type="button" variant="outline" disabled={pending || !ready} onClick={passkeyButton}>
              <KeyRound aria-hidden /> {t("passkey")}
            </Button>
            <Link href="/forgot-password" className="text-center text-sm text-muted-foreground underline-offset-4 hover:underline">
              {t("forgot")}
            </Link>
          </form>
        )}
        {step.name === "tenant" && (
          <div className="grid gap-2" role="list">
            {step.tenants.map((t) => (
              <Button key={t.id} role="listitem" variant="outline" disabled={pending} onClick={() => pickTenant(t.id, step.passkeyToken)}>
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
            <Field label={t("code")} name="code" inputMode="text" autoComplete="one-time-code" required autoFocus value={code} onChange={(e) => setCode(e.target.value)} hint={t("codeHint")} />
            <div className="flex items-center gap-2">
              <Checkbox id="trust" checked={trust} onCheckedChange={(v) => setTrust(v === true)} />
              <Label htmlFor="trust" className="font-normal">
                {t("trust")}
              </Label>
            </div>
            <Button type="submit" disabled={pending}>
              {pending ? t("verifying") : t("verify")}
            </Button>
            {step.methods.includes("passkey") && (
              <Button type="button" variant="outline" disabled={pending} onClick={() => passkeySecondFactor(step.twoFactorId)}>
                <KeyRound aria-hidden /> {t("passkeyInstead")}
              </Button>
            )}
          </form>
        )}
      </CardContent>
    </Card>
  );
}
