"use client";

import { Download } from "lucide-react";
import { useRouter } from "next/navigation";
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
      toast.success(`Key saved (${res.data.fingerprint.slice(-16)})`);
      router.refresh();
    });

  return (
    <div className="grid gap-6">
      {current && (
        <Card>
          <CardHeader>
            <CardTitle>Your key</CardTitle>
            <CardDescription>{current.hasPrivate ? "Public key and your passphrase-protected private key are stored." : "Only the public key is stored."}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-2 text-sm">
            <p className="flex flex-wrap items-center gap-2">
              Fingerprint: <code className="break-all font-mono" data-testid="pgp-fingerprint">{current.fingerprint}</code>
              <CopyButton value={current.fingerprint} label="Copy fingerprint" copiedMessage="Fingerprint copied" iconOnly />
            </p>
            <p>Algorithm: {current.algorithm}</p>
            <p>User: {current.name} &lt;{current.email}&gt;</p>
            <p>Created: {current.created ? new Date(current.created).toLocaleString() : "—"} · Expires: {current.expires ? new Date(current.expires).toLocaleString() : "never"}</p>
            <div className="flex gap-2 pt-2">
              <Button asChild variant="outline">
                <a href="/account/pgp/public.asc" download>
                  <Download className="size-4" aria-hidden /> Download public key
                </a>
              </Button>
              <ConfirmButton
                label="Delete key"
                variant="destructive"
                size="default"
                title="Delete your PGP key?"
                description="Files encrypted to this key can no longer be shared with you until you add a new one."
                confirmLabel="Delete"
                onConfirm={() => notify(deleteKeyAction({}), "Key deleted")}
              />
            </div>
          </CardContent>
        </Card>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{current ? "Replace with a new key pair" : "Generate a key pair"}</CardTitle>
            <CardDescription>Curve25519, generated here in your browser.</CardDescription>
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
                if (passphrase.length < 10) return (clearPassphrases(), setError("Use a passphrase of at least 10 characters"));
                if (passphrase !== String(f.get("passphrase2"))) return (clearPassphrases(), setError("The passphrases differ"));
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
              <Field label="Name" name="name" defaultValue={name} required />
              <Field label="Email" name="email" type="email" defaultValue={email} required />
              <Field label="Passphrase" name="passphrase" type="password" autoComplete="new-password" required />
              <Field label="Repeat passphrase" name="passphrase2" type="password" autoComplete="new-password" required />
              <Button type="submit" disabled={pending}>{pending ? "Generating…" : "Generate key pair"}</Button>
            </form>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Use your own public key</CardTitle>
            <CardDescription>Paste an armored key or upload a .asc file.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-3">
            <Label htmlFor="pgp-paste">Armored public key</Label>
            <Textarea id="pgp-paste" rows={6} className="font-mono text-xs" placeholder="-----BEGIN PGP PUBLIC KEY BLOCK-----" value={pasted} onChange={(e) => setPasted(e.target.value)} />
            <input
              type="file"
              accept=".asc,.pgp,.txt,application/pgp-keys"
              aria-label="Upload a public key file"
              className="text-sm"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                if (file) setPasted(await file.text());
              }}
            />
            <Button disabled={!pasted.trim() || pending} onClick={() => save(pasted)}>Save public key</Button>
          </CardContent>
        </Card>
      </div>
      <FormError message={error} />
    </div>
  );
}
