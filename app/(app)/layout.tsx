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
  const user = findUserById(caller.userId)!;
  const tenant = callerTenant(caller);
  // Filter navigation on the server: a member's page never even lists admin links.
  const sections = NAV.map((s) => ({
    title: s.title,
    items: s.items
      .filter((i) => (!i.permission || can(caller, ...i.permission)) && (!i.superAdmin || caller.isSuperAdmin))
      .map(({ href, label, icon }) => ({ href, label, icon })),
  })).filter((s) => s.items.length > 0);
  return (
    <AppShell sections={sections} user={{ email: user.email, name: user.fullName || user.email }} tenant={{ id: tenant.id, name: tenant.name }} tenants={switchableTenants(caller)}>
      {children}
    </AppShell>
  );
}
