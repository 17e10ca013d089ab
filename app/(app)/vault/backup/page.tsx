import type { Metadata } from "next";
import { BackupPanel } from "@/components/vault/backup-panel";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageCaller } from "@/lib/auth/current";
import { listVaultGroups } from "@/lib/vault/vault";

export const metadata: Metadata = { title: "Vault backup" };

export default async function BackupPage() {
  const caller = await requirePageCaller();
  return (
    <>
      <PageHeader title="Vault backup" description="A backup holds your groups and entries (never passwords). Import recreates them as new groups." />
      <BackupPanel groups={(await listVaultGroups(caller.userId)).map((g) => ({ id: g.id, name: g.name }))} />
    </>
  );
}
