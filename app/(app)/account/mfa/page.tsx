import type { Metadata } from "next";
import { MfaEnrolment } from "@/components/account/mfa-enrolment";
import { MfaMethods } from "@/components/account/mfa-methods";
import { PageHeader } from "@/components/shell/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { pendingRequirement, requirePageCaller } from "@/lib/auth/current";
import { listMethods, remainingRecoveryCodes } from "@/lib/mfa/methods";
import { mfaForced } from "@/lib/mfa/self-service";
import { generateTotpSecret, otpauthUri } from "@/lib/mfa/totp";

export const metadata: Metadata = { title: "Two-factor authentication" };
export const dynamic = "force-dynamic";

export default async function MfaPage() {
  const caller = await requirePageCaller("mfa");
  const methods = await listMethods(caller.userId);
  const required = (await pendingRequirement(caller)) === "mfa";
  const secret = generateTotpSecret();
  return (
    <>
      <PageHeader title="Two-factor authentication" description="A code from an authenticator app is asked for at every sign-in." />
      {required && (
        <Alert className="mb-6" variant="destructive">
          <AlertTitle>Two-factor authentication is required</AlertTitle>
          <AlertDescription>Your organisation requires a second factor. Set one up to continue.</AlertDescription>
        </Alert>
      )}
      <div className="grid gap-6">
        {methods.length > 0 && (
          <MfaMethods
            methods={methods.map((m) => ({ id: m.id, kind: m.kind, createdAt: m.createdAt.toISOString() }))}
            remainingCodes={await remainingRecoveryCodes(caller.userId)}
            forced={await mfaForced(caller.userId, caller.tenantId)}
          />
        )}
        {!methods.some((m) => m.kind === "authenticator") && (
          <MfaEnrolment secret={secret} uri={otpauthUri(secret, caller.email)} continueTo={required ? "/account" : undefined} />
        )}
      </div>
    </>
  );
}
