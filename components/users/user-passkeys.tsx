"use client";

import { useFormatter, useTranslations } from "next-intl";
import { removeUserPasskeyAction } from "@/app/(app)/admin/users/[id]/actions";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { useActionToast } from "@/components/forms/use-action-toast";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { PasskeyView } from "@/lib/passkeys/store";

/** A user's passkeys on the admin user page; removal needs the same rights as removing MFA. */
export function UserPasskeys({ userId, passkeys, canEdit }: { userId: string; passkeys: PasskeyView[]; canEdit: boolean }) {
  const t = useTranslations("admin.users.passkeys");
  const tc = useTranslations("admin.common");
  const format = useFormatter();
  const when = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }) : t("never"));
  const notify = useActionToast();
  return (
    <Card className="p-0">
      <ul className="divide-y text-sm" data-testid="user-passkeys">
        {passkeys.length === 0 && <li className="px-4 py-6 text-center text-muted-foreground">{t("empty")}</li>}
        {passkeys.map((p) => (
          <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
            <span>
              <span className="font-medium">{p.name}</span> <Badge variant="secondary">{p.storage === "synced" ? t("synced") : t("deviceBound")}</Badge>
              <br />
              <span className="text-xs text-muted-foreground">
                {t("dates", { added: when(p.createdAt), used: when(p.lastUsedAt) })}
              </span>
            </span>
            {canEdit && (
              <ConfirmButton
                label={tc("remove")}
                ariaLabel={t("remove", { name: p.name })}
                title={t("removeTitle", { name: p.name })}
                description={t("removeDescription")}
                confirmLabel={tc("remove")}
                onConfirm={() => notify(removeUserPasskeyAction({ userId, passkeyId: p.id }), t("removed"))}
              />
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
