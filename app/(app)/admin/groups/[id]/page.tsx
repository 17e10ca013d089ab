import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { DeleteGroupButton } from "@/components/groups/delete-group-button";
import { GroupForm } from "@/components/groups/group-form";
import { GroupMembers } from "@/components/groups/group-members";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { requireAdminPage } from "@/lib/auth/current";
import { can } from "@/lib/authz/caller";
import { isAppError } from "@/lib/errors";
import { getGroup, listMembers } from "@/lib/groups/groups";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.groups"))("detailTitle") };
}

export default async function GroupPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requireAdminPage("Group", "Read");
  let g;
  try {
    g = await getGroup(caller, (await params).id);
  } catch (e) {
    if (isAppError(e)) notFound();
    throw e;
  }
  const canEdit = await can(caller, "Group", "Edit");
  const canDelete = await can(caller, "Group", "Delete");
  const members = await listMembers(caller, g.id);
  const t = await getTranslations("admin.groups");
  const tc = await getTranslations("admin.common");
  return (
    <>
      <PageHeader
        title={g.name}
        description={g.isSystem ? t("systemDescription") : t("detailTitle")}
        actions={
          <div className="flex items-center gap-3">
            {g.isSystem && <Badge variant="secondary" data-testid="system-badge">{tc("system")}</Badge>}
            <Link className="text-sm underline" href="/admin/groups">{t("all")}</Link>
            {canDelete && !g.isSystem && <DeleteGroupButton group={{ id: g.id, name: g.name }} />}
          </div>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        {canEdit && <GroupForm group={{ id: g.id, name: g.name, data: g.data }} />}
        <GroupMembers groupId={g.id} members={members} canEdit={canEdit} />
      </div>
    </>
  );
}
