"use client";

import { QRCodeSVG } from "qrcode.react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { enableMfaAction } from "@/app/(app)/account/actions";
import { Field } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { RecoveryCodes } from "./recovery-codes";

export function MfaEnrolment({ secret, uri, continueTo }: { secret: string; uri: string; continueTo?: string }) {
  const t = useTranslations("account.mfaEnrolment");
  const router = useRouter();
  const [codes, setCodes] = useState<string[]>();
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  if (codes)
    return (
      <Card>
        <CardHeader>
          <CardTitle>{t("addedTitle")}</CardTitle>
          <CardDescription>{t("addedDescription")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {codes.length > 0 ? <RecoveryCodes codes={codes} /> : <p className="text-sm">{t("codesKept")}</p>}
          <Button
            className="justify-self-start"
            onClick={() => {
              router.push(continueTo ?? "/account/mfa");
              router.refresh();
            }}
          >
            {t("done")}
          </Button>
        </CardContent>
      </Card>
    );
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6 md:grid-cols-[auto_1fr]">
        <div className="rounded-lg bg-white p-3" data-testid="totp-qr">
          <QRCodeSVG value={uri} size={184} level="M" marginSize={2} title={t("qr")} />
        </div>
        <form method="post"
          className="grid content-start gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            const code = String(new FormData(e.currentTarget).get("code"));
            start(async () => {
              const res = await enableMfaAction({ secret, code });
              if (!res.ok) {
                setError(res.fieldErrors?.code ?? res.message);
                return;
              }
              toast.success(t("on"));
              setCodes(res.data.recoveryCodes);
            });
          }}
        >
          <div className="grid gap-1">
            <p className="text-sm font-medium">{t("manual")}</p>
            <code className="break-all rounded bg-muted px-2 py-1 font-mono text-sm" data-testid="totp-secret">
              {secret.match(/.{1,4}/g)?.join(" ")}
            </code>
          </div>
          <Field label={t("code")} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required error={error} />
          <Button type="submit" disabled={pending} className="justify-self-start">
            {pending ? t("verifying") : t("submit")}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
