import type { Metadata } from "next";
import { SettingsForm } from "@/components/settings/settings-form";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageCaller } from "@/lib/auth/current";
import { getAllSettings } from "@/lib/settings/settings";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const caller = await requirePageCaller();
  return (
    <>
      <PageHeader title="Settings" description="How the password vault behaves for you, plus theme and language." />
      <SettingsForm values={await getAllSettings(caller.userId)} />
    </>
  );
}
