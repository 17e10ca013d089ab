import { redirect } from "next/navigation";
import { AppShell } from "@/components/shell/app-shell";
import { NAV } from "@/components/shell/nav";
import { can } from "@/lib/authz/caller";
import { currentCaller } from "@/lib/auth/current";
import { callerTenant, switchableTenants } from "@/lib/tenants/tenants";
import { findUserById } from "@/lib/users/records";

// Every page below reads the database per request.
export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const caller = await currentCaller();
  if (!caller) redirect("/login");
  const user = (await findUserById(caller.userId))!;
  const tenant = await callerTenant(caller);
  // Filter navigation on the server: a member's page never even lists admin links.
  const sections = [];
  for (const s of NAV) {
    const items = [];
    for (const { href, label, icon, permission, superAdmin } of s.items)
      if ((!permission || (await can(caller, ...permission))) && (!superAdmin || caller.isSuperAdmin)) items.push({ href, label, icon });
    if (items.length > 0) sections.push({ title: s.title, items });
  }
  return (
    <AppShell sections={sections} user={{ email: user.email, name: user.fullName || user.email }} tenant={{ id: tenant.id, name: tenant.name }} tenants={await switchableTenants(caller)}>
      {children}
    </AppShell>
  );
}
