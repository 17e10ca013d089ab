"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
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

/**
 * Switches the session's tenant, then opens the account page (or the MFA set-up that tenant asks
 * for). `switched` words the success toast (the caller's namespace has it).
 */
export function useSwitchTenant(tenants: TenantChoice[], switched: (name: string) => string, from?: string) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const switchTo = (tenantId: string) =>
    start(async () => {
      const res = await switchTenantAction({ tenantId });
      if (!res.ok) return void toast.error(res.message);
      if (from) sessionStorage.setItem(SWITCHED_FROM, from);
      toast.success(switched(tenants.find((t) => t.id === tenantId)?.name ?? ""));
      router.push("/account");
      router.refresh();
    });
  return { pending, switchTo };
}

/** Moves the current session into another tenant; shown only when there is a choice. */
export function TenantSwitcher({ current, tenants }: { current: { id: string; name: string }; tenants: TenantChoice[] }) {
  const t = useTranslations("shell");
  const { pending, switchTo } = useSwitchTenant(tenants, (name) => t("switched", { name }), current.id);
  const [warn, setWarn] = useState<TenantChoice>();
  if (tenants.length < 2)
    return (
      <span className="font-medium" data-testid="current-tenant">
        {current.name}
      </span>
    );
  return (
    <>
      <label htmlFor="tenant-switcher" className="sr-only">{t("switchTenant")}</label>
      <select
        id="tenant-switcher"
        data-testid="tenant-switcher"
        disabled={pending}
        className="h-8 max-w-40 truncate rounded-md border border-input bg-transparent px-2 text-sm font-medium dark:bg-input/30"
        value={current.id}
        onChange={(e) => {
          const target = tenants.find((x) => x.id === e.target.value);
          if (!target) return;
          if (target.enrolmentRequired) setWarn(target);
          else switchTo(target.id);
        }}
      >
        {tenants.map((x) => (
          <option key={x.id} value={x.id}>{x.name}</option>
        ))}
      </select>
      <span className="sr-only" data-testid="current-tenant">{current.name}</span>
      <ConfirmDialog
        open={!!warn}
        onOpenChange={(o) => !o && setWarn(undefined)}
        title={t("mfaTenantTitle", { name: warn?.name ?? "" })}
        description={t("mfaTenantBody", { name: warn?.name ?? "", current: current.name })}
        confirmLabel={t("switchTo", { name: warn?.name ?? "" })}
        pending={pending}
        onConfirm={() => {
          if (warn) switchTo(warn.id);
          setWarn(undefined);
        }}
      />
    </>
  );
}
