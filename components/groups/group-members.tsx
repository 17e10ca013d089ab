"use client";

import { useTransition } from "react";
import { useActionToast } from "@/components/forms/use-action-toast";
import { groupMembersAction } from "@/app/(app)/admin/groups/actions";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { UserPicker } from "./user-picker";

type Member = { id: string; email: string };

export function GroupMembers({ groupId, members, canEdit }: { groupId: string; members: Member[]; canEdit: boolean }) {
  const notify = useActionToast();
  const [pending, start] = useTransition();

  const add = (userId: string) => start(() => notify(groupMembersAction({ id: groupId, userIds: [userId], add: true }), "Member added"));

  return (
    <Card>
      <CardHeader>
        <CardTitle>Members</CardTitle>
        <CardDescription>{members.length} member(s)</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {canEdit && (
          <UserPicker
            label="Find a user to add"
            placeholder="Add a member: type an email or name"
            verb="Add"
            disabled={pending}
            isPicked={(id) => members.some((m) => m.id === id)}
            onPick={(u) => add(u.id)}
          />
        )}
        <ul className="divide-y rounded-md border text-sm" data-testid="group-members">
          {members.length === 0 && <li className="p-3 text-muted-foreground">No members yet.</li>}
          {members.map((m) => (
            <li key={m.id} className="flex items-center justify-between gap-2 p-2">
              <span>{m.email}</span>
              {canEdit && (
                <ConfirmButton
                  label={<>Remove<span className="sr-only"> {m.email}</span></>}
                  variant="ghost"
                  title={`Remove ${m.email} from this group?`}
                  description="The user is not deleted, only their membership in this group."
                  confirmLabel="Remove"
                  disabled={pending}
                  onConfirm={() => notify(groupMembersAction({ id: groupId, userIds: [m.id], add: false }), "Member removed")}
                />
              )}
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
