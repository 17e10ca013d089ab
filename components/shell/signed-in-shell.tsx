import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/i18n/client-messages";
import type { Caller } from "@/lib/authz/caller";
import { can } from "@/lib/authz/caller";
import { callerTenant, switchableTenants } from "@/lib/tenants/tenants";
import { findUserById } from "@/lib/users/records";
import { AppShell } from "./app-shell";
import { NAV } from "./nav";

/**
 * The shell around every signed-in page, and around the 404 page of a signed-in person (which Next
 * renders outside the (app) layout), so a missing page keeps the navigation. Its client parts get
 * the `shell` strings; a page below that needs more wraps itself in its own ClientMessages.
 */
export async function SignedInShell({ caller, children }: { caller: Caller; children: React.ReactNode }) {
  const user = (await findUserById(caller.userId))!;
  const tenant = await callerTenant(caller);
  const t = await getTranslations("shell");
  // Filter navigation on the server: a member's page never even lists admin links.
  const sections = [];
  for (const s of NAV) {
    const items = [];
    for (const { href, key, icon, permission, superAdmin } of s.items)
      if ((!permission || (await can(caller, ...permission))) && (!superAdmin || caller.isSuperAdmin)) items.push({ href, label: t(`nav.${key}`), icon });
    if (items.length > 0) sections.push({ title: t(`sections.${s.key}`), items });
  }
  return (
    <ClientMessages namespaces={["shell"]}>
      <AppShell sections={sections} user={{ email: user.email, name: user.fullName || user.email }} tenant={{ id: tenant.id, name: tenant.name }} tenants={await switchableTenants(caller)}>
        {children}
      </AppShell>
    </ClientMessages>
  );
}
