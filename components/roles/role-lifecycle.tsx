"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { lazy, useTransition } from "react";
import { toast } from "sonner";
import { restoreRoleAction, retireRoleAction } from "@/app/(app)/admin/roles/actions";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { OnIntent } from "@/components/forms/on-intent";
import { Button } from "@/components/ui/button";

// The default role's dialog (and Radix's dialog machinery) loads on first use, not in the page's first load.
const loadHeirDialog = () => import("./retire-default-role-dialog");
const RetireDefaultRoleDialog = lazy(() => loadHeirDialog().then((m) => ({ default: m.RetireDefaultRoleDialog })));

/**
 * Retire a role. The tenant's default role asks which live role takes the default over (lib refuses
 * otherwise), so members without an explicit role are never left with no role at all.
 */
export function RetireRoleButton({ role, others }: { role: { id: string; name: string; isDefault: boolean }; others: { id: string; name: string }[] }) {
  const t = useTranslations("admin.roles.lifecycle");
  const router = useRouter();
  const retire = async (newDefault?: string) => {
    const res = await retireRoleAction({ id: role.id, newDefault });
    if (!res.ok) return void toast.error(res.message);
    toast.success(newDefault ? t("retiredWithHeir", { name: role.name, heir: others.find((o) => o.id === newDefault)?.name ?? "" }) : t("retired", { name: role.name }));
    router.push("/admin/roles");
  };
  if (!role.isDefault)
    return (
      <ConfirmButton
        label={t("retire")}
        variant="destructive"
        title={t("retireTitle", { name: role.name })}
        description={t("retireDescription")}
        confirmLabel={t("retireName", { name: role.name })}
        onConfirm={() => retire()}
      />
    );
  const trigger = <Button type="button" size="sm" variant="destructive">{t("retire")}</Button>;
  return (
    <OnIntent load={loadHeirDialog} trigger={trigger}>
      <RetireDefaultRoleDialog role={role} others={others} retire={retire} trigger={trigger} defaultOpen />
    </OnIntent>
  );
}

/** A retired role comes back with its holders and permissions (not as the default role). */
export function RestoreRoleButton({ role }: { role: { id: string; name: string } }) {
  const t = useTranslations("admin.roles.lifecycle");
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      size="sm"
      variant="outline"
      disabled={pending}
      onClick={() =>
        start(async () => {
          const res = await restoreRoleAction({ id: role.id });
          if (!res.ok) return void toast.error(res.message);
          toast.success(t("restored", { name: role.name }));
          router.refresh();
        })
      }
    >
      {pending ? t("restoring") : t("restore")}
    </Button>
  );
}
