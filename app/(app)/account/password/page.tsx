import type { Metadata } from "next";
import { ChangeEmailForm } from "@/components/account/change-email-form";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { PageHeader } from "@/components/shell/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { pendingRequirement, requirePageCaller } from "@/lib/auth/current";

export const metadata: Metadata = { title: "Password & email" };

export default async function PasswordPage() {
  const caller = await requirePageCaller("password");
  const required = (await pendingRequirement(caller)) === "password";
  return (
    <>
      <PageHeader title="Password & email" description="Changing your password signs out every other session." />
      {required && (
        <Alert className="mb-6">
          <AlertTitle>Choose a new password</AlertTitle>
          <AlertDescription>Your administrator set an initial password. Replace it before you continue.</AlertDescription>
        </Alert>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <ChangePasswordForm />
        {!required && <ChangeEmailForm currentEmail={caller.email} />}
      </div>
    </>
  );
}
