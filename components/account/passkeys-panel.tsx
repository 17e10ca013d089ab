"use client";

import { browserSupportsWebAuthn, startRegistration } from "@simplewebauthn/browser";
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { lazy, useState, useTransition } from "react";
import { toast } from "sonner";
import { addPasskeyAction, passkeyOptionsAction, removePasskeyAction, renamePasskeyAction } from "@/app/(app)/account/passkeys/actions";
import { Field, FormError } from "@/components/forms/field";
import { OnIntent } from "@/components/forms/on-intent";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { PasskeyView } from "@/lib/passkeys/store";
import { useWebauthnMessage } from "@/components/auth/webauthn-message";
import { RecoveryCodes } from "./recovery-codes";

// The rename and remove dialogs (and Radix's dialog machinery) load on first use, not in the page's first load.
const loadFieldDialog = () => import("@/components/forms/field-dialog");
const FieldDialog = lazy(() => loadFieldDialog().then((m) => ({ default: m.FieldDialog })));

export function PasskeysPanel({ passkeys, continueTo: required }: { passkeys: PasskeyView[]; continueTo?: string }) {
  const t = useTranslations("account.passkeys");
  const tc = useTranslations("common");
  const format = useFormatter();
  const webauthnMessage = useWebauthnMessage();
  const when = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }) : t("never"));
  const router = useRouter();
  // Kept from the first render: once a passkey is added the page no longer says enrolment is due.
  const [continueTo] = useState(required);
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  const [codes, setCodes] = useState<string[]>();
  const [pending, start] = useTransition();
  const renameButton = (name: string) => <Button variant="outline" size="sm" aria-label={t("renameLabel", { name })}>{t("rename")}</Button>;
  const removeButton = (name: string) => <Button variant="outline" size="sm" aria-label={t("removeLabel", { name })}>{t("remove")}</Button>;

  function add() {
    setError(undefined);
    start(async () => {
      if (!browserSupportsWebAuthn()) {
        setError(t("unsupported"));
        return;
      }
      const opts = await passkeyOptionsAction({});
      if (!opts.ok) {
        setError(opts.message);
        return;
      }
      let response;
      try {
        response = await startRegistration({ optionsJSON: opts.data });
      } catch (e) {
        setError(webauthnMessage(e));
        return;
      }
      const res = await addPasskeyAction({ name, response });
      if (!res.ok) {
        setError(res.fieldErrors?.name ?? res.message);
        return;
      }
      toast.success(t("added", { name: res.data.passkey.name }));
      setName("");
      if (res.data.recoveryCodes.length) setCodes(res.data.recoveryCodes);
      router.refresh();
    });
  }

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>{t("yours")}</CardTitle>
          <CardDescription>{t("yoursDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          {passkeys.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("none")}</p>
          ) : (
            <ul className="divide-y rounded-md border" data-testid="passkeys">
              {passkeys.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center justify-between gap-4 p-3 text-sm">
                  <div>
                    <p className="flex items-center gap-2 font-medium">
                      {p.name} <Badge variant="secondary">{p.storage === "synced" ? t("synced") : t("deviceBound")}</Badge>
                    </p>
                    <p className="text-muted-foreground">
                      {t("usage", { added: when(p.createdAt), used: when(p.lastUsedAt) })}
                    </p>
                  </div>
                  <div className="flex gap-2">
                    <OnIntent load={loadFieldDialog} trigger={renameButton(p.name)}>
                      <FieldDialog
                        defaultOpen
                        trigger={renameButton(p.name)}
                        title={t("renameTitle")}
                        description={t("renameDescription")}
                        label={t("name")}
                        name="name"
                        defaultValue={p.name}
                        maxLength={64}
                        confirmLabel={tc("save")}
                        onSubmit={async (value) => {
                          const res = await renamePasskeyAction({ passkeyId: p.id, name: value });
                          if (!res.ok) return res.fieldErrors?.name ?? res.message;
                          toast.success(t("renamed"));
                          router.refresh();
                          return null;
                        }}
                      />
                    </OnIntent>
                    <OnIntent load={loadFieldDialog} trigger={removeButton(p.name)}>
                      <FieldDialog
                        defaultOpen
                        trigger={removeButton(p.name)}
                        title={t("removeTitle", { name: p.name })}
                        description={t("removeDescription")}
                        label={tc("password")}
                        name="password"
                        type="password"
                        autoComplete="current-password"
                        maxLength={256}
                        confirmLabel={t("remove")}
                        destructive
                        onSubmit={async (value) => {
                          const res = await removePasskeyAction({ passkeyId: p.id, password: value });
                          if (!res.ok) return res.fieldErrors?.password ?? res.message;
                          toast.success(t("removed"));
                          router.refresh();
                          return null;
                        }}
                      />
                    </OnIntent>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("addTitle")}</CardTitle>
          <CardDescription>{t("addDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          <form
            method="post"
            className="grid gap-4 sm:max-w-md"
            onSubmit={(e) => {
              e.preventDefault();
              add();
            }}
          >
            <FormError message={error} />
            <Field label={t("passkeyName")} name="passkeyName" required maxLength={64} placeholder={t("namePlaceholder")} value={name} onChange={(e) => setName(e.target.value)} />
            <Button type="submit" className="justify-self-start" disabled={pending || !name.trim()}>
              {pending ? t("waiting") : t("add")}
            </Button>
          </form>
        </CardContent>
      </Card>
      {codes && (
        <Card>
          <CardHeader>
            <CardTitle>{t("codesTitle")}</CardTitle>
            <CardDescription>{t("codesDescription")}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            <RecoveryCodes codes={codes} />
            {continueTo && (
              <Button asChild className="justify-self-start">
                <Link href={continueTo}>{tc("continue")}</Link>
              </Button>
            )}
          </CardContent>
        </Card>
      )}
      {continueTo && !codes && passkeys.length > 0 && (
        <Button asChild className="justify-self-start">
          <Link href={continueTo}>{tc("continue")}</Link>
        </Button>
      )}
    </div>
  );
}
