import type { Metadata } from "next";
import { ProfileForm } from "@/components/account/profile-form";
import { PageHeader } from "@/components/shell/page-header";
import { getProfile } from "@/lib/account/profile";
import { requirePageCaller } from "@/lib/auth/current";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const caller = await requirePageCaller();
  const user = await getProfile(caller);
  return (
    <>
      <PageHeader title="Profile" description={user.email} />
      <ProfileForm
        initial={{ firstName: user.firstName, middleName: user.middleName, lastName: user.lastName, timezone: user.timezone, preferredLanguages: user.preferredLanguages }}
        timezones={Intl.supportedValuesOf("timeZone")}
      />
    </>
  );
}
