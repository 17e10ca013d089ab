"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("admin.users.account");
  const notify = useActionToast();
  const router = useRouter();
  if (!allowed.delete && !allowed.resetPassword && !allowed.signOut) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap gap-2">
        {allowed.resetPassword && (
          <ConfirmButton
            label={t("reset")}
            // Long in German and French: the label wraps rather than leaving the card on a phone.
            className="h-auto min-h-8 whitespace-normal"
            disabled={!user.active}
            title={t("resetTitle", { name: user.name })}
            description={t("resetDescription")}
            confirmLabel={t("resetConfirm")}
            onConfirm={() => notify(sendPasswordResetAction({ userId: user.id }), t("resetDone", { name: user.name }))}
          />
        )}
        {allowed.signOut && (
          <ConfirmButton
            label={t("signOut")}
            title={t("signOutTitle", { name: user.name })}
            description={t("signOutDescription")}
            confirmLabel={t("signOut")}
            onConfirm={() => notify(signOutEverywhereAction({ userId: user.id }), t("signOutDone", { name: user.name }))}
          />
        )}
        {allowed.delete && (
          <ConfirmButton
            label={t("delete")}
            variant="destructive"
            title={t("deleteTitle", { name: user.name })}
            description={t("deleteDescription")}
            confirmLabel={t("delete")}
            onConfirm={async () => {
              const res = await deleteUserAction({ userId: user.id });
              if (!res.ok) {
                toast.error(res.message);
                return;
              }
              toast.success(t("deleting", { name: user.name }));
              router.push(`/admin/jobs/${res.data.jobId}`);
            }}
          />
        )}
      </CardContent>
    </Card>
  );
}
