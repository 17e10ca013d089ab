"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { hostsAction, saveEntryAction } from "@/app/(app)/vault/actions";
import { Field, FormError } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import type { EntryView } from "./types";

const CLASSES = [
  ["lowercase", "Lowercase"],
  ["uppercase", "Uppercase"],
  ["digits", "Digits"],
  ["symbols", "Symbols"],
] as const;

/** Add (no entry) or edit an entry; host autocompletes from the user's existing hosts. */
export function EntryDialog({ groupId, entry, defaults }: { groupId: string; entry?: EntryView; defaults: { length: number; complexity: number } }) {
  const router = useRouter();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [host, setHost] = useState(entry?.host ?? "");
  const [hosts, setHosts] = useState<string[]>([]);
  const [classes, setClasses] = useState({ lowercase: entry?.lowercase ?? true, uppercase: entry?.uppercase ?? true, digits: entry?.digits ?? true, symbols: entry?.symbols ?? false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, start] = useTransition();

  useEffect(() => {
    if (!open || host.length < 1) return;
    const t = setTimeout(() => {
      void hostsAction({ filter: host }).then((res) => {
        if (res.ok) setHosts(res.data);
      });
    }, 200);
    return () => clearTimeout(t);
  }, [host, open]);

  return (
    <Dialog open={open} onOpenChange={(o) => (setOpen(o), setErrors({}))}>
      <DialogTrigger asChild>
        <Button size="sm" variant={entry ? "ghost" : "default"}>{entry ? "Edit" : "Add entry"}</Button>
      </DialogTrigger>
      <DialogContent>
        <form
          method="post"
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            start(async () => {
              const res = await saveEntryAction({
                id: entry?.id,
                entry: { groupId, host, account: String(f.get("account")), length: Number(f.get("length")), complexity: Number(f.get("complexity")), ...classes },
              });
              if (!res.ok) return setErrors({ ...(res.fieldErrors ?? {}), _: res.message });
              toast.success(entry ? "Entry saved" : "Entry added");
              setOpen(false);
              router.refresh();
            });
          }}
        >
          <DialogHeader>
            <DialogTitle>{entry ? "Edit entry" : "New entry"}</DialogTitle>
            <DialogDescription>The password is derived from these settings and your master key; changing them changes the password.</DialogDescription>
          </DialogHeader>
          <Field label="Host" name="host" list={listId} value={host} onChange={(e) => setHost(e.target.value)} autoComplete="off" error={errors["entry.host"]} />
          <datalist id={listId}>
            {hosts.map((h) => (
              <option key={h} value={h} />
            ))}
          </datalist>
          <Field label="Account" name="account" defaultValue={entry?.account} error={errors["entry.account"]} />
          <div className="grid grid-cols-2 gap-3">
            <Field label="Length" name="length" type="number" min={2} max={32} defaultValue={entry?.length ?? defaults.length} error={errors["entry.length"]} />
            <Field label="Complexity (1–3)" name="complexity" type="number" min={1} max={3} defaultValue={entry?.complexity ?? defaults.complexity} error={errors["entry.complexity"]} />
          </div>
          <fieldset className="flex flex-wrap gap-4">
            <legend className="mb-2 text-sm font-medium">Characters</legend>
            {CLASSES.map(([k, label]) => (
              <div key={k} className="flex items-center gap-2">
                <Checkbox id={`${listId}-${k}`} checked={classes[k]} onCheckedChange={(v) => setClasses((c) => ({ ...c, [k]: v === true }))} />
                <Label htmlFor={`${listId}-${k}`} className="font-normal">{label}</Label>
              </div>
            ))}
          </fieldset>
          <FormError message={errors["entry.classes"] ?? (Object.keys(errors).length > 1 ? undefined : errors._)} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save entry"}</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
