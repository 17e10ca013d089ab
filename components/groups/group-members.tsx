"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { toast } from "sonner";
import { useActionToast } from "@/components/forms/use-action-toast";
import { deleteGroupAction, groupMembersAction, searchUsersAction } from "@/app/(app)/admin/groups/actions";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";

type Member = { id: string; email: string; fullName?: string; name?: string };

export function GroupMembers({ groupId, members, canEdit, canDelete }: { groupId: string; members: Member[]; canEdit: boolean; canDelete: boolean }) {
  const router = useRouter();
  const notify = useActionToast();
  const [q, setQ] = useState("");
  const [results, setResults] = useState<Member[]>([]);
  const [pending, start] = useTransition();

  // Server-side search as you type (debounced).
  useEffect(() => {
    if (!q.trim()) return;
    const t = setTimeout(async () => {
      const res = await searchUsersAction({ q });
      setResults(res.ok ? res.data : []);
    }, 250);
    return () => clearTimeout(t);
  }, [q]);

  const change = (userIds: string[], add: boolean) =>
    start(() => notify(groupMembersAction({ id: groupId, userIds, add }), add ? "Member added" : "Member removed"));

  return (
    <Card>
      <CardHeader>
        <CardTitle>Members</CardTitle>
        <CardDescription>{members.length} member(s)</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {canEdit && (
          <div className="grid gap-2">
            <Input aria-label="Find a user to add" placeholder="Add a member: type an email or name" value={q} onChange={(e) => setQ(e.target.value)} />
            {q.trim() && (
              <ul className="grid gap-1 rounded-md border p-1" aria-label="Matching users">
                {results.length === 0 && <li className="px-2 py-1 text-sm text-muted-foreground">No matching users</li>}
                {results.map((u) => (
                  <li key={u.id} className="flex items-center justify-between gap-2 px-2 py-1 text-sm">
                    <span>{u.email}</span>
                    <Button size="sm" variant="outline" disabled={pending || members.some((m) => m.id === u.id)} onClick={() => (change([u.id], true), setQ(""))}>
                      Add {u.email}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <ul className="divide-y rounded-md border text-sm" data-testid="group-members">
          {members.length === 0 && <li className="p-3 text-muted-foreground">No members yet.</li>}
          {members.map((m) => (
            <li key={m.id} className="flex items-center justify-between gap-2 p-2">
              <span>{m.email}</span>
              {canEdit && (
                <Button size="sm" variant="ghost" aria-label={`Remove ${m.email}`} disabled={pending} onClick={() => change([m.id], false)}>
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
        {canDelete && (
          <ConfirmButton
            label="Delete group"
            variant="destructive"
            title="Delete this group?"
            description="Members are not deleted, only their membership in this group."
            confirmLabel="Delete"
            onConfirm={async () => {
              const res = await deleteGroupAction({ id: groupId });
              if (!res.ok) return void toast.error(res.message);
              toast.success("Group deleted");
              router.push("/admin/groups");
            }}
          />
        )}
      </CardContent>
    </Card>
  );
}
