"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Field } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";

export interface FieldDialogProps {
  trigger: React.ReactNode;
  title: string;
  description: string;
  label: string;
  name: string;
  type?: string;
  autoComplete?: string;
  defaultValue?: string;
  maxLength?: number;
  confirmLabel: string;
  destructive?: boolean;
  /** Returns an error message to show under the field, or null to close. */
  onSubmit: (value: string) => Promise<string | null>;
  /** Opened as it mounts: OnIntent renders it on the trigger's first click. */
  defaultOpen?: boolean;
}

/** A dialog with one field (a name, a password, a code) confirming one change. */
export function FieldDialog({ trigger, title, description, confirmLabel, destructive, onSubmit, defaultOpen = false, ...field }: FieldDialogProps) {
  const common = useTranslations("common");
  const [open, setOpen] = useState(defaultOpen);
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  return (
    <Dialog open={open} onOpenChange={(o) => (setOpen(o), setError(undefined))}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <form
          method="post"
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            const value = String(new FormData(e.currentTarget).get(field.name));
            start(async () => {
              const err = await onSubmit(value);
              if (err) setError(err);
              else setOpen(false);
            });
          }}
        >
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription>{description}</DialogDescription>
          </DialogHeader>
          <Field {...field} required autoFocus error={error} />
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
