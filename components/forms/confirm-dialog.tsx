"use client";

import { cloneElement, lazy, Suspense, useState } from "react";
import type { ConfirmDialogProps } from "./confirm-dialog-content";

// Radix's alert dialog (portal, focus trap, scroll lock) is ~15 KB gzip on every page that has a
// confirmation: it loads when the pointer or focus first reaches the trigger, or when the caller
// opens the dialog, and stays mounted from then on (close animation, focus back to the trigger).
const loadDialog = () => import("./confirm-dialog-content");
const ConfirmDialogContent = lazy(() => loadDialog().then((m) => ({ default: m.ConfirmDialogContent })));

/**
 * The one "are you sure?" dialog for destructive actions. Controlled by the caller; `trigger`, when
 * given, opens it. The dialog stays open while `pending` so the admin sees the work finish.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const [used, setUsed] = useState(props.open);
  // Opened by the caller (no trigger, or before the first click): from now on the real dialog.
  if (props.open && !used) setUsed(true);
  const { trigger } = props;
  if (!used) {
    if (!trigger) return null;
    // The same button before the dialog's code has arrived; a click opens it once it has.
    return cloneElement(trigger as React.ReactElement<React.HTMLAttributes<HTMLElement>>, {
      onPointerEnter: () => void loadDialog(),
      onFocus: () => void loadDialog(),
      onClick: () => {
        setUsed(true);
        props.onOpenChange(true);
      },
    });
  }
  return (
    <Suspense fallback={trigger ?? null}>
      <ConfirmDialogContent {...props} />
    </Suspense>
  );
}
