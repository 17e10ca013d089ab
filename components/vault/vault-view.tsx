"use client";

import { FolderPlus, KeyRound, Search, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { lazy, useEffect, useState, useTransition } from "react";
import { toast } from "sonner";
import { useActionToast } from "@/components/forms/use-action-toast";
import { addGroupAction, removeEntryAction, removeGroupAction } from "@/app/(app)/vault/actions";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { OnIntent } from "@/components/forms/on-intent";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import { DEFAULT_PAGE_SIZE, PAGE_SIZES, type EntryView, type Paging, type VaultSettings } from "./types";

// The entry and generator dialogs load on first use (see OnIntent): not in the vault's first load.
const loadEntryDialog = () => import("./entry-dialog");
const EntryDialog = lazy(() => loadEntryDialog().then((m) => ({ default: m.EntryDialog })));
const loadGenerateDialog = () => import("./generate-dialog");
const GenerateDialog = lazy(() => loadGenerateDialog().then((m) => ({ default: m.GenerateDialog })));

type Group = { id: string; name: string; parentId: string | null };

/**
 * The vault's URL state: the group, a search inside it (or in every group with `all`), the page
 * and the page size (defaults left out).
 */
function vaultHref(at: { group?: string; q?: string; all?: boolean; page?: number; size: number }) {
  const p = new URLSearchParams();
  if (at.group) p.set("group", at.group);
  if (at.q) p.set("q", at.q);
  if (at.q && at.all) p.set("all", "1");
  if (at.page && at.page > 1) p.set("page", String(at.page));
  if (at.size !== DEFAULT_PAGE_SIZE) p.set("size", String(at.size));
  const qs = p.toString();
  return qs ? `/vault?${qs}` : "/vault";
}

export function VaultView({ groups, currentGroup, query, allGroups, paging, entries, settings }: { groups: Group[]; currentGroup: string; query: string; allGroups: boolean; paging: Paging; entries: EntryView[]; settings: VaultSettings }) {
  const t = useTranslations("vault");
  const te = useTranslations("vault.entry");
  const tg = useTranslations("vault.generate");
  const addButton = <Button size="sm">{te("add")}</Button>;
  const editButton = <Button size="sm" variant="ghost">{te("edit")}</Button>;
  const generateButton = (
    <Button size="sm" variant="outline">
      <KeyRound className="size-4" aria-hidden /> {tg("open")}
    </Button>
  );
  const router = useRouter();
  const notify = useActionToast();
  const [q, setQ] = useState(query);
  const [searching, startSearch] = useTransition();
  // Search as you type: the URL follows the box 300 ms after the last key, keeping the group.
  useEffect(() => {
    if (q.trim() === query) return;
    const t = setTimeout(() => startSearch(() => router.replace(vaultHref({ group: currentGroup, q: q.trim(), all: allGroups, size: paging.size }), { scroll: false })), 300);
    return () => clearTimeout(t);
  }, [q, query, currentGroup, allGroups, paging.size, router]);
  const [newGroup, setNewGroup] = useState("");
  const [pending, start] = useTransition();
  const depth = (g: Group): number => (g.parentId ? 1 + depth(groups.find((x) => x.id === g.parentId) ?? { ...g, parentId: null }) : 0);
  const current = groups.find((g) => g.id === currentGroup)!;
  const here = { group: currentGroup, q: query, all: allGroups, size: paging.size };
  const pages = Math.max(1, Math.ceil(paging.total / paging.size));
  const first = paging.total ? (paging.page - 1) * paging.size + 1 : 0;
  return (
    <div className="grid gap-6 md:grid-cols-[16rem_1fr]">
      <Card className="content-start gap-3 p-3">
        <nav aria-label={t("groups")}>
          <ul className="grid gap-0.5 text-sm">
            {groups.map((g) => (
              <li key={g.id} style={{ paddingLeft: depth(g) * 12 }}>
                <Link href={vaultHref({ group: g.id, q: query, all: allGroups, size: paging.size })} aria-current={g.id === currentGroup ? "page" : undefined} className={cn("block rounded px-2 py-1 hover:bg-accent", g.id === currentGroup && "bg-accent font-medium")}>
                  {g.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <form
          method="post"
          className="flex gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            start(async () => {
              const res = await addGroupAction({ name: newGroup, parentId: current.id });
              if (!res.ok) return void toast.error(res.message);
              setNewGroup("");
              toast.success(t("groupAdded"));
              router.push(`/vault?group=${res.data.id}`);
            });
          }}
        >
          <Input aria-label={t("newSubgroup", { group: current.name })} placeholder={t("subgroupOf", { group: current.name })} value={newGroup} onChange={(e) => setNewGroup(e.target.value)} />
          <Button type="submit" size="icon" variant="outline" aria-label={t("addSubgroup")} disabled={!newGroup.trim() || pending}>
            <FolderPlus className="size-4" aria-hidden />
          </Button>
        </form>
        <form
          method="post"
          onSubmit={(e) => {
            e.preventDefault();
            start(async () => {
              const res = await addGroupAction({ name: newGroup, parentId: null });
              if (!res.ok) return void toast.error(res.message);
              setNewGroup("");
              router.push(`/vault?group=${res.data.id}`);
            });
          }}
        >
          <Button type="submit" variant="ghost" size="sm" disabled={!newGroup.trim() || pending}>{t("addTopLevel")}</Button>
        </form>
        <ConfirmButton
          label={<><Trash2 className="size-4" aria-hidden /> {t("removeGroup", { group: current.name })}</>}
          title={t("removeGroupTitle", { group: current.name })}
          description={t("removeGroupBody")}
          confirmLabel={t("removeGroupConfirm")}
          onConfirm={async () => {
            const res = await removeGroupAction({ id: current.id });
            if (!res.ok) return void toast.error(res.message);
            toast.success(t("entriesRemoved", { count: res.data.removed }));
            router.push("/vault");
          }}
        />
      </Card>
      <div className="grid content-start gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <form
            className="relative flex-1"
            role="search"
            aria-busy={searching}
            onSubmit={(e) => {
              e.preventDefault();
              startSearch(() => router.replace(vaultHref({ group: currentGroup, q: q.trim(), all: allGroups, size: paging.size })));
            }}
          >
            <Search className="absolute left-2.5 top-2.5 size-4 text-muted-foreground" aria-hidden />
            <Input aria-label={t("search")} placeholder={t("search")} className="pl-8" value={q} onChange={(e) => setQ(e.target.value)} />
          </form>
          <OnIntent load={loadEntryDialog} trigger={addButton}>
            <EntryDialog groupId={currentGroup} defaults={{ length: settings.defaultLength, complexity: settings.defaultComplexity }} trigger={addButton} defaultOpen />
          </OnIntent>
        </div>
        <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted-foreground">
          {query ? (
            <p className="flex flex-wrap items-center gap-2">
              <span>{allGroups ? t("resultsAll", { query }) : t("resultsIn", { query, group: current.name })}</span>
              <Link className="underline" href={vaultHref({ ...here, all: !allGroups, page: undefined })}>
                {allGroups ? t("onlyIn", { group: current.name }) : t("searchAll")}
              </Link>
            </p>
          ) : (
            <p>{current.name}</p>
          )}
          <p aria-live="polite" data-testid="vault-showing">
            {paging.total ? t("showing", { first, last: first + entries.length - 1, total: paging.total }) : t("noEntries")}
          </p>
        </div>
        <Card className="p-0">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("host")}</TableHead>
                <TableHead>{t("account")}</TableHead>
                <TableHead>{t("options")}</TableHead>
                <TableHead>{t("renewed")}</TableHead>
                <TableHead className="text-right">{t("actions")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {entries.length === 0 && (
                <TableRow>
                  <TableCell colSpan={5} className="py-10 text-center text-muted-foreground">{query ? t("nothingMatches") : t("emptyGroup")}</TableCell>
                </TableRow>
              )}
              {entries.map((e) => (
                <TableRow key={e.id} data-testid="vault-entry">
                  <TableCell className="font-medium">{e.host}</TableCell>
                  <TableCell>{e.account}</TableCell>
                  <TableCell className="text-xs text-muted-foreground">
                    {t("entryOptions", { length: e.length, level: e.complexity })} {!e.generatedBefore && <Badge variant="secondary">{t("new")}</Badge>}
                  </TableCell>
                  <TableCell>{e.lastRenewal || "—"}</TableCell>
                  <TableCell className="flex justify-end gap-1">
                    <OnIntent load={loadGenerateDialog} trigger={generateButton}>
                      <GenerateDialog entry={e} settings={settings} trigger={generateButton} defaultOpen />
                    </OnIntent>
                    <OnIntent load={loadEntryDialog} trigger={editButton}>
                      <EntryDialog groupId={e.groupId} entry={e} defaults={{ length: e.length, complexity: e.complexity }} trigger={editButton} defaultOpen />
                    </OnIntent>
                    <ConfirmButton
                      label={t("remove")}
                      title={t("removeEntryTitle", { entry: e.host || e.account })}
                      description={t("removeEntryBody")}
                      confirmLabel={t("remove")}
                      onConfirm={() => notify(removeEntryAction({ id: e.id }), t("entryRemoved"))}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
        <nav aria-label={t("pagination")} className="flex flex-wrap items-center justify-between gap-2 text-sm">
          <div className="flex items-center gap-2">
            <span className="text-muted-foreground">{t("rowsPerPage")}</span>
            {PAGE_SIZES.map((n) => (
              <Link key={n} href={vaultHref({ ...here, size: n })} aria-current={paging.size === n ? "page" : undefined} className={paging.size === n ? "font-semibold underline" : "hover:underline"}>
                {n}
              </Link>
            ))}
          </div>
          <div className="flex items-center gap-2">
            <span className="text-muted-foreground">{t("page", { page: paging.page, pages })}</span>
            {paging.page > 1 && (
              <Button asChild variant="outline" size="sm">
                <Link href={vaultHref({ ...here, page: paging.page - 1 })}>{t("previous")}</Link>
              </Button>
            )}
            {paging.page < pages && (
              <Button asChild variant="outline" size="sm">
                <Link href={vaultHref({ ...here, page: paging.page + 1 })}>{t("next")}</Link>
              </Button>
            )}
          </div>
        </nav>
      </div>
    </div>
  );
}
