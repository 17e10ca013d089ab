"use client";

import { Check, Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";

/** Empties the clipboard only if it still holds `value` (the person may have copied something else since). */
export async function clearIfStill(value: string) {
  const now = await navigator.clipboard.readText().catch(() => "");
  if (now === value) await navigator.clipboard.writeText("");
}

/**
 * Copies `value` to the clipboard and says so (a toast, and a tick for a moment). `label` names
 * what is copied ("Copy key"): it is the button's accessible name, and its text unless `iconOnly`.
 */
export function CopyButton({
  value,
  label,
  copiedMessage,
  iconOnly,
  clearAfterMs,
  variant = "outline",
  size = "sm",
  className,
}: {
  value: string;
  label: string;
  copiedMessage?: string;
  iconOnly?: boolean;
  /** Secrets (vault passwords): empty the clipboard after this long if it still holds `value`. */
  clearAfterMs?: number;
  variant?: React.ComponentProps<typeof Button>["variant"];
  size?: React.ComponentProps<typeof Button>["size"];
  className?: string;
}) {
  const t = useTranslations("forms.copy");
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(t);
  }, [copied]);
  const Icon = copied ? Check : Copy;
  return (
    <Button
      type="button"
      variant={variant}
      size={iconOnly ? "icon" : size}
      className={className}
      aria-label={label}
      title={iconOnly ? label : undefined}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          setCopied(true);
          toast.success(copiedMessage ?? t("copied"));
          if (clearAfterMs) setTimeout(() => void clearIfStill(value), clearAfterMs);
        } catch {
          // Insecure origins and denied permissions have no clipboard: say so instead of pretending.
          toast.error(t("denied"));
        }
      }}
    >
      <Icon className="size-4" aria-hidden />
      {!iconOnly && label}
    </Button>
  );
}
