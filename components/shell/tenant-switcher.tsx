"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { switchTenantAction } from "@/app/(app)/admin/tenants/actions";
import { ConfirmDialog } from "@/components/forms/confirm-dialog";

/** `enrolmentRequired`: switching there sends the caller straight to MFA set-up (lib/tenants switchableTenants). */
export interface TenantChoice {
  id: string;
  name: string;
  enrolmentRequired?: boolean;
}

/** Where this tab switched from: the MFA set-up page offers the way back there first. */
export const SWITCHED_FROM = "tenant-switched-from";

/** Switches the session's tenant, then opens the account page (or the MFA set-up that tenant asks for). */
export function useSwitchTenant(tenants: TenantChoice[], from?: string) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const switchTo = (tenantId: string) =>
    start(async () => {
      const res = await switchTenantAction({ tenantId });
      if (!res.ok) return void toast.error(res.message);
      if (from) sessionStorage.setItem(SWITCHED_FROM, from);
      toast.success(`Switched to ${tenants.find((t) => t.id === tenantId)?.name}`);
      router.push("/account");
      router.refresh();
    });
  return { pending, switchTo };
}

/** Moves the current session into another tenant; shown only when there is a choice. */
export function TenantSwitcher({ current, tenants }: { current: { id: string; name: string }; tenants: TenantChoice[] }) {
  const { pending, switchTo } = useSwitchTenant(tenants, current.id);
  const [warn, setWarn] = useState<TenantChoice>();
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
        className="h-8 max-w-40 truncate rounded-md border border-input bg-transparent px-2 text-sm font-medium dark:bg-input/30"
        value={current.id}
        onChange={(e) => {
          const target = tenants.find((t) => t.id === e.target.value);
          if (!target) return;
          if (target.enrolmentRequired) setWarn(target);
          else switchTo(target.id);
        }}
      >
        {tenants.map((t) => (
          <option key={t.id} value={t.id}>{t.name}</option>
        ))}
      </select>
      <span className="sr-only" data-testid="current-tenant">{current.name}</span>
      <ConfirmDialog
        open={!!warn}
        onOpenChange={(o) => !o && setWarn(undefined)}
        title={`${warn?.name ?? ""} requires two-factor authentication`}
        description={`You have no second factor yet, so ${warn?.name ?? "that tenant"} will ask you to set up an authenticator app or a passkey before you can do anything there. You can switch back to ${current.name} from the set-up page at any time.`}
        confirmLabel={`Switch to ${warn?.name ?? ""}`}
        pending={pending}
        onConfirm={() => {
          if (warn) switchTo(warn.id);
          setWarn(undefined);
        }}
      />
    </>
  );
}
