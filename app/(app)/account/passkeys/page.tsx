import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { PasskeysPanel } from "@/components/account/passkeys-panel";
import { PageHeader } from "@/components/shell/page-header";
import { pendingRequirement, requirePageCaller } from "@/lib/auth/current";
import { passkeysOf, passkeyView } from "@/lib/passkeys/store";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meta"))("passkeys") };
}
export const dynamic = "force-dynamic";

export default async function PasskeysPage() {
  const caller = await requirePageCaller("mfa");
  const required = (await pendingRequirement(caller)) === "mfa";
  const rows = await passkeysOf(caller.userId);
  const t = await getTranslations("account.passkeys");
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={<Link className="text-sm underline" href="/account/mfa">{t("mfaLink")}</Link>}
      />
      <PasskeysPanel passkeys={rows.map(passkeyView)} continueTo={required ? "/account" : undefined} />
    </>
  );
}
