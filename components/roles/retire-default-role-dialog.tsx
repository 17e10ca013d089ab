"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";

/** Retiring the tenant's default role: asks which live role takes the default over (see RetireRoleButton). */
export function RetireDefaultRoleDialog({
  role,
  others,
  retire,
  trigger,
  defaultOpen = false,
}: {
  role: { id: string; name: string };
  others: { id: string; name: string }[];
  retire: (newDefault: string) => Promise<void>;
  trigger: React.ReactElement;
  /** Opened as it mounts: OnIntent renders it on the trigger's first click. */
  defaultOpen?: boolean;
}) {
  const t = useTranslations("admin.roles.lifecycle");
  const tc = useTranslations("admin.common");
  const [open, setOpen] = useState(defaultOpen);
  const [heir, setHeir] = useState("");
  const [pending, start] = useTransition();
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
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
