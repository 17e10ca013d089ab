"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { deleteGroupAction } from "@/app/(app)/admin/groups/actions";
import { ConfirmButton } from "@/components/forms/confirm-button";

/** In the group page's header, away from the member list; the confirmation names the group. */
export function DeleteGroupButton({ group }: { group: { id: string; name: string } }) {
  const router = useRouter();
  return (
    <ConfirmButton
      label={<><Trash2 aria-hidden />Delete group</>}
      variant="outline"
      className="text-destructive hover:text-destructive"
      title={`Delete the group “${group.name}”?`}
      description="Members are not deleted, only their membership in this group. This cannot be undone."
      confirmLabel="Delete group"
      onConfirm={async () => {
        const res = await deleteGroupAction({ id: group.id });
        if (!res.ok) return void toast.error(res.message);
        toast.success(`Group ${group.name} deleted`);
        router.push("/admin/groups");
      }}
    />
  );
}
