"use client";

import { useTranslations } from "next-intl";
import { useState, useSyncExternalStore } from "react";
import { SWITCHED_FROM, useSwitchTenant, type TenantChoice } from "@/components/shell/tenant-switcher";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** Beyond this many (a super admin sees every tenant) a list takes less room than buttons. */
const MAX_BUTTONS = 4;
/** sessionStorage sends no events within its own tab: read once per render. */
const noSubscription = () => () => {};

/**
 * On the forced set-up page: the tenants the caller can go to without setting up MFA first, so a
 * super admin who switched into a tenant that forces 2FA is never trapped there.
 */
export function MfaSwitchBack({ tenant, tenants }: { tenant: string; tenants: TenantChoice[] }) {
  const t = useTranslations("account.mfaSwitchBack");
  const { pending, switchTo } = useSwitchTenant(tenants, (name) => t("switched", { name }));
  const [picked, setChoice] = useState<string>();
  // The tenant this tab came from (set by the switcher); unknown while rendering on the server.
  const fromId = useSyncExternalStore(noSubscription, () => sessionStorage.getItem(SWITCHED_FROM), () => null);
  const from = tenants.find((o) => o.id === fromId);
  const others = tenants.filter((o) => o.id !== from?.id);
  const choice = picked ?? others[0]?.id ?? "";
  return (
    <Card data-testid="mfa-switch-back">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description", { tenant })}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap items-center gap-2">
        {from && (
          <Button disabled={pending} onClick={() => switchTo(from.id)}>
            {t("switchBack", { name: from.name })}
          </Button>
        )}
        {others.length === 0 ? null : others.length <= MAX_BUTTONS ? (
          others.map((o) => (
            <Button key={o.id} variant="outline" disabled={pending} onClick={() => switchTo(o.id)}>
              {t("switchTo", { name: o.name })}
            </Button>
          ))
        ) : (
          <>
            <label htmlFor="switch-back" className="sr-only">{t("tenant")}</label>
            <select id="switch-back" value={choice} onChange={(e) => setChoice(e.target.value)} className="h-9 max-w-full rounded-md border border-input bg-transparent px-2 text-sm dark:bg-input/30">
              {others.map((o) => (
                <option key={o.id} value={o.id}>{o.name}</option>
              ))}
            </select>
            <Button variant="outline" disabled={pending} onClick={() => switchTo(choice)}>
              {t("switchTenant")}
            </Button>
          </>
        )}
      </CardContent>
    </Card>
  );
}
