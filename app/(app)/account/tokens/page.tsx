import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { TokensTable } from "@/components/tokens/tokens-table";
import { PageHeader } from "@/components/shell/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { requirePageCaller } from "@/lib/auth/current";
import { listMethods } from "@/lib/mfa/methods";
import { listTokens } from "@/lib/tokens/tokens";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meta"))("tokens") };
}

export default async function TokensPage() {
  const caller = await requirePageCaller();
  const tokens = await listTokens(caller, caller.userId);
  const methods = await listMethods(caller.userId);
  const t = await getTranslations("account.tokens");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid gap-6">
        <ClientMessages namespaces={["tokens"]}>
          <CreateTokenForm needsCode={methods.length > 0} />
        </ClientMessages>
        <TokensTable userId={caller.userId} rows={tokens.map((t) => ({ id: t.id, name: t.name, kind: t.kind, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, expiresAt: t.expiresAt?.toISOString() ?? null }))} />
      </div>
    </>
  );
}
