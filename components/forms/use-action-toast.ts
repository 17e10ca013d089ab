"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/auth/action";

/** Awaits a server action, toasts its outcome and refreshes the page's server data. */
export function useActionToast() {
  const router = useRouter();
  return async (pending: Promise<ActionResult<unknown>>, success: string): Promise<void> => {
    const res = await pending;
    if (res.ok) toast.success(success);
    else toast.error(res.message);
    router.refresh();
  };
}
