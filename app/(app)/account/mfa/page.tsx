import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
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

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meta"))("mfa") };
}
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
  const t = await getTranslations("account.mfaPage");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {required && (
        <Alert className="mb-6" variant="destructive">
          <AlertTitle>{t("requiredTitle")}</AlertTitle>
          <AlertDescription>{t("requiredDescription")}</AlertDescription>
        </Alert>
      )}
      <div className="grid gap-6">
        {ways.length > 0 && <MfaSwitchBack tenant={(await callerTenant(caller)).name} tenants={ways} />}
        <Alert>
          <AlertTitle>{t("passkeysTitle")}</AlertTitle>
          <AlertDescription>
            <span>
              {passkeyCount ? t("passkeysSome", { count: passkeyCount }) : t("passkeysNone")}{" "}
              <Link className="underline" href="/account/passkeys">
                {passkeyCount ? t("managePasskeys") : t("usePasskey")}
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
