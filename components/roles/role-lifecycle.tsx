"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { restoreRoleAction, retireRoleAction } from "@/app/(app)/admin/roles/actions";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";

/**
 * Retire a role. The tenant's default role asks which live role takes the default over (lib refuses
 * otherwise), so members without an explicit role are never left with no role at all.
 */
export function RetireRoleButton({ role, others }: { role: { id: string; name: string; isDefault: boolean }; others: { id: string; name: string }[] }) {
  const t = useTranslations("admin.roles.lifecycle");
  const tc = useTranslations("admin.common");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [heir, setHeir] = useState("");
  const [pending, start] = useTransition();
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
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button type="button" size="sm" variant="destructive">{t("retire")}</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t("retireDefaultTitle", { name: role.name })}</DialogTitle>
          <DialogDescription>
            {t("retireDefaultDescription", { name: role.name })}
          </DialogDescription>
        </DialogHeader>
        <div className="grid gap-1.5">
          <Label htmlFor="new-default">{t("newDefault")}</Label>
          <select id="new-default" value={heir} onChange={(e) => setHeir(e.target.value)} className="h-9 rounded-md border border-input bg-transparent px-2 text-sm dark:bg-input/30">
            <option value="">{tc("choose")}</option>
            {others.map((o) => (
              <option key={o.id} value={o.id}>{o.name}</option>
            ))}
          </select>
        </div>
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>{tc("cancel")}</Button>
          <Button variant="destructive" disabled={!heir || pending} onClick={() => start(() => retire(heir))}>
            {pending ? t("retiring") : heir ? t("retireAndMake", { name: role.name, heir: others.find((o) => o.id === heir)?.name ?? "" }) : t("retireName", { name: role.name })}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
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
