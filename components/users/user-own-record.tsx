import Link from "next/link";
import { Info } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

/** Why an admin's own record cannot be changed from the admin pages. */
export function UserOwnRecord() {
  return (
    <Alert className="mb-6" data-testid="own-record" role="note">
      <Info />
      <AlertTitle>This is your own account, so it is read-only here</AlertTitle>
      <AlertDescription>
        <p>
          Administration acts on other people: from here you could disable yourself, drop your own roles or delete your account and lock yourself out. Change your
          details on <Link className="underline" href="/account">Profile</Link>, <Link className="underline" href="/account/password">Password &amp; email</Link>,{" "}
          <Link className="underline" href="/account/mfa">Two-factor</Link> and <Link className="underline" href="/account/sessions">Sessions</Link>; another
          administrator can change your roles.
        </p>
      </AlertDescription>
    </Alert>
  );
}
