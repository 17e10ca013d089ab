"use client";

import { browserSupportsWebAuthn, startRegistration } from "@simplewebauthn/browser";
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { addPasskeyAction, passkeyOptionsAction, removePasskeyAction, renamePasskeyAction } from "@/app/(app)/account/passkeys/actions";
import { Field, FormError } from "@/components/forms/field";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import type { PasskeyView } from "@/lib/passkeys/store";
import { useWebauthnMessage } from "@/components/auth/webauthn-message";
import { RecoveryCodes } from "./recovery-codes";

/** A dialog with one field; onSubmit returns an error message or null. */
function FieldDialog(props: {
  trigger: React.ReactNode;
  title: string;
  description: string;
  label: string;
  name: string;
  type?: string;
  autoComplete?: string;
  defaultValue?: string;
  confirmLabel: string;
  destructive?: boolean;
  onSubmit: (value: string) => Promise<string | null>;
}) {
  const tc = useTranslations("common");
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  return (
    <Dialog open={open} onOpenChange={(o) => (setOpen(o), setError(undefined))}>
      <DialogTrigger asChild>{props.trigger}</DialogTrigger>
      <DialogContent>
        <form
          method="post"
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            const value = String(new FormData(e.currentTarget).get(props.name));
            start(async () => {
              const err = await props.onSubmit(value);
              if (err) setError(err);
              else setOpen(false);
            });
          }}
        >
          <DialogHeader>
            <DialogTitle>{props.title}</DialogTitle>
            <DialogDescription>{props.description}</DialogDescription>
          </DialogHeader>
          <Field label={props.label} name={props.name} type={props.type} autoComplete={props.autoComplete} defaultValue={props.defaultValue} maxLength={props.type === "password" ? 256 : 64} required autoFocus error={error} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              {tc("cancel")}
            </Button>
            <Button type="submit" variant={props.destructive ? "destructive" : "default"} disabled={pending}>
              {pending ? tc("working") : props.confirmLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

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
                    <FieldDialog
                      trigger={<Button variant="outline" size="sm" aria-label={t("renameLabel", { name: p.name })}>{t("rename")}</Button>}
                      title={t("renameTitle")}
                      description={t("renameDescription")}
                      label={t("name")}
                      name="name"
                      defaultValue={p.name}
                      confirmLabel={tc("save")}
                      onSubmit={async (value) => {
                        const res = await renamePasskeyAction({ passkeyId: p.id, name: value });
                        if (!res.ok) return res.fieldErrors?.name ?? res.message;
                        toast.success(t("renamed"));
                        router.refresh();
                        return null;
                      }}
                    />
                    <FieldDialog
                      trigger={<Button variant="outline" size="sm" aria-label={t("removeLabel", { name: p.name })}>{t("remove")}</Button>}
                      title={t("removeTitle", { name: p.name })}
                      description={t("removeDescription")}
                      label={tc("password")}
                      name="password"
                      type="password"
                      autoComplete="current-password"
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
