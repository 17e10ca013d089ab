import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuditTable } from "@/components/audit/audit-table";
import { auditRowView } from "@/components/audit/audit-row-view";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { requireAdminPage } from "@/lib/auth/current";
import { eventLabeller } from "@/lib/audit/labels";
import { auditQuerySchema, auditTenantOptions, listAudit } from "@/lib/audit/query";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.audit"))("title") };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const caller = await requireAdminPage("Audit", "Read");
  const t = await getTranslations("admin.audit");
  const tc = await getTranslations("admin.common");
  const label = await eventLabeller();
  const q = auditQuerySchema.parse(await searchParams);
  const { rows, total, pageSize } = await listAudit(caller, q);
  const tenantOptions = await auditTenantOptions(caller);
  const { page, ...filters } = q;
  const qs = (extra: Record<string, string>) => new URLSearchParams({ ...(Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as Record<string, string>), ...extra }).toString();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button asChild variant="outline">
            <a href={`/admin/audit/export?${qs({})}`} download>{t("exportCsv")}</a>
          </Button>
        }
      />
      <form className="mb-4 flex flex-wrap items-end gap-3" role="search">
        {[
          ["q", t("filters.q"), t("filters.qHint")],
          ["action", t("filters.action"), "login., user., mfa."],
          ["actor", t("filters.actor"), t("filters.prefix")],
          ["target", t("filters.target"), t("filters.targetHint")],
          ["ip", t("filters.ip"), t("filters.prefix")],
        ].map(([name, label, ph]) => (
          <div key={name} className="grid gap-1">
            <Label htmlFor={`a-${name}`} className="text-xs text-muted-foreground">{label}</Label>
            <Input id={`a-${name}`} name={name} placeholder={ph} defaultValue={filters[name as keyof typeof filters]} className="w-48" />
          </div>
        ))}
        {caller.isSuperAdmin && (
          <div className="grid gap-1">
            <Label htmlFor="a-tenant" className="text-xs text-muted-foreground">{t("filters.tenant")}</Label>
            <select id="a-tenant" name="tenant" defaultValue={filters.tenant ?? ""} className="h-9 w-48 rounded-md border border-input bg-transparent px-2 text-sm dark:bg-input/30">
              <option value="">{t("filters.allTenants")}</option>
              {tenantOptions.map((o) => (
                <option key={o.id} value={o.id}>{o.name}</option>
              ))}
            </select>
          </div>
        )}
        <div className="grid gap-1">
          <Label htmlFor="a-from" className="text-xs text-muted-foreground">{t("filters.from")}</Label>
          <Input id="a-from" name="from" type="date" defaultValue={filters.from} className="w-40" />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="a-to" className="text-xs text-muted-foreground">{t("filters.to")}</Label>
          <Input id="a-to" name="to" type="date" defaultValue={filters.to} className="w-40" />
        </div>
        <Button type="submit" variant="secondary">{t("filters.submit")}</Button>
      </form>
      <Card className="p-0">
        <AuditTable rows={rows.map((e) => auditRowView(e, label))} />
      </Card>
      <nav aria-label={tc("pagination")} className="mt-3 flex items-center justify-between text-sm">
        <span className="text-muted-foreground">{t("summary", { total, page, pages })}</span>
        <div className="flex gap-2">
          {page > 1 && <Button asChild size="sm" variant="outline"><Link href={`/admin/audit?${qs({ page: String(page - 1) })}`}>{tc("previous")}</Link></Button>}
          {page < pages && <Button asChild size="sm" variant="outline"><Link href={`/admin/audit?${qs({ page: String(page + 1) })}`}>{tc("next")}</Link></Button>}
        </div>
      </nav>
    </>
  );
}
