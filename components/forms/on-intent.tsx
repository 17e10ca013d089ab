"use client";

import { cloneElement, Suspense, useState } from "react";

/**
 * For dialogs whose code (Radix's dialog: portal, focus trap, scroll lock, ~17 KB gzip) should not
 * be in the page's first load: shows `trigger` until it is used. The pointer or focus reaching it
 * starts loading `load`; a click renders `children` (the lazily loaded dialog, opened, with the
 * same trigger) in its place, which Radix returns focus to when the dialog closes.
 */
export function OnIntent({ load, trigger, children }: { load: () => Promise<unknown>; trigger: React.ReactElement; children: React.ReactNode }) {
  const [used, setUsed] = useState(false);
  if (!used)
    return cloneElement(trigger as React.ReactElement<React.HTMLAttributes<HTMLElement>>, {
      onPointerEnter: () => void load(),
      onFocus: () => void load(),
      onClick: () => setUsed(true),
    });
  return <Suspense fallback={trigger}>{children}</Suspense>;
}
