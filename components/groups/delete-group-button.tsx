"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { deleteGroupAction } from "@/app/(app)/admin/groups/actions";
import { ConfirmButton } from "@/components/forms/confirm-button";

/** In the group page's header, away from the member list; the confirmation names the group. */
export function DeleteGroupButton({ group }: { group: { id: string; name: string } }) {
  const t = useTranslations("admin.groups.delete");
  const router = useRouter();
  return (
    <ConfirmButton
      label={<><Trash2 aria-hidden />{t("button")}</>}
      variant="outline"
      className="text-destructive hover:text-destructive"
      title={t("title", { name: group.name })}
      description={t("description")}
      confirmLabel={t("button")}
      onConfirm={async () => {
        const res = await deleteGroupAction({ id: group.id });
        if (!res.ok) return void toast.error(res.message);
        toast.success(t("done", { name: group.name }));
        router.push("/admin/groups");
      }}
    />
  );
}
