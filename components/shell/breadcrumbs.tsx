"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { Fragment } from "react";
import { Breadcrumb, BreadcrumbItem, BreadcrumbLink, BreadcrumbList, BreadcrumbPage, BreadcrumbSeparator } from "@/components/ui/breadcrumb";

const LABELS: Record<string, string> = {
  account: "Account", password: "Password & email", mfa: "Two-factor", sessions: "Sessions", tokens: "API tokens",
  admin: "Administration", users: "Users", groups: "Groups", roles: "Roles", tenants: "Tenants", audit: "Audit log", outbox: "Outbox", jobs: "Jobs",
  vault: "Passwords", backup: "Backup", settings: "Settings", pgp: "PGP key",
};

/** Derived from the path; ids show as "Details". */
export function Breadcrumbs() {
  const parts = usePathname().split("/").filter(Boolean);
  return (
    <Breadcrumb className="hidden sm:block">
      <BreadcrumbList>
        {parts.map((p, i) => {
          const href = `/${parts.slice(0, i + 1).join("/")}`;
          const label = LABELS[p] ?? "Details";
          const last = i === parts.length - 1;
          return (
            <Fragment key={href}>
              {i > 0 && <BreadcrumbSeparator />}
              <BreadcrumbItem>
                {last || p === "admin" ? <BreadcrumbPage>{label}</BreadcrumbPage> : <BreadcrumbLink asChild><Link href={href}>{label}</Link></BreadcrumbLink>}
              </BreadcrumbItem>
            </Fragment>
          );
        })}
      </BreadcrumbList>
    </Breadcrumb>
  );
}
