"use client";

import { QRCodeSVG } from "qrcode.react";
import { useTranslations } from "next-intl";
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
              const res = await confirmAuthenticatorAction({ code });
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
            <div className="flex items-start gap-2">
              <code className="min-w-0 flex-1 break-all rounded bg-muted px-2 py-1 font-mono text-sm" data-testid="totp-secret">
                {secret.match(/.{1,4}/g)?.join(" ")}
              </code>
              <CopyButton value={secret} label={t("copyKey")} copiedMessage={t("keyCopied")} iconOnly />
            </div>
          </div>
          <Field label={t("code")} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required error={error} />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={pending}>
              {pending ? t("verifying") : t("submit")}
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
                  toast.success(t("cancelled"));
                  router.refresh();
                })
              }
            >
              {t("cancel")}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
