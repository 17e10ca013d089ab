import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProfileForm } from "@/components/account/profile-form";
import { PageHeader } from "@/components/shell/page-header";
import { getProfile } from "@/lib/account/profile";
import { requirePageCaller } from "@/lib/auth/current";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meta"))("profile") };
}

export default async function ProfilePage() {
  const caller = await requirePageCaller();
  const user = await getProfile(caller);
  const t = await getTranslations("account.profile");
  return (
    <>
      <PageHeader title={t("title")} description={user.email} />
      <ProfileForm
        initial={{ firstName: user.firstName, middleName: user.middleName, lastName: user.lastName, timezone: user.timezone, preferredLanguages: user.preferredLanguages }}
        timezones={Intl.supportedValuesOf("timeZone")}
      />
    </>
  );
}
