"use client";

import { Eye } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo, useState, useTransition } from "react";
import { toast } from "sonner";
import { generateAction } from "@/app/(app)/vault/actions";
import { Field, FormError } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { clearIfStill, CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { cn } from "@/lib/utils";
import { ANIMALS, type Animal } from "@/lib/vault/animals";
import { AnimalIcon } from "./animal-icon";
import type { EntryView, VaultSettings } from "./types";

const CLEAR_CLIPBOARD_MS = 20_000;

function shuffled<T>(items: readonly T[]) {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = crypto.getRandomValues(new Uint32Array(1))[0]! % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/**
 * Master key (twice on an entry's first generation, or always unless "ask once"), the animal from
 * a 4×5 grid, optional renewal date. The password lives only in this component's state and is
 * dropped when the dialog closes; a copied password is cleared from the clipboard after 20 s.
 */
/** `trigger`: its button; `defaultOpen`: opened as it mounts (OnIntent renders it on the first click). */
export function GenerateDialog({ entry, settings, trigger, defaultOpen = false }: { entry: EntryView; settings: VaultSettings; trigger: React.ReactElement; defaultOpen?: boolean }) {
  const t = useTranslations("vault.generate");
  const router = useRouter();
  const [open, setOpen] = useState(defaultOpen);
  const [animal, setAnimal] = useState<Animal>();
  const [password, setPassword] = useState<string>();
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  const grid = useMemo(() => (settings.scramble ? shuffled(ANIMALS) : [...ANIMALS]), [settings.scramble, open]); // eslint-disable-line react-hooks/exhaustive-deps
  const askTwice = !settings.noMasterKey && (!entry.generatedBefore || !settings.askOnce);

  const reset = () => (setPassword(undefined), setAnimal(undefined), setError(undefined));
  return (
    <Dialog open={open} onOpenChange={(o) => (setOpen(o), reset())}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{t("title", { entry: entry.host || entry.account })}</DialogTitle>
          <DialogDescription>{entry.generatedBefore ? t("again") : t("first")}</DialogDescription>
        </DialogHeader>
        {password ? (
          <div className="grid gap-3">
            {settings.showNotCopy ? (
              <div className="flex items-center gap-2">
                <code className="min-w-0 flex-1 break-all rounded-md bg-muted p-3 text-center font-mono text-lg" data-testid="generated-password">{password}</code>
                <CopyButton value={password} label={t("copy")} copiedMessage={t("copiedCleared")} clearAfterMs={CLEAR_CLIPBOARD_MS} iconOnly />
              </div>
            ) : (
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="flex items-center gap-2 text-sm" role="status">
                  <Eye className="size-4" aria-hidden /> {t("copiedNotice")}
                </p>
                <CopyButton value={password} label={t("copyAgain")} copiedMessage={t("copiedCleared")} clearAfterMs={CLEAR_CLIPBOARD_MS} />
              </div>
            )}
            <DialogFooter>
              <Button onClick={() => (setOpen(false), reset())}>{t("done")}</Button>
            </DialogFooter>
          </div>
        ) : (
          <form
            method="post"
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              const f = new FormData(e.currentTarget);
              const masterKey = String(f.get("masterKey") ?? "");
              if (askTwice && masterKey !== String(f.get("masterKey2") ?? "")) return setError(t("keysDiffer"));
              if (!animal) return setError(t("chooseAnimal"));
              const renewalDate = String(f.get("renewalDate") ?? "") || undefined;
              start(async () => {
                const res = await generateAction({ entryId: entry.id, masterKey: settings.noMasterKey ? undefined : masterKey, animal, renewalDate });
                (e.target as HTMLFormElement).reset();
                if (!res.ok) return setError(res.message);
                setError(undefined);
                const pw = res.data.password;
                setPassword(pw);
                if (!settings.showNotCopy) {
                  await navigator.clipboard.writeText(pw);
                  setTimeout(() => void clearIfStill(pw), CLEAR_CLIPBOARD_MS);
                  toast.success(t("copied"));
                }
                router.refresh();
              });
            }}
          >
            {!settings.noMasterKey && <Field label={t("masterKey")} name="masterKey" type="password" autoComplete="off" required />}
            {askTwice && <Field label={t("masterKeyAgain")} name="masterKey2" type="password" autoComplete="off" required />}
            <fieldset>
              <legend className="mb-2 text-sm font-medium">{t("animal")}</legend>
              <div className="grid grid-cols-5 gap-2" data-testid="animal-grid">
                {grid.map((a) => (
                  <button
                    key={a}
                    type="button"
                    aria-pressed={animal === a}
                    aria-label={t(`animals.${a}`)}
                    onClick={() => setAnimal(a)}
                    className={cn("flex min-w-0 flex-col items-center rounded-md border p-1 text-center text-xs hyphens-auto [overflow-wrap:anywhere] sm:p-2 hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring", animal === a && "border-primary bg-accent")}
                  >
                    <AnimalIcon animal={a} />
                    {t(`animals.${a}`)}
                  </button>
                ))}
              </div>
            </fieldset>
            <Field label={t("renewal")} name="renewalDate" type="date" hint={entry.lastRenewal ? t("lastRenewal", { date: entry.lastRenewal }) : t("renewalHint")} />
            <FormError message={error} />
            <DialogFooter>
              <Button type="submit" disabled={pending}>{pending ? t("deriving") : t("submit")}</Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
