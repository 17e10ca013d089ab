"use client";

import { ShieldCheck } from "lucide-react";
import Link from "next/link";
import { NavPending } from "./nav-pending";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";
import { Breadcrumbs } from "./breadcrumbs";
import { NavIcon } from "./nav-icon";
import { TenantSwitcher } from "./tenant-switcher";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

export interface ShellSection {
  title: string;
  items: { href: string; label: string; icon: string }[];
}

export function AppShell({
  sections,
  user,
  tenant,
  tenants,
  children,
}: {
  sections: ShellSection[];
  user: { email: string; name: string };
  tenant: { id: string; name: string };
  tenants: { id: string; name: string }[];
  children: React.ReactNode;
}) {
  const pathname = usePathname();
  // The longest nav entry containing the path wins, so /vault/backup lights "Backup", not "Passwords".
  const matches = (href: string) => pathname === href || (href !== "/account" && pathname.startsWith(`${href}/`));
  const current = sections.flatMap((s) => s.items.map((i) => i.href)).filter(matches).sort((a, b) => b.length - a.length)[0];
  const active = (href: string) => href === current;
  return (
    <div className="flex min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-background focus:px-3 focus:py-2">
        Skip to content
      </a>
      <aside className="hidden w-60 shrink-0 border-r bg-muted/30 md:block">
        <div className="flex h-14 items-center gap-2 border-b px-4 font-semibold">
          <ShieldCheck className="size-5 text-primary" aria-hidden />
          IAM Console
        </div>
        <nav aria-label="Main" className="grid gap-6 p-3">
          {sections.map((s) => (
            <div key={s.title} className="grid gap-1">
              <p className="px-2 text-xs font-medium uppercase tracking-wide text-muted-foreground">{s.title}</p>
              {s.items.map((i) => (
                <Link
                  key={i.href}
                  href={i.href}
                  aria-current={active(i.href) ? "page" : undefined}
                  className={cn(
                    "flex items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-accent hover:text-accent-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                    active(i.href) && "bg-accent font-medium text-accent-foreground",
                  )}
                >
                  <NavIcon name={i.icon} />
                  {i.label}
                  <NavPending />
                </Link>
              ))}
            </div>
          ))}
        </nav>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-between gap-4 border-b px-4">
          <div className="flex items-center gap-4 text-sm">
            <Breadcrumbs />
            <span className="text-muted-foreground">Tenant</span>
            <TenantSwitcher current={tenant} tenants={tenants} />
          </div>
          <div className="flex items-center gap-1">
            <ThemeToggle />
            <UserMenu user={user} />
          </div>
        </header>
        <nav aria-label="Mobile" className="flex gap-2 overflow-x-auto border-b px-4 py-2 md:hidden">
          {sections.flatMap((s) => s.items).map((i) => (
            <Link key={i.href} href={i.href} className="whitespace-nowrap text-sm underline-offset-4 hover:underline">
              {i.label}
            </Link>
          ))}
        </nav>
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 p-4 md:p-8">
          {children}
        </main>
      </div>
    </div>
  );
}
