"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "./confirm-dialog";

/** A button that asks before doing something destructive. */
export function ConfirmButton({
  label,
  ariaLabel,
  title,
  description,
  confirmLabel,
  onConfirm,
  variant = "outline",
  size = "sm",
  className,
  disabled,
}: {
  label: React.ReactNode;
  /** For icon-like labels (e.g. "×"): what a screen reader says. */
  ariaLabel?: string;
  title: string;
  description: string;
  confirmLabel?: string;
  onConfirm: () => Promise<void>;
  variant?: React.ComponentProps<typeof Button>["variant"];
  size?: React.ComponentProps<typeof Button>["size"];
  className?: string;
  disabled?: boolean;
}) {
  const t = useTranslations("forms");
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant={variant} size={size} className={className} aria-label={ariaLabel} disabled={disabled || pending}>
          {label}
        </Button>
      }
      title={title}
      description={description}
      confirmLabel={confirmLabel ?? t("confirm")}
      pending={pending}
      onConfirm={() =>
        start(async () => {
          await onConfirm();
          setOpen(false);
        })
      }
    />
  );
}
