import type { Metadata } from "next";
import { PgpKeyManager } from "@/components/pgp/pgp-key-manager";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageCaller } from "@/lib/auth/current";
import { ownKey } from "@/lib/pgp/store";
import { findUserById } from "@/lib/users/records";

export const metadata: Metadata = { title: "PGP key" };

export default async function PgpPage() {
  const caller = await requirePageCaller();
  const k = await ownKey(caller);
  const user = await findUserById(caller.userId);
  return (
    <>
      <PageHeader title="PGP key" description="Generate a key pair in your browser (the private key is encrypted with your passphrase before it leaves it), or bring your own public key." />
      <PgpKeyManager
        name={user?.fullName ?? ""}
        email={caller.email}
        current={k ? { fingerprint: k.fingerprint, algorithm: k.algorithm, name: k.name, email: k.email, created: k.keyCreatedAt?.toISOString() ?? null, expires: k.keyExpiresAt?.toISOString() ?? null, hasPrivate: !!k.privateKeyEncrypted } : null}
      />
    </>
  );
}
