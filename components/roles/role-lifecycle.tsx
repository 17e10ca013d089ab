"use client";

import { useRouter } from "next/navigation";
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
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [heir, setHeir] = useState("");
  const [pending, start] = useTransition();
  const retire = async (newDefault?: string) => {
    const res = await retireRoleAction({ id: role.id, newDefault });
    if (!res.ok) return void toast.error(res.message);
    toast.success(newDefault ? `Role ${role.name} retired; ${others.find((o) => o.id === newDefault)?.name} is the default role now` : `Role ${role.name} retired`);
    router.push("/admin/roles");
  };
  if (!role.isDefault)
    return (
      <ConfirmButton
        label="Retire role"
        variant="destructive"
        title={`Retire the role ${role.name}?`}
        description="Its holders lose its permissions on their next request. Retired roles stay listed under “Include retired roles” and can be restored."
        confirmLabel={`Retire ${role.name}`}
        onConfirm={() => retire()}
      />
    );
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button type="button" size="sm" variant="destructive">Retire role</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Retire the default role {role.name}?</DialogTitle>
          <DialogDescription>
            Members without an explicit role get the default role. Choose the role that becomes the default instead; holders of {role.name} lose its permissions on their next request.
          </DialogDescription>
        </DialogHeader>
        <div className="grid gap-1.5">
          <Label htmlFor="new-default">New default role</Label>
          <select id="new-default" value={heir} onChange={(e) => setHeir(e.target.value)} className="h-9 rounded-md border border-input bg-transparent px-2 text-sm dark:bg-input/30">
            <option value="">Choose…</option>
            {others.map((o) => (
              <option key={o.id} value={o.id}>{o.name}</option>
            ))}
          </select>
        </div>
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>Cancel</Button>
          <Button variant="destructive" disabled={!heir || pending} onClick={() => start(() => retire(heir))}>
            {pending ? "Retiring…" : heir ? `Retire ${role.name}, make ${others.find((o) => o.id === heir)?.name} the default` : `Retire ${role.name}`}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

/** A retired role comes back with its holders and permissions (not as the default role). */
export function RestoreRoleButton({ role }: { role: { id: string; name: string } }) {
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
          toast.success(`Role ${role.name} restored; its holders get its permissions on their next request`);
          router.refresh();
        })
      }
    >
      {pending ? "Restoring…" : "Restore role"}
    </Button>
  );
}
