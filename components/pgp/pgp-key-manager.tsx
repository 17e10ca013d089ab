"use client";

import { Download } from "lucide-react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { useActionToast } from "@/components/forms/use-action-toast";
import { deleteKeyAction, saveKeyAction } from "@/app/(app)/account/pgp/actions";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { Field, FormError } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";

interface KeyView {
  fingerprint: string;
  algorithm: string;
  name: string;
  email: string;
  created: string | null;
  expires: string | null;
  hasPrivate: boolean;
}

/** `name`, `email`: the account's, to fill in the new key's user ID. */
export function PgpKeyManager({ current, name, email }: { current: KeyView | null; name: string; email: string }) {
  const t = useTranslations("pgp");
  const format = useFormatter();
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const router = useRouter();
  const notify = useActionToast();
  const [error, setError] = useState<string>();
  const [pasted, setPasted] = useState("");
  const [pending, start] = useTransition();

  const save = (publicKey: string, privateKey?: string) =>
    start(async () => {
      const res = await saveKeyAction({ publicKey, privateKey });
      if (!res.ok) return setError(res.message);
      setError(undefined);
      setPasted("");
      toast.success(t("saved", { id: res.data.fingerprint.slice(-16) }));
      router.refresh();
    });

  return (
    <div className="grid gap-6">
      {current && (
        <Card>
          <CardHeader>
            <CardTitle>{t("yourKey")}</CardTitle>
            <CardDescription>{current.hasPrivate ? t("storedBoth") : t("storedPublic")}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-2 text-sm">
            <p className="flex flex-wrap items-center gap-2">
              {t("fingerprint")} <code className="break-all font-mono" data-testid="pgp-fingerprint">{current.fingerprint}</code>
              <CopyButton value={current.fingerprint} label={t("copyFingerprint")} copiedMessage={t("fingerprintCopied")} iconOnly />
            </p>
            <p>{t("algorithm", { algorithm: current.algorithm })}</p>
            <p>
              {t("user", { name: current.name })} &lt;{current.email}&gt;
            </p>
            <p>{t("dates", { created: current.created ? date(current.created) : "—", expires: current.expires ? date(current.expires) : t("never") })}</p>
            <div className="flex gap-2 pt-2">
              <Button asChild variant="outline">
                <a href="/account/pgp/public.asc" download>
                  <Download className="size-4" aria-hidden /> {t("download")}
                </a>
              </Button>
              <ConfirmButton
                label={t("delete")}
                variant="destructive"
                size="default"
                title={t("deleteTitle")}
                description={t("deleteBody")}
                confirmLabel={t("deleteConfirm")}
                onConfirm={() => notify(deleteKeyAction({}), t("deleted"))}
              />
            </div>
          </CardContent>
        </Card>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{current ? t("replaceTitle") : t("generateTitle")}</CardTitle>
            <CardDescription>{t("generateDescription")}</CardDescription>
          </CardHeader>
          <CardContent>
            <form
              method="post"
              className="grid gap-3"
              onSubmit={(e) => {
                e.preventDefault();
                const form = e.currentTarget;
                const f = new FormData(form);
                const passphrase = String(f.get("passphrase"));
                // Passphrases never stay in the fields: typed again after a mistake, gone once used.
                const clearPassphrases = () => ["passphrase", "passphrase2"].forEach((n) => ((form.elements.namedItem(n) as HTMLInputElement).value = ""));
                if (passphrase.length < 10) return (clearPassphrases(), setError(t("passphraseShort")));
                if (passphrase !== String(f.get("passphrase2"))) return (clearPassphrases(), setError(t("passphrasesDiffer")));
                clearPassphrases();
                start(async () => {
                  const openpgp = await import("openpgp");
                  const { publicKey, privateKey } = await openpgp.generateKey({
                    type: "ecc",
                    curve: "curve25519Legacy",
                    userIDs: [{ name: String(f.get("name")), email: String(f.get("email")) }],
                    passphrase,
                    format: "armored",
                  });
                  save(publicKey, privateKey);
                });
              }}
            >
              <Field label={t("name")} name="name" defaultValue={name} required />
              <Field label={t("email")} name="email" type="email" defaultValue={email} required />
              <Field label={t("passphrase")} name="passphrase" type="password" autoComplete="new-password" required />
              <Field label={t("passphraseAgain")} name="passphrase2" type="password" autoComplete="new-password" required />
              <Button type="submit" disabled={pending}>{pending ? t("generating") : t("generate")}</Button>
            </form>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("ownTitle")}</CardTitle>
            <CardDescription>{t("ownDescription")}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-3">
            <Label htmlFor="pgp-paste">{t("armored")}</Label>
            <Textarea id="pgp-paste" rows={6} className="font-mono text-xs" placeholder="-----BEGIN PGP PUBLIC KEY BLOCK-----" value={pasted} onChange={(e) => setPasted(e.target.value)} />
            <input
              type="file"
              accept=".asc,.pgp,.txt,application/pgp-keys"
              aria-label={t("upload")}
              className="text-sm"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                if (file) setPasted(await file.text());
              }}
            />
            <Button disabled={!pasted.trim() || pending} onClick={() => save(pasted)}>{t("savePublic")}</Button>
          </CardContent>
        </Card>
      </div>
      <FormError message={error} />
    </div>
  );
}
