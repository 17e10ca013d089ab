import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { isCodeLive } from "@/lib/account/one-time-codes";
import { SetPasswordForm } from "./set-password-form";

/** Reset and invitation pages: say up front when a link is dead instead of after typing a password. */
export async function CodePage({ code, purpose }: { code?: string; purpose: "reset" | "invite" }) {
  const dead = code !== undefined && !(await isCodeLive(code, purpose));
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">{purpose === "invite" ? "Accept your invitation" : "Choose a new password"}</CardTitle>
        <CardDescription>
          {purpose === "invite" ? "Set the password you will sign in with." : "After the reset, every session of your account is signed out."}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {dead ? (
          <p role="alert" className="text-sm text-destructive">
            This link is invalid or has expired.{" "}
            {purpose === "reset" ? (
              <Link className="underline" href="/forgot-password">
                Request a new one.
              </Link>
            ) : (
              "Ask your administrator for a new invitation."
            )}
          </p>
        ) : (
          <SetPasswordForm code={code} purpose={purpose} />
        )}
        <Link href="/login" className="text-center text-sm text-muted-foreground underline-offset-4 hover:underline">
          Back to sign in
        </Link>
      </CardContent>
    </Card>
  );
}
