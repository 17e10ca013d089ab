import Link from "next/link";
import { Info } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

/** Why an admin's own record cannot be changed from the admin pages. */
export async function UserOwnRecord() {
  const t = await getTranslations("admin.users.ownRecord");
  const link = (href: string) =>
    function AccountLink(chunks: React.ReactNode) {
      return <Link className="underline" href={href}>{chunks}</Link>;
    };
  return (
    <Alert className="mb-6" data-testid="own-record" role="note">
      <Info />
      <AlertTitle>{t("title")}</AlertTitle>
      <AlertDescription>
        <p>
          {t.rich("body", { profile: link("/account"), password: link("/account/password"), mfa: link("/account/mfa"), sessions: link("/account/sessions") })}
        </p>
      </AlertDescription>
    </Alert>
  );
}
