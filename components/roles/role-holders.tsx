"use client";

import { Search } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
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
  const notify = useActionToast();
  const router = useRouter();
  const path = usePathname();
  const [pending, start] = useTransition();
  const [typed, setTyped] = useState(search);
  // Debounced: the URL (and the list) follows the box 300 ms after the last key.
  useEffect(() => {
    if (typed.trim() === search) return;
    const t = setTimeout(() => router.replace(`${path}${holdersHref(1, typed.trim())}`, { scroll: false }), 300);
    return () => clearTimeout(t);
  }, [typed, search, path, router]);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const change = (userId: string, assign: boolean) => notify(roleHolderAction({ id: roleId, userId, assign }), assign ? "Role assigned; it applies on the user's next request" : "Role unassigned");
  return (
    <Card>
      <CardHeader>
        <CardTitle>Holders</CardTitle>
        <CardDescription>
          {search ? `${total} holder(s) match “${search}”` : `${total} user(s) hold this role`}{isDefault && "; members without an explicit role also get it as the default role"}.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {canEdit && (
          <UserPicker
            label="Find a user to assign"
            placeholder="Assign to: type an email or name"
            verb="Assign to"
            disabled={pending}
            isPicked={(id) => holders.some((h) => h.id === id)}
            onPick={(u) => start(() => change(u.id, true))}
          />
        )}
        <div className="relative">
          <Search className="absolute left-2.5 top-2.5 size-4 text-muted-foreground" aria-hidden />
          <Input aria-label="Search holders" placeholder="Search holders by any part of email or name" className="pl-8" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </div>
        <ul className="divide-y rounded-md border text-sm" data-testid="role-holders">
          {holders.length === 0 && <li className="p-3 text-muted-foreground">{search ? "No holder matches this search." : "Nobody holds this role explicitly."}</li>}
          {holders.map((h) => (
            <li key={h.id} className="flex items-center justify-between gap-2 p-2">
              <Link href={`/admin/users/${h.id}`} className="hover:underline">
                {h.email}
                {h.fullName && <span className="text-muted-foreground"> · {h.fullName}</span>}
              </Link>
              {canEdit && (
                <ConfirmButton
                  label={<>Unassign<span className="sr-only"> {h.email}</span></>}
                  variant="ghost"
                  title={`Take this role from ${h.email}?`}
                  description="They lose its permissions on their next request."
                  confirmLabel="Unassign"
                  disabled={pending}
                  onConfirm={() => change(h.id, false)}
                />
              )}
            </li>
          ))}
        </ul>
        {pages > 1 && (
          <nav aria-label="Holders pagination" className="flex items-center justify-between text-sm">
            <span className="text-muted-foreground">page {page} of {pages}</span>
            <div className="flex gap-2">
              {page > 1 && <Button asChild size="sm" variant="outline"><Link href={holdersHref(page - 1, search)}>Previous</Link></Button>}
              {page < pages && <Button asChild size="sm" variant="outline"><Link href={holdersHref(page + 1, search)}>Next</Link></Button>}
            </div>
          </nav>
        )}
      </CardContent>
    </Card>
  );
}
