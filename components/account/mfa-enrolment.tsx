"use client";

import { QRCodeSVG } from "qrcode.react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { cancelAuthenticatorAction, confirmAuthenticatorAction } from "@/app/(app)/account/mfa/actions";
import { Field } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { RecoveryCodes } from "./recovery-codes";

/**
 * The secret is the server's pending one (lib/mfa/pending.ts): the same on every visit until it is
 * confirmed here or cancelled, which starts over with a new one.
 */
export function MfaEnrolment({ secret, uri, continueTo }: { secret: string; uri: string; continueTo?: string }) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[]>();
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  if (codes)
    return (
      <Card>
        <CardHeader>
          <CardTitle>Authenticator added</CardTitle>
          <CardDescription>Save your recovery codes now.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {codes.length > 0 ? <RecoveryCodes codes={codes} /> : <p className="text-sm">Your existing recovery codes stay valid.</p>}
          <Button
            className="justify-self-start"
            onClick={() => {
              router.push(continueTo ?? "/account/mfa");
              router.refresh();
            }}
          >
            Done
          </Button>
        </CardContent>
      </Card>
    );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Set up an authenticator app</CardTitle>
        <CardDescription>Scan the QR code with Google Authenticator, 1Password, Aegis or any TOTP app, then enter the code it shows.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6 md:grid-cols-[auto_1fr]">
        <div className="rounded-lg bg-white p-3" data-testid="totp-qr">
          <QRCodeSVG value={uri} size={184} level="M" marginSize={2} title="QR code for your authenticator app" />
        </div>
        <form method="post"
          className="grid content-start gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            const code = String(new FormData(e.currentTarget).get("code"));
            start(async () => {
              const res = await confirmAuthenticatorAction({ code });
              if (!res.ok) {
                setError(res.fieldErrors?.code ?? res.message);
                return;
              }
              toast.success("Two-factor authentication is on");
              setCodes(res.data.recoveryCodes);
            });
          }}
        >
          <div className="grid gap-1">
            <p className="text-sm font-medium">Can’t scan? Enter this key manually</p>
            <div className="flex items-start gap-2">
              <code className="min-w-0 flex-1 break-all rounded bg-muted px-2 py-1 font-mono text-sm" data-testid="totp-secret">
                {secret.match(/.{1,4}/g)?.join(" ")}
              </code>
              <CopyButton value={secret} label="Copy key" copiedMessage="Key copied" iconOnly />
            </div>
          </div>
          <Field label="6-digit code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required error={error} />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={pending}>
              {pending ? "Verifying…" : "Turn on two-factor"}
            </Button>
            <Button
              type="button"
              variant="ghost"
              disabled={pending}
              onClick={() =>
                start(async () => {
                  const res = await cancelAuthenticatorAction({});
                  if (!res.ok) return void toast.error(res.message);
                  setError(undefined);
                  toast.success("Set-up cancelled: scan the new QR code to start again");
                  router.refresh();
                })
              }
            >
              Cancel set-up
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
