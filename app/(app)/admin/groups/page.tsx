import type { Metadata } from "next";
import Link from "next/link";
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

export const metadata: Metadata = { title: "Groups" };

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
  const href = (p: number) => `/admin/groups?${new URLSearchParams({ ...(q ? { q } : {}), ...(data ? { data } : {}), page: String(p) })}`;
  return (
    <>
      <PageHeader title="Groups" description="Groups collect users and carry free-form data other applications can search." />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="grid content-start gap-3">
          <form className="flex flex-wrap gap-2" role="search">
            <Input name="q" defaultValue={q} placeholder="Search by name" aria-label="Search groups by name" className="w-56" />
            <Input name="data" defaultValue={data} placeholder="key=value" aria-label="Search groups by data" className="w-56" />
            <Button type="submit" variant="secondary">Search</Button>
          </form>
          <Card className="p-0">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Name</TableHead>
                  <TableHead>Data</TableHead>
                  <TableHead>Members</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={3} className="py-10 text-center text-muted-foreground">{q || data ? "No groups match." : "No groups yet."}</TableCell>
                  </TableRow>
                )}
                {rows.map((g) => (
                  <TableRow key={g.id} data-testid="group-row">
                    <TableCell>
                      <Link href={`/admin/groups/${g.id}`} className="font-medium hover:underline">{g.name}</Link> {g.isSystem && <Badge variant="secondary">System</Badge>}
                    </TableCell>
                    <TableCell className="max-w-72 truncate font-mono text-xs">{Object.entries(g.data).map(([a, b]) => `${a}=${b}`).join(", ")}</TableCell>
                    <TableCell>{g.memberCount}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Card>
          <nav aria-label="Pagination" className="flex items-center justify-between text-sm">
            <span className="text-muted-foreground">{total} group(s) · page {page} of {pages}</span>
            <div className="flex gap-2">
              {page > 1 && <Button asChild size="sm" variant="outline"><Link href={href(page - 1)}>Previous</Link></Button>}
              {page < pages && <Button asChild size="sm" variant="outline"><Link href={href(page + 1)}>Next</Link></Button>}
            </div>
          </nav>
        </div>
        {(await can(caller, "Group", "Create")) && <GroupForm />}
      </div>
    </>
  );
}
