"use client";

import { removeUserPasskeyAction } from "@/app/(app)/admin/users/[id]/actions";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { useActionToast } from "@/components/forms/use-action-toast";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { PasskeyView } from "@/lib/passkeys/store";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");

/** A user's passkeys on the admin user page; removal needs the same rights as removing MFA. */
export function UserPasskeys({ userId, passkeys, canEdit }: { userId: string; passkeys: PasskeyView[]; canEdit: boolean }) {
  const notify = useActionToast();
  return (
    <Card className="p-0">
      <ul className="divide-y text-sm" data-testid="user-passkeys">
        {passkeys.length === 0 && <li className="px-4 py-6 text-center text-muted-foreground">No passkeys.</li>}
        {passkeys.map((p) => (
          <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
            <span>
              <span className="font-medium">{p.name}</span> <Badge variant="secondary">{p.storage === "synced" ? "Synced" : "Device-bound"}</Badge>
              <br />
              <span className="text-xs text-muted-foreground">
                Added {when(p.createdAt)} · Last used {when(p.lastUsedAt)}
              </span>
            </span>
            {canEdit && (
              <ConfirmButton
                label="Remove"
                ariaLabel={`Remove passkey ${p.name}`}
                title={`Remove passkey "${p.name}"?`}
                description="The user can no longer sign in with it."
                confirmLabel="Remove"
                onConfirm={() => notify(removeUserPasskeyAction({ userId, passkeyId: p.id }), "Passkey removed")}
              />
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
