"use client";

import { browserSupportsWebAuthn, startRegistration } from "@simplewebauthn/browser";
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
import { webauthnMessage } from "@/components/auth/webauthn-message";
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
              Cancel
            </Button>
            <Button type="submit" variant={props.destructive ? "destructive" : "default"} disabled={pending}>
              {pending ? "Working…" : props.confirmLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");

export function PasskeysPanel({ passkeys, continueTo: required }: { passkeys: PasskeyView[]; continueTo?: string }) {
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
        setError("This browser does not support passkeys.");
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
      toast.success(`Passkey "${res.data.passkey.name}" added`);
      setName("");
      if (res.data.recoveryCodes.length) setCodes(res.data.recoveryCodes);
      router.refresh();
    });
  }

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Your passkeys</CardTitle>
          <CardDescription>A synced passkey lives in your password manager or platform account; a device-bound one stays on one device or security key.</CardDescription>
        </CardHeader>
        <CardContent>
          {passkeys.length === 0 ? (
            <p className="text-sm text-muted-foreground">No passkeys yet.</p>
          ) : (
            <ul className="divide-y rounded-md border" data-testid="passkeys">
              {passkeys.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center justify-between gap-4 p-3 text-sm">
                  <div>
                    <p className="flex items-center gap-2 font-medium">
                      {p.name} <Badge variant="secondary">{p.storage === "synced" ? "Synced" : "Device-bound"}</Badge>
                    </p>
                    <p className="text-muted-foreground">
                      Added {when(p.createdAt)} · Last used {when(p.lastUsedAt)}
                    </p>
                  </div>
                  <div className="flex gap-2">
                    <FieldDialog
                      trigger={<Button variant="outline" size="sm" aria-label={`Rename ${p.name}`}>Rename</Button>}
                      title="Rename passkey"
                      description="A name that tells you which device or manager holds it."
                      label="Name"
                      name="name"
                      defaultValue={p.name}
                      confirmLabel="Save"
                      onSubmit={async (value) => {
                        const res = await renamePasskeyAction({ passkeyId: p.id, name: value });
                        if (!res.ok) return res.fieldErrors?.name ?? res.message;
                        toast.success("Passkey renamed");
                        router.refresh();
                        return null;
                      }}
                    />
                    <FieldDialog
                      trigger={<Button variant="outline" size="sm" aria-label={`Remove ${p.name}`}>Remove</Button>}
                      title={`Remove "${p.name}"?`}
                      description="You will no longer be able to sign in with it. Enter your password to confirm."
                      label="Password"
                      name="password"
                      type="password"
                      autoComplete="current-password"
                      confirmLabel="Remove"
                      destructive
                      onSubmit={async (value) => {
                        const res = await removePasskeyAction({ passkeyId: p.id, password: value });
                        if (!res.ok) return res.fieldErrors?.password ?? res.message;
                        toast.success("Passkey removed");
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
          <CardTitle>Add a passkey</CardTitle>
          <CardDescription>Your browser asks you to confirm with your screen lock or security key.</CardDescription>
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
            <Field label="Passkey name" name="passkeyName" required maxLength={64} placeholder="e.g. Work laptop" value={name} onChange={(e) => setName(e.target.value)} />
            <Button type="submit" className="justify-self-start" disabled={pending || !name.trim()}>
              {pending ? "Waiting for your device…" : "Add passkey"}
            </Button>
          </form>
        </CardContent>
      </Card>
      {codes && (
        <Card>
          <CardHeader>
            <CardTitle>Save your recovery codes</CardTitle>
            <CardDescription>Each works once if you lose your passkeys. They are shown only now.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            <RecoveryCodes codes={codes} />
            {continueTo && (
              <Button asChild className="justify-self-start">
                <Link href={continueTo}>Continue</Link>
              </Button>
            )}
          </CardContent>
        </Card>
      )}
      {continueTo && !codes && passkeys.length > 0 && (
        <Button asChild className="justify-self-start">
          <Link href={continueTo}>Continue</Link>
        </Button>
      )}
    </div>
  );
}
