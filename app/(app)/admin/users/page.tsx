import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CreateUserButton } from "@/components/users/create-user-button";
import { UsersTable } from "@/components/users/users-table";
import { UsersToolbar } from "@/components/users/users-toolbar";
import { PageHeader } from "@/components/shell/page-header";
import { requireAdminPage } from "@/lib/auth/current";
import { can } from "@/lib/authz/caller";
import { listGroups } from "@/lib/groups/groups";
import { listRoles } from "@/lib/roles/roles";
import { listUsers, userQuerySchema } from "@/lib/users/list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.users"))("title") };
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const caller = await requireAdminPage("User", "Read");
  const query = userQuerySchema.parse(await searchParams);
  const { rows, total, capped, next, previous } = await listUsers(caller, query);
  const roleNames = (await can(caller, "Role", "Read")) ? (await listRoles(caller, { records: 500, orderBy: "name", order: "ASC" })).rows.map((r) => r.name) : [];
  const groups = (await can(caller, "Group", "Read")) ? (await listGroups(caller, { pageSize: 200 })).rows.map((g) => ({ id: g.id, name: g.name })) : [];
  const canCreate = await can(caller, "User", "Create");
  const t = await getTranslations("admin.users");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={canCreate ? <CreateUserButton roles={roleNames} /> : null} />
      <UsersToolbar query={query} roles={roleNames} groups={groups} />
      <UsersTable
        key={JSON.stringify(query)} // a new filter, page or sort starts with nothing selected: no hidden selected ids
        query={query}
        total={total}
        capped={capped}
        next={next}
        previous={previous}
        roles={roleNames}
        groups={groups}
        rows={rows.map((u) => ({ id: u.id, email: u.email, name: u.fullName, username: u.username, active: u.active, invited: u.invited, mfa: u.mfaEnrolled, lastLoginAt: u.lastLoginAt?.toISOString() ?? null, joinedAt: u.joinedAt.toISOString(), roles: u.roles }))}
      />
    </>
  );
}
