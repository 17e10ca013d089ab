import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { GroupForm } from "@/components/groups/group-form";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireAdminPage } from "@/lib/auth/current";
import { can } from "@/lib/authz/caller";
import { listGroups } from "@/lib/groups/groups";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.groups"))("title") };
}

const params = z.object({
  q: z.string().max(200).optional().catch(undefined),
  /** "key=value" */
  data: z.string().max(300).optional().catch(undefined),
  page: z.coerce.number().int().min(1).default(1).catch(1),
});

export default async function GroupsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const caller = await requireAdminPage("Group", "Read");
  const { q, data, page } = params.parse(await searchParams);
  const [k, ...v] = (data ?? "").split("=");
  const filter = k?.trim() ? { [k.trim()]: v.join("=").trim() } : undefined;
  const { rows, total, pageSize } = await listGroups(caller, { q, data: filter, page });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const t = await getTranslations("admin.groups");
  const tc = await getTranslations("admin.common");
  const href = (p: number) => `/admin/groups?${new URLSearchParams({ ...(q ? { q } : {}), ...(data ? { data } : {}), page: String(p) })}`;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="grid content-start gap-3">
          <form className="flex flex-wrap gap-2" role="search">
            <Input name="q" defaultValue={q} placeholder={t("searchName")} aria-label={t("searchNameLabel")} className="w-56" />
            <Input name="data" defaultValue={data} placeholder="key=value" aria-label={t("searchDataLabel")} className="w-56" />
            <Button type="submit" variant="secondary">{tc("search")}</Button>
          </form>
          <Card className="p-0">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{tc("name")}</TableHead>
                  <TableHead>{t("data")}</TableHead>
                  <TableHead>{t("membersColumn")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={3} className="py-10 text-center text-muted-foreground">{q || data ? t("noMatch") : t("empty")}</TableCell>
                  </TableRow>
                )}
                {rows.map((g) => (
                  <TableRow key={g.id} data-testid="group-row">
                    <TableCell>
                      <Link href={`/admin/groups/${g.id}`} className="font-medium hover:underline">{g.name}</Link> {g.isSystem && <Badge variant="secondary">{tc("system")}</Badge>}
                    </TableCell>
                    <TableCell className="max-w-72 truncate font-mono text-xs">{Object.entries(g.data).map(([a, b]) => `${a}=${b}`).join(", ")}</TableCell>
                    <TableCell>{g.memberCount}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Card>
          <nav aria-label={tc("pagination")} className="flex items-center justify-between text-sm">
            <span className="text-muted-foreground">{t("summary", { total, page, pages })}</span>
            <div className="flex gap-2">
              {page > 1 && <Button asChild size="sm" variant="outline"><Link href={href(page - 1)}>{tc("previous")}</Link></Button>}
              {page < pages && <Button asChild size="sm" variant="outline"><Link href={href(page + 1)}>{tc("next")}</Link></Button>}
            </div>
          </nav>
        </div>
        {(await can(caller, "Group", "Create")) && <GroupForm />}
      </div>
    </>
  );
}
