import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TenantSettingsForm } from "@/components/tenants/tenant-settings-form";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageCaller } from "@/lib/auth/current";
import { isAppError } from "@/lib/errors";
import { getTenant } from "@/lib/tenants/tenants";

export const metadata: Metadata = { title: "Tenant settings" };

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
  return (
    <>
      <PageHeader title={t.name} description="Security settings apply to every member of this tenant." actions={<Link className="text-sm underline" href="/admin/tenants">All tenants</Link>} />
      <TenantSettingsForm
        tenant={{ id: t.id, name: t.name, forceMfa: t.forceMfa, allowSelfRegistration: t.allowSelfRegistration, passwordMinLength: t.passwordMinLength, rejectCommonPasswords: t.rejectCommonPasswords, sessionLifetimeMinutes: t.sessionLifetimeMinutes, retired: !!t.retiredAt }}
        current={t.id === caller.tenantId}
      />
    </>
  );
}
