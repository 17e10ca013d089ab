"use client";

import { ShieldCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { BreadcrumbTitleProvider, Breadcrumbs } from "./breadcrumbs";
import { MobileNav } from "./mobile-nav";
import { SectionNav, type ShellSection } from "./section-nav";
import { TenantSwitcher } from "./tenant-switcher";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

export type { ShellSection };

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
  const t = useTranslations("shell");
  return (
    <BreadcrumbTitleProvider>
      <div className="flex min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-background focus:px-3 focus:py-2">
          {t("skipToContent")}
        </a>
        <aside className="hidden w-60 shrink-0 border-r bg-muted/30 md:block">
          <div className="flex h-14 items-center gap-2 border-b px-4 font-semibold">
            <ShieldCheck className="size-5 text-primary" aria-hidden />
            IAM Console
          </div>
          <SectionNav sections={sections} label={t("mainNav")} />
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="flex h-14 items-center justify-between gap-2 border-b px-2 md:gap-4 md:px-4">
            <div className="flex min-w-0 items-center gap-2 text-sm md:gap-4">
              <MobileNav sections={sections} />
              <Breadcrumbs />
              <span className="hidden text-muted-foreground sm:inline">{t("tenant")}</span>
              <TenantSwitcher current={tenant} tenants={tenants} />
            </div>
            <div className="flex shrink-0 items-center gap-1">
              <ThemeToggle />
              <UserMenu user={user} />
            </div>
          </header>
          <main id="main" className="mx-auto w-full min-w-0 max-w-6xl flex-1 p-4 md:p-8">
            {children}
          </main>
        </div>
      </div>
    </BreadcrumbTitleProvider>
  );
}
