"use client";

import { Search, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { UserQuery } from "@/lib/users/list";
import { usersHref } from "./url-state";

const selectClass = "h-9 rounded-md border border-input bg-transparent px-2 text-sm shadow-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring dark:bg-input/30";

/** Search and filters; every change goes into the URL (back to the first page). */
export function UsersToolbar({ query, roles, groups }: { query: UserQuery; roles: string[]; groups: { id: string; name: string }[] }) {
  const t = useTranslations("admin.users.toolbar");
  const tc = useTranslations("admin.common");
  const router = useRouter();
  const [q, setQ] = useState(query.q ?? "");
  const [pending, start] = useTransition();
  const first = useRef(true);
  const go = (change: Partial<Record<keyof UserQuery, string | undefined>>) => start(() => router.replace(usersHref(query, change)));

  // Debounced search-as-you-type.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => go({ q: q || undefined }), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  const filtered = query.q || query.status || query.role || query.group || query.mfa || query.loginFrom || query.loginTo;
  return (
    <div className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-busy={pending}>
      <div className="relative min-w-64 flex-1">
        <Search className="absolute left-2.5 top-2.5 size-4 text-muted-foreground" aria-hidden />
        <Input aria-label={t("search")} placeholder={t("searchHint")} className="pl-8" value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="f-status" className="text-xs text-muted-foreground">{t("status")}</Label>
        <select id="f-status" className={selectClass} value={query.status ?? ""} onChange={(e) => go({ status: e.target.value || undefined })}>
          <option value="">{tc("any")}</option>
          <option value="active">{tc("active")}</option>
          <option value="disabled">{tc("disabled")}</option>
        </select>
      </div>
      <div className="grid gap-1">
        <Label htmlFor="f-role" className="text-xs text-muted-foreground">{tc("role")}</Label>
        <select id="f-role" className={selectClass} value={query.role ?? ""} onChange={(e) => go({ role: e.target.value || undefined })}>
          <option value="">{tc("any")}</option>
          {roles.map((r) => (
            <option key={r} value={r}>{r}</option>
          ))}
        </select>
      </div>
      <div className="grid gap-1">
        <Label htmlFor="f-group" className="text-xs text-muted-foreground">{tc("group")}</Label>
        <select id="f-group" className={selectClass} value={query.group ?? ""} onChange={(e) => go({ group: e.target.value || undefined })}>
          <option value="">{tc("any")}</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>{g.name}</option>
          ))}
        </select>
      </div>
      <div className="grid gap-1">
        <Label htmlFor="f-mfa" className="text-xs text-muted-foreground">{t("mfa")}</Label>
        <select id="f-mfa" className={selectClass} value={query.mfa ?? ""} onChange={(e) => go({ mfa: e.target.value || undefined })}>
          <option value="">{tc("any")}</option>
          <option value="yes">{t("enrolled")}</option>
          <option value="no">{t("notEnrolled")}</option>
        </select>
      </div>
      <div className="grid gap-1">
        <Label htmlFor="f-from" className="text-xs text-muted-foreground">{t("loginFrom")}</Label>
        <Input id="f-from" type="date" className="h-9 w-40" value={query.loginFrom ?? ""} onChange={(e) => go({ loginFrom: e.target.value || undefined })} />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="f-to" className="text-xs text-muted-foreground">{t("loginTo")}</Label>
        <Input id="f-to" type="date" className="h-9 w-40" value={query.loginTo ?? ""} onChange={(e) => go({ loginTo: e.target.value || undefined })} />
      </div>
      {filtered && (
        <Button
          variant="ghost"
          onClick={() => {
            setQ("");
            start(() => router.replace("/admin/users"));
          }}
        >
          <X className="size-4" aria-hidden /> {t("clear")}
        </Button>
      )}
    </div>
  );
}
