"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { deleteUserAction, sendPasswordResetAction, signOutEverywhereAction } from "@/app/(app)/admin/users/[id]/actions";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { useActionToast } from "@/components/forms/use-action-toast";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

interface Props {
  user: { id: string; name: string; active: boolean };
  /** What the caller may do here (checked again on the server). */
  allowed: { delete: boolean; resetPassword: boolean; signOut: boolean };
}

/** Account-wide actions on another user: password reset email, sign out everywhere, delete. */
export function UserAccountActions({ user, allowed }: Props) {
  const notify = useActionToast();
  const router = useRouter();
  if (!allowed.delete && !allowed.resetPassword && !allowed.signOut) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Account actions</CardTitle>
        <CardDescription>Each is recorded in the audit log.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap gap-2">
        {allowed.resetPassword && (
          <ConfirmButton
            label="Send password reset email"
            disabled={!user.active}
            title={`Send a password reset email to ${user.name}?`}
            description="They get a link that works once, for 30 minutes. Their password and sessions stay as they are until they use it."
            confirmLabel="Send reset email"
            onConfirm={() => notify(sendPasswordResetAction({ userId: user.id }), `Password reset email sent to ${user.name}`)}
          />
        )}
        {allowed.signOut && (
          <ConfirmButton
            label="Sign out everywhere"
            title={`Sign ${user.name} out everywhere?`}
            description="Every browser session, API token and trusted device of theirs ends on its next request. They can sign in again with their password."
            confirmLabel="Sign out everywhere"
            onConfirm={() => notify(signOutEverywhereAction({ userId: user.id }), `${user.name} is signed out everywhere`)}
          />
        )}
        {allowed.delete && (
          <ConfirmButton
            label="Delete user"
            variant="destructive"
            title={`Delete ${user.name}?`}
            description="The account leaves this tenant; if it belongs to no other tenant it is deleted with its sessions, tokens, MFA and vault. This cannot be undone."
            confirmLabel="Delete user"
            onConfirm={async () => {
              const res = await deleteUserAction({ userId: user.id });
              if (!res.ok) {
                toast.error(res.message);
                return;
              }
              toast.success(`Deleting ${user.name}`);
              router.push(`/admin/jobs/${res.data.jobId}`);
            }}
          />
        )}
      </CardContent>
    </Card>
  );
}
