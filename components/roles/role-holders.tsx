"use client";

import { Search } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState, useTransition } from "react";
import { roleHolderAction } from "@/app/(app)/admin/roles/actions";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { useActionToast } from "@/components/forms/use-action-toast";
import { UserPicker } from "@/components/groups/user-picker";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";

type Holder = { id: string; email: string; fullName: string | null };

/** `?holders=<page>&hq=<search>`, leaving out the defaults. */
const holdersHref = (page: number, search: string) => {
  const p = new URLSearchParams();
  if (page > 1) p.set("holders", String(page));
  if (search) p.set("hq", search);
  return `?${p.toString()}`;
};

/**
 * Users holding the role in this tenant, a page at a time, searchable (any part of email, name or
 * username, as you type), with assign and (confirmed) unassign.
 */
export function RoleHolders({ roleId, isDefault, holders, total, search, page, pageSize, canEdit }: { roleId: string; isDefault: boolean; holders: Holder[]; total: number; search: string; page: number; pageSize: number; canEdit: boolean }) {
  const t = useTranslations("admin.roles.holders");
  const tc = useTranslations("admin.common");
  const notify = useActionToast();
  const router = useRouter();
  const path = usePathname();
  const [pending, start] = useTransition();
  const [typed, setTyped] = useState(search);
  // Debounced: the URL (and the list) follows the box 300 ms after the last key.
  useEffect(() => {
    if (typed.trim() === search) return;
    const timer = setTimeout(() => router.replace(`${path}${holdersHref(1, typed.trim())}`, { scroll: false }), 300);
    return () => clearTimeout(timer);
  }, [typed, search, path, router]);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const change = (userId: string, assign: boolean) => notify(roleHolderAction({ id: roleId, userId, assign }), assign ? t("assigned") : t("unassigned"));
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>
          {search ? t("matching", { total, search }) : t("count", { total })}{isDefault ? t("alsoDefault") : "."}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {canEdit && (
          <UserPicker
            label={t("pickLabel")}
            placeholder={t("pickPlaceholder")}
            verb={t("pickVerb")}
            disabled={pending}
            isPicked={(id) => holders.some((h) => h.id === id)}
            onPick={(u) => start(() => change(u.id, true))}
          />
        )}
        <div className="relative">
          <Search className="absolute left-2.5 top-2.5 size-4 text-muted-foreground" aria-hidden />
          <Input aria-label={t("search")} placeholder={t("searchHint")} className="pl-8" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </div>
        <ul className="divide-y rounded-md border text-sm" data-testid="role-holders">
          {holders.length === 0 && <li className="p-3 text-muted-foreground">{search ? t("noMatch") : t("empty")}</li>}
          {holders.map((h) => (
            <li key={h.id} className="flex items-center justify-between gap-2 p-2">
              <Link href={`/admin/users/${h.id}`} className="hover:underline">
                {h.email}
                {h.fullName && <span className="text-muted-foreground"> · {h.fullName}</span>}
              </Link>
              {canEdit && (
                <ConfirmButton
                  label={<>{t("unassign")}<span className="sr-only"> {h.email}</span></>}
                  variant="ghost"
                  title={t("unassignTitle", { email: h.email })}
                  description={t("unassignDescription")}
                  confirmLabel={t("unassign")}
                  disabled={pending}
                  onConfirm={() => change(h.id, false)}
                />
              )}
            </li>
          ))}
        </ul>
        {pages > 1 && (
          <nav aria-label={t("pagination")} className="flex items-center justify-between text-sm">
            <span className="text-muted-foreground">{tc("pageOf", { page, pages })}</span>
            <div className="flex gap-2">
              {page > 1 && <Button asChild size="sm" variant="outline"><Link href={holdersHref(page - 1, search)}>{tc("previous")}</Link></Button>}
              {page < pages && <Button asChild size="sm" variant="outline"><Link href={holdersHref(page + 1, search)}>{tc("next")}</Link></Button>}
            </div>
          </nav>
        )}
      </CardContent>
    </Card>
  );
}
