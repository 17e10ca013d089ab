import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { codeAccount } from "@/lib/account/one-time-codes";
import { SetPasswordForm } from "./set-password-form";

/**
 * Reset and invitation pages: name the account the link is for, and say up front when a link is
 * dead instead of after typing a password.
 */
export async function CodePage({ code, purpose }: { code?: string; purpose: "reset" | "invite" }) {
  const t = await getTranslations("auth.codePage");
  const tc = await getTranslations("common");
  const account = code === undefined ? undefined : await codeAccount(code, purpose);
  const dead = code !== undefined && !account;
  const invite = purpose === "invite";
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">{invite ? t("inviteTitle") : t("resetTitle")}</CardTitle>
        <CardDescription>
          {account
            ? invite
              ? account.tenantName
                ? t("inviteForTenant", { email: account.email, tenant: account.tenantName })
                : t("inviteFor", { email: account.email })
              : t("resetFor", { email: account.email })
            : invite
              ? t("inviteDescription")
              : t("resetDescription")}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {dead ? (
          <p role="alert" className="text-sm text-destructive">
            {t("dead")}{" "}
            {invite ? (
              t("askAdmin")
            ) : (
              <Link className="underline" href="/forgot-password">
                {t("requestNew")}
              </Link>
            )}
          </p>
        ) : (
          <SetPasswordForm code={code} purpose={purpose} email={account?.email} />
        )}
        <Link href="/login" className="text-center text-sm text-muted-foreground underline-offset-4 hover:underline">
          {tc("backToSignIn")}
        </Link>
      </CardContent>
    </Card>
  );
}
