"use client";

import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { useActionToast } from "@/components/forms/use-action-toast";
import { groupMembersAction } from "@/app/(app)/admin/groups/actions";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { UserPicker } from "./user-picker";

type Member = { id: string; email: string };

export function GroupMembers({ groupId, members, canEdit }: { groupId: string; members: Member[]; canEdit: boolean }) {
  const t = useTranslations("admin.groups.members");
  const tc = useTranslations("admin.common");
  const notify = useActionToast();
  const [pending, start] = useTransition();

  const add = (userId: string) => start(() => notify(groupMembersAction({ id: groupId, userIds: [userId], add: true }), t("added")));

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("count", { count: members.length })}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {canEdit && (
          <UserPicker
            label={t("pickLabel")}
            placeholder={t("pickPlaceholder")}
            verb={t("pickVerb")}
            disabled={pending}
            isPicked={(id) => members.some((m) => m.id === id)}
            onPick={(u) => add(u.id)}
          />
        )}
        <ul className="divide-y rounded-md border text-sm" data-testid="group-members">
          {members.length === 0 && <li className="p-3 text-muted-foreground">{t("empty")}</li>}
          {members.map((m) => (
            <li key={m.id} className="flex items-center justify-between gap-2 p-2">
              <span>{m.email}</span>
              {canEdit && (
                <ConfirmButton
                  label={<>{tc("remove")}<span className="sr-only"> {m.email}</span></>}
                  variant="ghost"
                  title={t("removeTitle", { email: m.email })}
                  description={t("removeDescription")}
                  confirmLabel={tc("remove")}
                  disabled={pending}
                  onConfirm={() => notify(groupMembersAction({ id: groupId, userIds: [m.id], add: false }), t("removed"))}
                />
              )}
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
