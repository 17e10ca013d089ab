import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { z } from "zod";
import { RoleForm } from "@/components/roles/role-form";
import { RoleHolders } from "@/components/roles/role-holders";
import { RestoreRoleButton } from "@/components/roles/role-lifecycle";
import { RolePermissions } from "@/components/roles/role-permissions";
import { PageHeader } from "@/components/shell/page-header";
import { requireAdminPage } from "@/lib/auth/current";
import { can } from "@/lib/authz/caller";
import { stockDescriptionOf } from "@/lib/roles/built-in";
import { isAppError } from "@/lib/errors";
import { getRole, listHolders, listRoles } from "@/lib/roles/roles";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.roles"))("detailTitle") };
}

const HOLDERS_PAGE = 50;
const query = z.object({ holders: z.coerce.number().int().min(1).max(100_000).default(1).catch(1), hq: z.string().trim().max(200).optional().catch(undefined) });

export default async function RolePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string>> }) {
  const caller = await requireAdminPage("Role", "Read");
  const { holders: page, hq } = query.parse(await searchParams);
  let r;
  try {
    r = await getRole(caller, (await params).id, { includeRetired: true });
  } catch (e) {
    if (isAppError(e)) notFound();
    throw e;
  }
  const mayEdit = await can(caller, "Role", "Edit");
  const canEdit = mayEdit && !r.revokedAt;
  const permissions = r.permissions.filter((p) => !p.revokedAt);
  const mayRetire = await can(caller, "Role", "Delete");
  // Candidates for the default role when this one, the default, is retired.
  const others = r.isDefault && mayRetire ? (await listRoles(caller, { orderBy: "name", order: "ASC", records: 500 })).rows.filter((o) => o.id !== r.id).map((o) => ({ id: o.id, name: o.name })) : [];
  const t = await getTranslations("admin.roles");
  const format = await getFormatter();
  // A built-in role still carrying its stock description shows it translated (lib/roles/built-in.ts).
  const stock = stockDescriptionOf(r);
  const description = stock ? t(`builtInDescriptions.${stock}`) : r.description;
  const holders = (await can(caller, "User", "Read")) ? await listHolders(caller, r.id, { offset: (page - 1) * HOLDERS_PAGE, records: HOLDERS_PAGE, q: hq }) : undefined;
  return (
    <>
      <PageHeader title={r.name} description={r.revokedAt ? t("retiredAt", { date: format.dateTime(r.revokedAt, { dateStyle: "medium", timeStyle: "short" }) }) : description} actions={
          <div className="flex items-center gap-3">
            {r.revokedAt && mayRetire && <RestoreRoleButton role={{ id: r.id, name: r.name }} />}
            <Link className="text-sm underline" href="/admin/roles">{t("all")}</Link>
          </div>
        }
      />
      <div className="grid gap-6">
        <RoleForm
          // Remounts when permissions change elsewhere (a revoke) so the matrix never re-grants a stale pair.
          key={permissions.map((p) => `${p.resource}/${p.action}`).join()}
          readOnly={!mayEdit}
          others={others}
          role={{ id: r.id, name: r.name, description, storedDescription: stock ? r.description : undefined, isDefault: r.isDefault, isSystem: r.isSystem, retired: !!r.revokedAt, permissions }}
        />
        <div className="grid gap-6 lg:grid-cols-2">
          <RolePermissions roleId={r.id} permissions={permissions} canRevoke={canEdit && !(r.isSystem && r.name === "admin")} />
          {holders && <RoleHolders roleId={r.id} isDefault={r.isDefault} holders={holders.rows} total={holders.total} search={hq ?? ""} page={page} pageSize={HOLDERS_PAGE} canEdit={canEdit} />}
        </div>
      </div>
    </>
  );
}
