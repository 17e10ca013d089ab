"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { searchUsersAction } from "@/app/(app)/admin/groups/actions";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

type Found = { id: string; email: string };

/** Type-ahead over the tenant's users (server-side search); `verb` labels each result's button. */
export function UserPicker({ label, placeholder, verb, disabled, isPicked, onPick }: { label: string; placeholder: string; verb: string; disabled?: boolean; isPicked?: (id: string) => boolean; onPick: (u: Found) => void }) {
  const t = useTranslations("admin.groups.picker");
  const [q, setQ] = useState("");
  const [results, setResults] = useState<Found[]>([]);

  // Server-side search as you type (debounced).
  useEffect(() => {
    if (!q.trim()) return;
    const timer = setTimeout(() => {
      void searchUsersAction({ q }).then((res) => setResults(res.ok ? res.data : []));
    }, 250);
    return () => clearTimeout(timer);
  }, [q]);

  return (
    <div className="grid gap-2">
      <Input aria-label={label} placeholder={placeholder} value={q} onChange={(e) => setQ(e.target.value)} />
      {q.trim() && (
        <ul className="grid gap-1 rounded-md border p-1" aria-label={t("results")}>
          {results.length === 0 && <li className="px-2 py-1 text-sm text-muted-foreground">{t("none")}</li>}
          {results.map((u) => (
            <li key={u.id} className="flex items-center justify-between gap-2 px-2 py-1 text-sm">
              <span>{u.email}</span>
              <Button size="sm" variant="outline" disabled={disabled || isPicked?.(u.id)} onClick={() => (onPick(u), setQ(""))}>
                {verb} {u.email}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
