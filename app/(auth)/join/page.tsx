import type { Metadata } from "next";
import Link from "next/link";
import { JoinForm } from "@/components/auth/join-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { describeJoinCode } from "@/lib/account/join";

export const metadata: Metadata = { title: "Join" };

/** Opening the link changes nothing (mail scanners follow links): joining takes the button. */
export default async function JoinPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const { code: raw } = await searchParams;
  const code = typeof raw === "string" ? raw.slice(0, 200) : undefined;
  const join = code ? await describeJoinCode(code) : undefined;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">{join?.needsPassword ? "Confirm your registration" : "Accept your invitation"}</CardTitle>
        <CardDescription>{join ? `Join ${join.tenantName}.` : "Join a tenant with the link from your email."}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {join ? (
          <JoinForm code={code!} needsPassword={join.needsPassword} />
        ) : (
          <p role="alert" className="text-sm text-destructive">
            This link is invalid or has expired. Ask for a new one.
          </p>
        )}
        <Link href="/login" className="text-center text-sm text-muted-foreground underline-offset-4 hover:underline">
          Back to sign in
        </Link>
      </CardContent>
    </Card>
  );
}
