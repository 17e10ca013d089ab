import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BackupPanel } from "@/components/vault/backup-panel";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageCaller } from "@/lib/auth/current";
import { listVaultGroups } from "@/lib/vault/vault";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("vault.backup"))("title") };
}

export default async function BackupPage() {
  const caller = await requirePageCaller();
  const t = await getTranslations("vault.backup");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <BackupPanel groups={(await listVaultGroups(caller.userId)).map((g) => ({ id: g.id, name: g.name }))} />
    </>
  );
}
