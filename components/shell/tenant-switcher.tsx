"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { switchTenantAction } from "@/app/(app)/admin/tenants/actions";

/** Moves the current session into another tenant; shown only when there is a choice. */
export function TenantSwitcher({ current, tenants }: { current: { id: string; name: string }; tenants: { id: string; name: string }[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  if (tenants.length < 2)
    return (
      <span className="font-medium" data-testid="current-tenant">
        {current.name}
      </span>
    );
  return (
    <>
      <label htmlFor="tenant-switcher" className="sr-only">Switch tenant</label>
      <select
        id="tenant-switcher"
        data-testid="tenant-switcher"
        disabled={pending}
        className="h-8 rounded-md border border-input bg-transparent px-2 text-sm font-medium dark:bg-input/30"
        value={current.id}
        onChange={(e) => {
          const tenantId = e.target.value;
          start(async () => {
            const res = await switchTenantAction({ tenantId });
            if (!res.ok) return void toast.error(res.message);
            toast.success(`Switched to ${tenants.find((t) => t.id === tenantId)?.name}`);
            router.push("/account");
            router.refresh();
          });
        }}
      >
        {tenants.map((t) => (
          <option key={t.id} value={t.id}>{t.name}</option>
        ))}
      </select>
      <span className="sr-only" data-testid="current-tenant">{current.name}</span>
    </>
  );
}
