import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { PageHeader } from "@/components/shell/page-header";
import { DEFAULT_PAGE_SIZE, PAGE_SIZES } from "@/components/vault/types";
import { VaultView } from "@/components/vault/vault-view";
import { requirePageCaller } from "@/lib/auth/current";
import { getAllSettings } from "@/lib/settings/settings";
import { listVaultGroups, pageEntries } from "@/lib/vault/vault";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("vault"))("title") };
}

const params = z.object({
  group: z.uuid().optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  /** A search over every group instead of the selected one. */
  all: z.literal("1").optional().catch(undefined),
  page: z.coerce.number().int().min(1).catch(1),
  size: z.coerce.number().pipe(z.literal(PAGE_SIZES)).catch(DEFAULT_PAGE_SIZE),
});

export default async function VaultPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const caller = await requirePageCaller();
  const { group, q, all, page, size } = params.parse(await searchParams);
  const groups = await listVaultGroups(caller.userId);
  const current = groups.find((g) => g.id === group) ?? groups[0]!;
  const { rows, total, page: shown } = await pageEntries(caller.userId, { groupId: q && all ? undefined : current.id, q, page, size });
  const s = await getAllSettings(caller.userId);
  const t = await getTranslations("vault");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <VaultView
        groups={groups.map((g) => ({ id: g.id, name: g.name, parentId: g.parentId }))}
        currentGroup={current.id}
        query={q ?? ""}
        allGroups={!!(q && all)}
        paging={{ page: shown, size, total }}
        entries={rows.map((e) => ({ id: e.id, groupId: e.groupId, host: e.host, account: e.account, complexity: e.complexity, length: e.length, lowercase: e.lowercase, uppercase: e.uppercase, digits: e.digits, symbols: e.symbols, lastRenewal: e.lastRenewal, generatedBefore: e.generatedBefore }))}
        settings={{
          scramble: s.animals_do_not_scramble !== "true",
          askOnce: s.masterkey_ask_once === "true",
          noMasterKey: s.masterkey_use_ignored === "true",
          showNotCopy: s.password_always_show_not_copy === "true",
          defaultLength: Number(s.password_default_length),
          defaultComplexity: Number(s.password_default_complexity),
        }}
      />
    </>
  );
}
