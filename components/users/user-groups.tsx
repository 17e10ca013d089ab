"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { userGroupAction } from "@/app/(app)/admin/users/[id]/actions";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { useActionToast } from "@/components/forms/use-action-toast";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

interface Group {
  id: string;
  name: string;
}

/** The user's groups in this tenant; with Group/Edit, add and remove them here. */
export function UserGroups({ userId, userName, groups, allGroups, canEdit }: { userId: string; userName: string; groups: Group[]; allGroups: Group[]; canEdit: boolean }) {
  const t = useTranslations("admin.users.groups");
  const notify = useActionToast();
  const [choice, setChoice] = useState("");
  const [pending, start] = useTransition();
  const addable = allGroups.filter((g) => !groups.some((m) => m.id === g.id));
  const chosen = addable.find((g) => g.id === choice);
  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-center gap-2" data-testid="user-groups">
        <span className="text-muted-foreground">{t("label")}</span>
        {groups.length === 0 && <span className="text-muted-foreground">{t("none")}</span>}
        {groups.map((g) => (
          <Badge key={g.id} variant="outline" className="gap-1">
            {g.name}
            {canEdit && (
              <ConfirmButton
                label="×"
                ariaLabel={t("removeFrom", { group: g.name })}
                variant="ghost"
                className="ml-1 h-4 px-1 hover:text-destructive"
                disabled={pending}
                title={t("removeTitle", { name: userName, group: g.name })}
                description={t("removeDescription")}
                confirmLabel={t("remove")}
                onConfirm={() => notify(userGroupAction({ userId, groupId: g.id, add: false }), t("removed", { name: userName, group: g.name }))}
              />
            )}
          </Badge>
        ))}
      </div>
      {canEdit && addable.length > 0 && (
        <div className="flex gap-2">
          <select
            aria-label={t("toAdd")}
            className="h-9 w-0 min-w-0 flex-1 rounded-md border border-input bg-transparent px-2 text-sm dark:bg-input/30"
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
          >
            <option value="">{t("choose")}</option>
            {addable.map((g) => (
              <option key={g.id} value={g.id}>{g.name}</option>
            ))}
          </select>
          <Button
            size="sm"
            variant="outline"
            disabled={!chosen || pending}
            onClick={() => start(async () => (await notify(userGroupAction({ userId, groupId: chosen!.id, add: true }), t("added", { name: userName, group: chosen!.name })), setChoice("")))}
          >
            {t("add")}
          </Button>
        </div>
      )}
    </div>
  );
}
