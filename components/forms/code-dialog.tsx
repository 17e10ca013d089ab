"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Field } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";

/** Asks for a current second-factor code before a sensitive change; onSubmit returns an error or null. */
export function CodeDialog({
  trigger,
  title,
  description,
  confirmLabel,
  destructive,
  onSubmit,
  defaultOpen = false,
}: {
  trigger: React.ReactNode;
  title: string;
  description: string;
  confirmLabel: string;
  destructive?: boolean;
  onSubmit: (code: string) => Promise<string | null>;
  /** Opened as it mounts: OnIntent renders it on the trigger's first click. */
  defaultOpen?: boolean;
}) {
  const t = useTranslations("forms");
  const common = useTranslations("common");
  const [open, setOpen] = useState(defaultOpen);
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  return (
    <Dialog open={open} onOpenChange={(o) => (setOpen(o), setError(undefined))}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <form method="post"
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            const code = String(new FormData(e.currentTarget).get("code"));
            start(async () => {
              const err = await onSubmit(code);
              if (err) setError(err);
              else setOpen(false);
            });
          }}
        >
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription>{description}</DialogDescription>
          </DialogHeader>
          <Field label={t("codeLabel")} name="code" autoComplete="one-time-code" required autoFocus error={error} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              {common("cancel")}
            </Button>
            <Button type="submit" variant={destructive ? "destructive" : "default"} disabled={pending}>
              {pending ? common("working") : confirmLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
