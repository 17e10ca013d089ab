"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { lazy, useState } from "react";
import { toast } from "sonner";
import { disableMfaAction, regenerateCodesAction } from "@/app/(app)/account/actions";
import { OnIntent } from "@/components/forms/on-intent";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { RecoveryCodes } from "./recovery-codes";

// The code dialog (and Radix's dialog machinery) loads on first use, not in the page's first load.
const loadCodeDialog = () => import("@/components/forms/code-dialog");
const CodeDialog = lazy(() => loadCodeDialog().then((m) => ({ default: m.CodeDialog })));

interface Method {
  id: string;
  kind: string;
  createdAt: string;
}

export function MfaMethods({ methods, remainingCodes, forced }: { methods: Method[]; remainingCodes: number; forced: boolean }) {
  const t = useTranslations("account.mfaMethods");
  const format = useFormatter();
  const router = useRouter();
  const [codes, setCodes] = useState<string[]>();
  const removeButton = <Button variant="outline" size="sm">{t("remove")}</Button>;
  const newCodesButton = <Button variant="outline" className="justify-self-start">{t("newCodes")}</Button>;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          {t("on")} <Badge variant="secondary">{forced ? t("required") : t("optional")}</Badge>
        </CardTitle>
        <CardDescription>{t("codesLeft", { count: remainingCodes })}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <ul className="divide-y rounded-md border">
          {methods.map((m) => (
            <li key={m.id} className="flex items-center justify-between gap-4 p-3 text-sm">
              <div>
                <p className="font-medium">{m.kind === "authenticator" ? t("authenticator") : t("pin")}</p>
                <p className="text-muted-foreground">{t("added", { date: format.dateTime(new Date(m.createdAt), { dateStyle: "medium", timeStyle: "short" }) })}</p>
              </div>
              {m.kind === "authenticator" && (
                <OnIntent load={loadCodeDialog} trigger={removeButton}>
                  <CodeDialog
                    defaultOpen
                    trigger={removeButton}
                    title={t("removeTitle")}
                    description={forced && methods.length === 1 ? t("removeForced") : t("removeDescription")}
                    confirmLabel={t("remove")}
                    destructive
                    onSubmit={async (code) => {
                      const res = await disableMfaAction({ methodId: m.id, code });
                      if (!res.ok) return res.fieldErrors?.code ?? res.message;
                      toast.success(t("removed"));
                      router.refresh();
                      return null;
                    }}
                  />
                </OnIntent>
              )}
            </li>
          ))}
        </ul>
        {codes ? (
          <RecoveryCodes codes={codes} />
        ) : (
          <OnIntent load={loadCodeDialog} trigger={newCodesButton}>
            <CodeDialog
              defaultOpen
              trigger={newCodesButton}
              title={t("newCodesTitle")}
              description={t("newCodesDescription")}
              confirmLabel={t("createCodes")}
              onSubmit={async (code) => {
                const res = await regenerateCodesAction({ code });
                if (!res.ok) return res.fieldErrors?.code ?? res.message;
                setCodes(res.data.recoveryCodes);
                toast.success(t("codesCreated"));
                return null;
              }}
            />
          </OnIntent>
        )}
      </CardContent>
    </Card>
  );
}
