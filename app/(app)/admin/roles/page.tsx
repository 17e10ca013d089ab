import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { RoleForm } from "@/components/roles/role-form";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireAdminPage } from "@/lib/auth/current";
import { can } from "@/lib/authz/caller";
import { stockDescriptionOf } from "@/lib/roles/built-in";
import { listRoles } from "@/lib/roles/roles";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.roles"))("title") };
}

const params = z.object({
  retired: z.enum(["1"]).optional().catch(undefined),
  order: z.enum(["name", "created"]).default("name").catch("name"),
  page: z.coerce.number().int().min(1).default(1).catch(1),
});
const PAGE = 20;

export default async function RolesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const caller = await requireAdminPage("Role", "Read");
  const p = params.parse(await searchParams);
  const { rows, total } = await listRoles(caller, { includeRetired: !!p.retired, orderBy: p.order, order: p.order === "name" ? "ASC" : "DESC", offset: (p.page - 1) * PAGE, records: PAGE });
  const href = (change: Record<string, string | undefined>) => {
    const merged = { retired: p.retired, order: p.order === "name" ? undefined : p.order, page: p.page > 1 ? String(p.page) : undefined, ...change };
    const q = new URLSearchParams(Object.entries(merged).filter(([, v]) => v) as [string, string][]).toString();
    return q ? `/admin/roles?${q}` : "/admin/roles";
  };
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const t = await getTranslations("admin.roles");
  const tc = await getTranslations("admin.common");
  // A built-in role still carrying its stock description shows it translated (lib/roles/built-in.ts).
  const descriptionOf = (r: { name: string; description: string; isSystem: boolean }) => {
    const stock = stockDescriptionOf(r);
    return stock ? t(`builtInDescriptions.${stock}`) : r.description;
  };
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="mb-3 flex flex-wrap items-center gap-4 text-sm">
        <Link href={href({ retired: p.retired ? undefined : "1", page: undefined })} className="underline" data-testid="toggle-retired">
          {p.retired ? t("hideRetired") : t("includeRetired")}
        </Link>
        <span className="text-muted-foreground">
          {t("order")}{" "}
          <Link href={href({ order: undefined, page: undefined })} className={p.order === "name" ? "font-semibold" : "underline"}>{t("orderName")}</Link>{" · "}
          <Link href={href({ order: "created", page: undefined })} className={p.order === "created" ? "font-semibold" : "underline"}>{t("orderNewest")}</Link>
        </span>
      </div>
      <Card className="mb-6 p-0">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{tc("name")}</TableHead>
              <TableHead>{t("descriptionColumn")}</TableHead>
              <TableHead>{t("permissionsColumn")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.id} data-testid="role-row">
                <TableCell>
                  <Link href={`/admin/roles/${r.id}`} className="font-medium hover:underline">{r.name}</Link>{" "}
                  {r.isDefault && <Badge>{t("default")}</Badge>} {r.isSystem && <Badge variant="secondary">{t("builtIn")}</Badge>} {r.revokedAt && <Badge variant="destructive">{tc("retired")}</Badge>}
                </TableCell>
                <TableCell className="text-muted-foreground">{descriptionOf(r)}</TableCell>
                <TableCell className="font-mono text-xs">{r.permissions.map((x) => `${x.resource}/${x.action}`).join(", ") || "—"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
      <nav aria-label={tc("pagination")} className="mb-6 flex items-center justify-between text-sm">
        <span className="text-muted-foreground">{t("summary", { total, page: p.page, pages })}</span>
        <div className="flex gap-2">
          {p.page > 1 && <Button asChild size="sm" variant="outline"><Link href={href({ page: String(p.page - 1) })}>{tc("previous")}</Link></Button>}
          {p.page < pages && <Button asChild size="sm" variant="outline"><Link href={href({ page: String(p.page + 1) })}>{tc("next")}</Link></Button>}
        </div>
      </nav>
      {(await can(caller, "Role", "Create")) && <RoleForm />}
    </>
  );
}
