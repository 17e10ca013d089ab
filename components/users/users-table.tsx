"use client";

import { ArrowDown, ArrowUp, Download } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { lazy, Suspense, useState } from "react";
import { Avatar, AvatarFallback } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { UserQuery } from "@/lib/users/list";
import { PAGE_SIZES } from "@/lib/users/list-params";
import { usersHref } from "./url-state";

// The bar (a Radix menu and dialog, ~25 KB gzip) is needed once rows are selected: rendered (and
// so loaded) only then.
const BulkBar = lazy(() => import("./bulk-bar").then((m) => ({ default: m.BulkBar })));

export interface UserRowView {
  id: string;
  email: string;
  name: string;
  username: string | null;
  active: boolean;
  /** Has not accepted yet: an invitation to an existing account, or no password chosen yet. */
  invited: boolean;
  mfa: boolean;
  lastLoginAt: string | null;
  joinedAt: string;
  /** Roles held in this tenant (the default role for a member with none of their own). */
  roles: string[];
}

/** Up to two letters for the avatar: the name's first and last initials, else the address's first letter. */
export function initials(name: string, email: string) {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length ? [parts[0]!, parts[parts.length - 1]!].slice(0, parts.length > 1 ? 2 : 1).map((p) => [...p][0]!) : [[...email][0] ?? "?"];
  return letters.join("").toUpperCase();
}

/** Sortable columns; each label is admin.users.table.<key>. */
const COLUMNS: UserQuery["sort"][] = ["email", "name", "status", "lastLogin", "created"];

export function UsersTable({ query, rows, total, capped, next, previous, roles, groups }: { query: UserQuery; rows: UserRowView[]; total: number; capped: boolean; next?: string; previous?: string; roles: string[]; groups: { id: string; name: string }[] }) {
  const t = useTranslations("admin.users.table");
  const tc = useTranslations("admin.common");
  const format = useFormatter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  // The bar's code loads at the first selection and the bar then stays mounted: the report of a
  // finished action lives in it and must outlive the selection the action cleared.
  const [bulkLoaded, setBulkLoaded] = useState(false);
  if (!bulkLoaded && (selected.size > 0 || allMatching)) setBulkLoaded(true);
  const toggle = (id: string) => {
    setAllMatching(false);
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  };
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const exportHref = usersHref(query, { size: undefined, sort: undefined, dir: undefined }).replace("/admin/users", "/admin/users/export");
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="users-total">
          {capped ? t("moreThan", { total }) : t("total", { total })}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          {bulkLoaded && <Suspense fallback={null}><BulkBar ids={[...selected]} allMatching={allMatching} query={query} total={total} capped={capped} roles={roles} groups={groups} onDone={() => (setSelected(new Set()), setAllMatching(false))} /></Suspense>}
          <Button asChild variant="outline" size="sm">
            <a href={exportHref} download>
              <Download className="size-4" aria-hidden /> {t("exportCsv")}
            </a>
          </Button>
        </div>
      </div>
      {allOnPage && !allMatching && total > rows.length && (
        <p className="rounded-md bg-muted px-3 py-2 text-sm">
          {t("allOnPage", { count: rows.length })}{" "}
          <button className="font-medium underline" onClick={() => setAllMatching(true)}>
            {capped ? t("selectAllCapped", { total }) : t("selectAll", { total })}
          </button>
        </p>
      )}
      {allMatching && <p className="rounded-md bg-muted px-3 py-2 text-sm">{t("allMatching")}</p>}
      <Card className="p-0">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="w-10">
                <Checkbox
                  aria-label={t("selectPage")}
                  checked={allOnPage}
                  onCheckedChange={(v) => {
                    setAllMatching(false);
                    setSelected(v ? new Set(rows.map((r) => r.id)) : new Set());
                  }}
                />
              </TableHead>
              {COLUMNS.map((c) => {
                const active = query.sort === c;
                const nextDir = active && query.dir === "asc" ? "desc" : "asc";
                return (
                  <TableHead key={c} aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : "none"}>
                    <Link href={usersHref(query, { sort: c, dir: nextDir })} className="inline-flex items-center gap-1 hover:underline">
                      {t(`columns.${c}`)}
                      {active && (query.dir === "asc" ? <ArrowUp className="size-3" aria-hidden /> : <ArrowDown className="size-3" aria-hidden />)}
                    </Link>
                  </TableHead>
                );
              })}
              <TableHead>{t("role")}</TableHead>
              <TableHead>{t("mfa")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={8} className="py-10 text-center text-muted-foreground">
                  {t("empty")}
                </TableCell>
              </TableRow>
            )}
            {rows.map((u) => (
              <TableRow key={u.id} data-state={selected.has(u.id) || allMatching ? "selected" : undefined} data-testid="user-row">
                <TableCell>
                  <Checkbox aria-label={t("select", { email: u.email })} checked={allMatching || selected.has(u.id)} onCheckedChange={() => toggle(u.id)} />
                </TableCell>
                <TableCell>
                  <div className="flex items-center gap-2">
                    <Avatar className="size-7 text-xs" aria-hidden>
                      <AvatarFallback>{initials(u.name, u.email)}</AvatarFallback>
                    </Avatar>
                    <Link href={`/admin/users/${u.id}`} className="font-medium hover:underline">
                      {u.email}
                    </Link>
                  </div>
                </TableCell>
                <TableCell>{u.name || <span className="text-muted-foreground">—</span>}</TableCell>
                <TableCell>{!u.active ? <Badge variant="destructive">{t("disabled")}</Badge> : u.invited ? <Badge variant="outline">{t("invited")}</Badge> : <Badge variant="secondary">{t("active")}</Badge>}</TableCell>
                <TableCell className="whitespace-nowrap">{u.lastLoginAt ? <RelativeTime date={u.lastLoginAt} /> : <span className="text-muted-foreground">{t("never")}</span>}</TableCell>
                <TableCell>{format.dateTime(new Date(u.joinedAt), { dateStyle: "medium" })}</TableCell>
                <TableCell data-testid="user-roles">{u.roles.length ? u.roles.join(", ") : <span className="text-muted-foreground">—</span>}</TableCell>
                <TableCell>{u.mfa ? <Badge>{t("on")}</Badge> : <span className="text-muted-foreground">{t("off")}</span>}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
      <nav aria-label={tc("pagination")} className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <div className="flex items-center gap-2">
          <span className="text-muted-foreground">{t("rowsPerPage")}</span>
          {PAGE_SIZES.map((n) => (
            <Link key={n} href={usersHref(query, { size: n })} aria-current={query.size === n ? "page" : undefined} className={query.size === n ? "font-semibold underline" : "hover:underline"}>
              {n}
            </Link>
          ))}
        </div>
        <div className="flex items-center gap-2">
          {/* Keyset paging: each link carries the cursor of the row it continues from (no page numbers). */}
          {previous ? (
            <Button asChild variant="outline" size="sm">
              <Link href={usersHref(query, { before: previous })} rel="prev">{tc("previous")}</Link>
            </Button>
          ) : (
            <Button variant="outline" size="sm" disabled>{tc("previous")}</Button>
          )}
          {next ? (
            <Button asChild variant="outline" size="sm">
              <Link href={usersHref(query, { after: next })} rel="next">{tc("next")}</Link>
            </Button>
          ) : (
            <Button variant="outline" size="sm" disabled>{tc("next")}</Button>
          )}
        </div>
      </nav>
    </div>
  );
}
