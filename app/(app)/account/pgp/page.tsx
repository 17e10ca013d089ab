import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PgpKeyManager } from "@/components/pgp/pgp-key-manager";
import { PageHeader } from "@/components/shell/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { requirePageCaller } from "@/lib/auth/current";
import { ownKey } from "@/lib/pgp/store";
import { findUserById } from "@/lib/users/records";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meta"))("pgp") };
}

export default async function PgpPage() {
  const caller = await requirePageCaller();
  const k = await ownKey(caller);
  const user = await findUserById(caller.userId);
  const t = await getTranslations("account.pgp");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ClientMessages namespaces={["pgp"]}>
        <PgpKeyManager
          name={user?.fullName ?? ""}
          email={caller.email}
          current={k ? { fingerprint: k.fingerprint, algorithm: k.algorithm, name: k.name, email: k.email, created: k.keyCreatedAt?.toISOString() ?? null, expires: k.keyExpiresAt?.toISOString() ?? null, hasPrivate: !!k.privateKeyEncrypted } : null}
        />
      </ClientMessages>
    </>
  );
}
