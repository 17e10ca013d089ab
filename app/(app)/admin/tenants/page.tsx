import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { CreateTenantForm } from "@/components/tenants/create-tenant-form";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requirePageCaller } from "@/lib/auth/current";
import { listTenants } from "@/lib/tenants/tenants";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.tenants"))("title") };
}

export default async function TenantsPage() {
  const caller = await requirePageCaller();
  if (!caller.isSuperAdmin) notFound();
  const rows = await listTenants(caller);
  const t = await getTranslations("admin.tenants");
  const tc = await getTranslations("admin.common");
  const format = await getFormatter();
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <CreateTenantForm />
      <Card className="mt-4 p-0">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{tc("name")}</TableHead>
              <TableHead>{t("mfa")}</TableHead>
              <TableHead>{t("selfRegistration")}</TableHead>
              <TableHead>{t("minPassword")}</TableHead>
              <TableHead>{t("created")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.id} data-testid="tenant-row">
                <TableCell>
                  <Link href={`/admin/tenants/${r.id}`} className="font-medium hover:underline">
                    {r.name}
                  </Link>{" "}
                  {r.retiredAt && <Badge variant="destructive">{tc("retired")}</Badge>}
                </TableCell>
                <TableCell>{r.forceMfa ? t("required") : t("optional")}</TableCell>
                <TableCell>{r.allowSelfRegistration ? t("allowed") : t("off")}</TableCell>
                <TableCell>{r.passwordMinLength}</TableCell>
                <TableCell>{format.dateTime(r.createdAt, { dateStyle: "medium" })}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
    </>
  );
}
