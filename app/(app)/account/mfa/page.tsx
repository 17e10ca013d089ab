import type { Metadata } from "next";
import Link from "next/link";
import { MfaEnrolment } from "@/components/account/mfa-enrolment";
import { MfaMethods } from "@/components/account/mfa-methods";
import { MfaSwitchBack } from "@/components/account/mfa-switch-back";
import { PageHeader } from "@/components/shell/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { pendingRequirement, requirePageCaller } from "@/lib/auth/current";
import { listMethods, remainingRecoveryCodes } from "@/lib/mfa/methods";
import { pendingAuthenticatorSecret } from "@/lib/mfa/pending";
import { mfaForced } from "@/lib/mfa/self-service";
import { otpauthUri } from "@/lib/mfa/totp";
import { passkeysOf } from "@/lib/passkeys/store";
import { callerTenant, switchableTenants } from "@/lib/tenants/tenants";

export const metadata: Metadata = { title: "Two-factor authentication" };
export const dynamic = "force-dynamic";

export default async function MfaPage() {
  const caller = await requirePageCaller("mfa");
  const methods = await listMethods(caller.userId);
  const required = (await pendingRequirement(caller)) === "mfa";
  const passkeyCount = (await passkeysOf(caller.userId)).length;
  const enrolling = !methods.some((m) => m.kind === "authenticator");
  // One secret per enrolment: the same QR code on every visit until it is confirmed or cancelled.
  const secret = enrolling ? await pendingAuthenticatorSecret(caller) : undefined;
  const ways = required ? (await switchableTenants(caller)).filter((t) => t.id !== caller.tenantId && !t.enrolmentRequired) : [];
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
        {ways.length > 0 && <MfaSwitchBack tenant={(await callerTenant(caller)).name} tenants={ways} />}
        <Alert>
          <AlertTitle>Passkeys</AlertTitle>
          <AlertDescription>
            <span>
              {passkeyCount ? `You have ${passkeyCount} passkey(s); each works as a second factor and for signing in without a password. ` : "A passkey works as your second factor and lets you sign in without a password. "}
              <Link className="underline" href="/account/passkeys">
                {passkeyCount ? "Manage passkeys" : "Use a passkey instead"}
              </Link>
            </span>
          </AlertDescription>
        </Alert>
        {methods.length + passkeyCount > 0 && (
          <MfaMethods
            methods={methods.map((m) => ({ id: m.id, kind: m.kind, createdAt: m.createdAt.toISOString() }))}
            remainingCodes={await remainingRecoveryCodes(caller.userId)}
            forced={await mfaForced(caller.userId, caller.tenantId)}
          />
        )}
        {secret && <MfaEnrolment key={secret} secret={secret} uri={otpauthUri(secret, caller.email)} continueTo={required ? "/account" : undefined} />}
      </div>
    </>
  );
}
