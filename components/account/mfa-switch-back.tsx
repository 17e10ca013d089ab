"use client";

import { useSwitchTenant, type TenantChoice } from "@/components/shell/tenant-switcher";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/**
 * On the forced set-up page: the tenants the caller can go to without setting up MFA first, so a
 * super admin who switched into a tenant that forces 2FA is never trapped there.
 */
export function MfaSwitchBack({ tenant, tenants }: { tenant: string; tenants: TenantChoice[] }) {
  const { pending, switchTo } = useSwitchTenant(tenants);
  return (
    <Card data-testid="mfa-switch-back">
      <CardHeader>
        <CardTitle>Not now?</CardTitle>
        <CardDescription>{tenant} requires a second factor. You can leave it and switch to a tenant that does not.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap gap-2">
        {tenants.map((t) => (
          <Button key={t.id} variant="outline" disabled={pending} onClick={() => switchTo(t.id)}>
            Switch to {t.name}
          </Button>
        ))}
      </CardContent>
    </Card>
  );
}
