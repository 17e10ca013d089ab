import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { TenantSettingsForm } from "@/components/tenants/tenant-settings-form";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageCaller } from "@/lib/auth/current";
import { isAppError } from "@/lib/errors";
import { getTenant } from "@/lib/tenants/tenants";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.tenants"))("detailTitle") };
}

export default async function TenantPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePageCaller();
  if (!caller.isSuperAdmin) notFound();
  let t;
  try {
    t = await getTenant(caller, (await params).id);
  } catch (e) {
    if (isAppError(e)) notFound();
    throw e;
  }
  const tr = await getTranslations("admin.tenants");
  return (
    <>
      <PageHeader title={t.name} description={tr("detailDescription")} actions={<Link className="text-sm underline" href="/admin/tenants">{tr("all")}</Link>} />
      <TenantSettingsForm
        tenant={{ id: t.id, name: t.name, forceMfa: t.forceMfa, allowSelfRegistration: t.allowSelfRegistration, passwordMinLength: t.passwordMinLength, rejectCommonPasswords: t.rejectCommonPasswords, sessionLifetimeMinutes: t.sessionLifetimeMinutes, retired: !!t.retiredAt }}
        current={t.id === caller.tenantId}
      />
    </>
  );
}
