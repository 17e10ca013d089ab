import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChangeEmailForm } from "@/components/account/change-email-form";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { PageHeader } from "@/components/shell/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { mayChangeRequiredPasswordWithoutCurrent } from "@/lib/account/credentials";
import { pendingRequirement, requirePageCaller } from "@/lib/auth/current";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meta"))("passwordEmail") };
}

export default async function PasswordPage() {
  const caller = await requirePageCaller("password");
  const t = await getTranslations("account.passwordPage");
  const required = (await pendingRequirement(caller)) === "password";
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {required && (
        <Alert className="mb-6">
          <AlertTitle>{t("requiredTitle")}</AlertTitle>
          <AlertDescription>{t("requiredDescription")}</AlertDescription>
        </Alert>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        {/* The initial password was typed at sign-in a moment ago: not asked for again. */}
        <ChangePasswordForm askCurrent={!(required && mayChangeRequiredPasswordWithoutCurrent(caller))} />
        {!required && <ChangeEmailForm currentEmail={caller.email} />}
      </div>
    </>
  );
}
