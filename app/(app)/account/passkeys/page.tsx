import type { Metadata } from "next";
import Link from "next/link";
import { PasskeysPanel } from "@/components/account/passkeys-panel";
import { PageHeader } from "@/components/shell/page-header";
import { pendingRequirement, requirePageCaller } from "@/lib/auth/current";
import { passkeysOf, passkeyView } from "@/lib/passkeys/store";

export const metadata: Metadata = { title: "Passkeys" };
export const dynamic = "force-dynamic";

export default async function PasskeysPage() {
  const caller = await requirePageCaller("mfa");
  const required = (await pendingRequirement(caller)) === "mfa";
  const rows = await passkeysOf(caller.userId);
  return (
    <>
      <PageHeader
        title="Passkeys"
        description="Sign in with your device's screen lock or a security key instead of a password, or use a passkey as your second factor."
        actions={<Link className="text-sm underline" href="/account/mfa">Two-factor authentication</Link>}
      />
      <PasskeysPanel passkeys={rows.map(passkeyView)} continueTo={required ? "/account" : undefined} />
    </>
  );
}
