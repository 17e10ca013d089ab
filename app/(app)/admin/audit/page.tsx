import type { Metadata } from "next";
import Link from "next/link";
import { AuditTable } from "@/components/audit/audit-table";
import { auditRowView } from "@/components/audit/audit-row-view";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { requireAdminPage } from "@/lib/auth/current";
import { auditQuerySchema, auditTenantOptions, listAudit } from "@/lib/audit/query";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const caller = await requireAdminPage("Audit", "Read");
  const q = auditQuerySchema.parse(await searchParams);
  const { rows, total, pageSize } = await listAudit(caller, q);
  const tenantOptions = await auditTenantOptions(caller);
  const { page, ...filters } = q;
  const qs = (extra: Record<string, string>) => new URLSearchParams({ ...(Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as Record<string, string>), ...extra }).toString();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every sign-in, security change and administrative action."
        actions={
          <Button asChild variant="outline">
            <a href={`/admin/audit/export?${qs({})}`} download>Export CSV</a>
          </Button>
        }
      />
      <form className="mb-4 flex flex-wrap items-end gap-3" role="search">
        {[
          ["q", "Text", "anything"],
          ["action", "Action", "login., user., mfa."],
          ["actor", "Actor email", "prefix"],
          ["target", "Target", "email or id"],
          ["ip", "IP", "prefix"],
        ].map(([name, label, ph]) => (
          <div key={name} className="grid gap-1">
            <Label htmlFor={`a-${name}`} className="text-xs text-muted-foreground">{label}</Label>
            <Input id={`a-${name}`} name={name} placeholder={ph} defaultValue={filters[name as keyof typeof filters]} className="w-48" />
          </div>
        ))}
        {caller.isSuperAdmin && (
          <div className="grid gap-1">
            <Label htmlFor="a-tenant" className="text-xs text-muted-foreground">Tenant</Label>
            <select id="a-tenant" name="tenant" defaultValue={filters.tenant ?? ""} className="h-9 w-48 rounded-md border border-input bg-transparent px-2 text-sm dark:bg-input/30">
              <option value="">All tenants</option>
              {tenantOptions.map((t) => (
                <option key={t.id} value={t.id}>{t.name}</option>
              ))}
            </select>
          </div>
        )}
        <div className="grid gap-1">
          <Label htmlFor="a-from" className="text-xs text-muted-foreground">From</Label>
          <Input id="a-from" name="from" type="date" defaultValue={filters.from} className="w-40" />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="a-to" className="text-xs text-muted-foreground">To</Label>
          <Input id="a-to" name="to" type="date" defaultValue={filters.to} className="w-40" />
        </div>
        <Button type="submit" variant="secondary">Filter</Button>
      </form>
      <Card className="p-0">
        <AuditTable rows={rows.map(auditRowView)} />
      </Card>
      <nav aria-label="Pagination" className="mt-3 flex items-center justify-between text-sm">
        <span className="text-muted-foreground">{total.toLocaleString()} event(s) · page {page} of {pages}</span>
        <div className="flex gap-2">
          {page > 1 && <Button asChild size="sm" variant="outline"><Link href={`/admin/audit?${qs({ page: String(page - 1) })}`}>Previous</Link></Button>}
          {page < pages && <Button asChild size="sm" variant="outline"><Link href={`/admin/audit?${qs({ page: String(page + 1) })}`}>Next</Link></Button>}
        </div>
      </nav>
    </>
  );
}
