import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { JoinForm } from "@/components/auth/join-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { codeParam } from "@/lib/account/code-param";
import { describeJoinCode } from "@/lib/account/join";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meta"))("join") };
}

/** Opening the link changes nothing (mail scanners follow links): joining takes the button. */
export default async function JoinPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const code = codeParam((await searchParams).code);
  const join = code ? await describeJoinCode(code) : undefined;
  const t = await getTranslations("auth.join");
  const tc = await getTranslations("common");
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">{join?.needsPassword ? t("confirmTitle") : t("acceptTitle")}</CardTitle>
        <CardDescription>{join ? t("joinTenant", { tenant: join.tenantName }) : t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {join ? (
          <JoinForm code={code!} needsPassword={join.needsPassword} />
        ) : (
          <p role="alert" className="text-sm text-destructive">
            {t("invalid")}
          </p>
        )}
        <Link href="/login" className="text-center text-sm text-muted-foreground underline-offset-4 hover:underline">
          {tc("backToSignIn")}
        </Link>
      </CardContent>
    </Card>
  );
}
