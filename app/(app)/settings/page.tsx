import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { SettingsForm } from "@/components/settings/settings-form";
import { PageHeader } from "@/components/shell/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { requirePageCaller } from "@/lib/auth/current";
import { getAllSettings } from "@/lib/settings/settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meta"))("settings") };
}

export default async function SettingsPage() {
  const caller = await requirePageCaller();
  const t = await getTranslations("settings");
  const values = await getAllSettings(caller.userId);
  // The language the page is in: the setting, or, when none was chosen, the browser's; so saving
  // another setting does not pin English on someone whose browser asks for German.
  const language = await getLocale();
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ClientMessages namespaces={["settings"]}>
        <SettingsForm values={{ ...values, language }} />
      </ClientMessages>
    </>
  );
}
