"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { hostsAction, saveEntryAction } from "@/app/(app)/vault/actions";
import { Field, FormError } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import type { EntryView } from "./types";

const CLASSES = ["lowercase", "uppercase", "digits", "symbols"] as const;

/** Add (no entry) or edit an entry; host autocompletes from the user's existing hosts. */
/** `trigger`: its button (EntryDialogButton); `defaultOpen`: opened as it mounts (OnIntent renders it on the first click). */
export function EntryDialog({ groupId, entry, defaults, trigger, defaultOpen = false }: { groupId: string; entry?: EntryView; defaults: { length: number; complexity: number }; trigger: React.ReactElement; defaultOpen?: boolean }) {
  const t = useTranslations("vault.entry");
  const common = useTranslations("common");
  const router = useRouter();
  const listId = useId();
  const [open, setOpen] = useState(defaultOpen);
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
      <DialogTrigger asChild>{trigger}</DialogTrigger>
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
              toast.success(entry ? t("saved") : t("added"));
              setOpen(false);
              router.refresh();
            });
          }}
        >
          <DialogHeader>
            <DialogTitle>{entry ? t("editTitle") : t("newTitle")}</DialogTitle>
            <DialogDescription>{t("description")}</DialogDescription>
          </DialogHeader>
          <Field label={t("host")} name="host" list={listId} value={host} onChange={(e) => setHost(e.target.value)} autoComplete="off" error={errors["entry.host"]} />
          <datalist id={listId}>
            {hosts.map((h) => (
              <option key={h} value={h} />
            ))}
          </datalist>
          <Field label={t("account")} name="account" defaultValue={entry?.account} error={errors["entry.account"]} />
          <div className="grid grid-cols-2 gap-3">
            <Field label={t("length")} name="length" type="number" min={2} max={32} defaultValue={entry?.length ?? defaults.length} error={errors["entry.length"]} />
            <Field label={t("complexity")} name="complexity" type="number" min={1} max={3} defaultValue={entry?.complexity ?? defaults.complexity} error={errors["entry.complexity"]} />
          </div>
          <fieldset className="flex flex-wrap gap-4">
            <legend className="mb-2 text-sm font-medium">{t("characters")}</legend>
            {CLASSES.map((k) => (
              <div key={k} className="flex items-center gap-2">
                <Checkbox id={`${listId}-${k}`} checked={classes[k]} onCheckedChange={(v) => setClasses((c) => ({ ...c, [k]: v === true }))} />
                <Label htmlFor={`${listId}-${k}`} className="font-normal">{t(`classes.${k}`)}</Label>
              </div>
            ))}
          </fieldset>
          <FormError message={errors["entry.classes"] ?? (Object.keys(errors).length > 1 ? undefined : errors._)} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>{common("cancel")}</Button>
            <Button type="submit" disabled={pending}>{pending ? common("saving") : t("save")}</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
