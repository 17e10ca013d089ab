import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CreateTenantForm } from "@/components/tenants/create-tenant-form";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requirePageCaller } from "@/lib/auth/current";
import { listTenants } from "@/lib/tenants/tenants";

export const metadata: Metadata = { title: "Tenants" };

export default async function TenantsPage() {
  const caller = await requirePageCaller();
  if (!caller.isSuperAdmin) notFound();
  const rows = await listTenants(caller);
  return (
    <>
      <PageHeader title="Tenants" description="Each tenant has its own users, roles, groups and security settings." />
      <CreateTenantForm />
      <Card className="mt-4 p-0">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Two-factor</TableHead>
              <TableHead>Self-registration</TableHead>
              <TableHead>Min. password</TableHead>
              <TableHead>Created</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((t) => (
              <TableRow key={t.id} data-testid="tenant-row">
                <TableCell>
                  <Link href={`/admin/tenants/${t.id}`} className="font-medium hover:underline">
                    {t.name}
                  </Link>{" "}
                  {t.retiredAt && <Badge variant="destructive">Retired</Badge>}
                </TableCell>
                <TableCell>{t.forceMfa ? "Required" : "Optional"}</TableCell>
                <TableCell>{t.allowSelfRegistration ? "Allowed" : "Off"}</TableCell>
                <TableCell>{t.passwordMinLength}</TableCell>
                <TableCell>{t.createdAt.toLocaleDateString()}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
    </>
  );
}
