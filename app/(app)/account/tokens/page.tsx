import type { Metadata } from "next";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { TokensTable } from "@/components/tokens/tokens-table";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageCaller } from "@/lib/auth/current";
import { listMethods } from "@/lib/mfa/methods";
import { listTokens } from "@/lib/tokens/tokens";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const caller = await requirePageCaller();
  const tokens = await listTokens(caller, caller.userId);
  const methods = await listMethods(caller.userId);
  return (
    <>
      <PageHeader title="API tokens" description="Permanent tokens let scripts and other applications call the API as you. They are shown once." />
      <div className="grid gap-6">
        <CreateTokenForm needsCode={methods.length > 0} />
        <TokensTable userId={caller.userId} rows={tokens.map((t) => ({ id: t.id, name: t.name, kind: t.kind, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, expiresAt: t.expiresAt?.toISOString() ?? null }))} />
      </div>
    </>
  );
}
