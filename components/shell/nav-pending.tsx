"use client";

import { useLinkStatus } from "next/link";

/**
 * A spinner on the nav link being followed. Admin pages render fully on the server before they
 * stream (so a non-admin gets a real 404, not a 200 skeleton), hence this instead of loading.tsx.
 */
export function NavPending() {
  const { pending } = useLinkStatus();
  return (
    <span
      aria-hidden
      data-testid={pending ? "nav-pending" : undefined}
      className={`ml-auto size-3 rounded-full border-2 border-current border-t-transparent ${pending ? "animate-spin opacity-60" : "invisible"}`}
    />
  );
}
