"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { createContext, Fragment, useContext, useEffect, useState } from "react";
import { Breadcrumb, BreadcrumbItem, BreadcrumbLink, BreadcrumbList, BreadcrumbPage, BreadcrumbSeparator } from "@/components/ui/breadcrumb";

/** Path segments with a fixed label (`shell.crumbs.*`); any other segment is a record's id. */
const LABELLED = new Set(["account", "password", "mfa", "sessions", "tokens", "passkeys", "admin", "users", "groups", "roles", "tenants", "audit", "outbox", "jobs", "vault", "backup", "settings", "pgp"]);
/** Segments that name a section but have no page of their own: shown, not linked. */
const NO_PAGE = new Set(["admin", "jobs"]);

type PageTitle = { path: string; title: string };
const TitleContext = createContext<{ title?: PageTitle; set: (t: PageTitle) => void }>({ set: () => {} });

/** Holds the title the current page's header shows, so a record's crumb reads its name. */
export function BreadcrumbTitleProvider({ children }: { children: React.ReactNode }) {
  const [title, set] = useState<PageTitle>();
  return <TitleContext.Provider value={{ title, set }}>{children}</TitleContext.Provider>;
}

/** Rendered by PageHeader: reports the page's title (a user's, group's, role's … name) to the breadcrumbs. */
export function ReportPageTitle({ title }: { title: string }) {
  const path = usePathname();
  const { set } = useContext(TitleContext);
  useEffect(() => set({ path, title }), [path, title, set]);
  return null;
}

/** Derived from the path; a record's id shows as the title its page reports. */
export function Breadcrumbs() {
  const t = useTranslations("shell");
  const pathname = usePathname();
  const { title } = useContext(TitleContext);
  const parts = pathname.split("/").filter(Boolean);
  return (
    <Breadcrumb className="hidden sm:block">
      <BreadcrumbList>
        {parts.map((p, i) => {
          const href = `/${parts.slice(0, i + 1).join("/")}`;
          const label = LABELLED.has(p) ? t(`crumbs.${p}`) : title?.path === href ? title.title : "…";
          const last = i === parts.length - 1;
          return (
            <Fragment key={href}>
              {i > 0 && <BreadcrumbSeparator />}
              <BreadcrumbItem>
                {last ? (
                  <BreadcrumbPage className="max-w-48 truncate">{label}</BreadcrumbPage>
                ) : NO_PAGE.has(p) ? (
                  label
                ) : (
                  <BreadcrumbLink asChild><Link href={href}>{label}</Link></BreadcrumbLink>
                )}
              </BreadcrumbItem>
            </Fragment>
          );
        })}
      </BreadcrumbList>
    </Breadcrumb>
  );
}
