import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RoleForm } from "@/components/roles/role-form";
import { PageHeader } from "@/components/shell/page-header";
import { requireAdminPage } from "@/lib/auth/current";
import { can } from "@/lib/authz/caller";
import { isAppError } from "@/lib/errors";
import { getRole } from "@/lib/roles/roles";

export const metadata: Metadata = { title: "Role" };

export default async function RolePage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requireAdminPage("Role", "Read");
  let r;
  try {
    r = getRole(caller, (await params).id, { includeRetired: true });
  } catch (e) {
    if (isAppError(e)) notFound();
    throw e;
  }
  return (
    <>
      <PageHeader title={r.name} description={r.revokedAt ? `Retired ${r.revokedAt.toLocaleString()}` : r.description} actions={<Link className="text-sm underline" href="/admin/roles">All roles</Link>} />
      <RoleForm
        readOnly={!can(caller, "Role", "Edit")}
        role={{ id: r.id, name: r.name, description: r.description, isDefault: r.isDefault, isSystem: r.isSystem, retired: !!r.revokedAt, permissions: r.permissions.filter((p) => !p.revokedAt) }}
      />
    </>
  );
}
