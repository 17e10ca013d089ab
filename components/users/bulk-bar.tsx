"use client";

import { ChevronDown } from "lucide-react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { bulkUsersAction, countMatchingAction } from "@/app/(app)/admin/users/actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { BulkAction, BulkSkip } from "@/lib/users/bulk";
import type { UserQuery } from "@/lib/users/list";

/** The menu, in this order; each action's words are admin.users.bulk.{menu,confirm,done}.<action>. */
const ACTIONS: BulkAction[] = ["activate", "deactivate", "forceMfa", "resetMfa", "removeMfa", "setPin", "assignRole", "removeRole", "addGroup", "removeGroup", "delete"];
const DESTRUCTIVE: BulkAction[] = ["delete", "resetMfa", "removeMfa", "deactivate"];

export function BulkBar({ ids, allMatching, query, total, capped, roles, groups, onDone }: { ids: string[]; allMatching: boolean; query: UserQuery; total: number; capped: boolean; roles: string[]; groups: { id: string; name: string }[]; onDone: () => void }) {
  const t = useTranslations("admin.users.bulk");
  const tc = useTranslations("admin.common");
  const format = useFormatter();
  const users = (count: number) => t("users", { count });
  /** lib reports a code (and its parameters) per reason; "other" carries lib's English text. */
  const reasonOf = (s: BulkSkip) => t(`skipReasons.${s.code}`, s.params);
  const router = useRouter();
  const [action, setAction] = useState<BulkAction>();
  const [value, setValue] = useState("");
  const [pending, start] = useTransition();
  /** Delete of "all matching": the exact number (the table's count stops at 1,000), which the admin types back. */
  const [exact, setExact] = useState<number>();
  const [typed, setTyped] = useState("");
  const [report, setReport] = useState<{ action: BulkAction; count: number; skipped: BulkSkip[] }>();
  const count = allMatching ? total : ids.length;
  // The report of a finished action outlives the selection it cleared.
  if (!count && !report) return null;
  // total stops at the count cap: never let "all matching" read as exactly that many.
  const who = !allMatching ? t("whoSelected", { count }) : capped ? t("whoCapped", { total }) : t("whoAll", { total });
  const typeCount = action === "delete" && allMatching;
  const filter = { q: query.q, status: query.status, role: query.role, group: query.group, mfa: query.mfa, loginFrom: query.loginFrom, loginTo: query.loginTo };
  const choose = (a: BulkAction) => {
    setAction(a);
    setTyped("");
    setExact(undefined);
    if (a === "delete" && allMatching)
      start(async () => {
        const res = await countMatchingAction({ filter });
        if (!res.ok) {
          setAction(undefined);
          return void toast.error(res.message);
        }
        setExact(res.data.count);
      });
  };
  const close = () => {
    setAction(undefined);
    setValue("");
  };
  const needs = action === "setPin" ? "pin" : action === "assignRole" || action === "removeRole" ? "role" : action === "addGroup" || action === "removeGroup" ? "group" : null;

  function run() {
    if (!action) return;
    start(async () => {
      const res = await bulkUsersAction(allMatching ? { action, value: value || undefined, filter, confirmCount: typeCount ? exact : undefined } : { action, ids, value: value || undefined });
      if (!res.ok) {
        toast.error(res.message);
        // The filter matched another number meanwhile: keep the dialog open with the new one to type.
        if (res.fieldErrors?.confirmCount) {
          const again = await countMatchingAction({ filter });
          if (again.ok) setExact(again.data.count);
          setTyped("");
        } else close();
        return;
      }
      close();
      onDone();
      const { count: changed, skipped, jobId } = res.data;
      const skippedText = skipped.map((x) => `${reasonOf(x)}: ${x.emails.join(", ")}${x.count > x.emails.length ? ` ${t("more", { count: x.count - x.emails.length })}` : ""}`).join("; ");
      if (jobId) {
        // The job page takes over: the skips travel in the toast.
        toast.success(t("deleting", { users: users(changed) }), skipped.length ? { description: t("skippedList", { list: skippedText }), duration: 15_000 } : undefined);
        router.push(`/admin/jobs/${jobId}`);
      } else {
        if (skipped.length) setReport({ action, count: changed, skipped });
        else toast.success(t(`done.${action}`, { users: users(changed) }));
        router.refresh();
      }
    });
  }

  return (
    <>
      {count > 0 && (
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button size="sm" variant="secondary">
              {t("selected", { count: `${format.number(count)}${allMatching && capped ? "+" : ""}` })} <ChevronDown className="size-4" aria-hidden />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end">
            {ACTIONS.map((a) => (
              <div key={a}>
                {a === "delete" && <DropdownMenuSeparator />}
                <DropdownMenuItem variant={a === "delete" ? "destructive" : "default"} onSelect={() => choose(a)}>
                  {t(`menu.${a}`)}
                </DropdownMenuItem>
              </div>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>
      )}
      <Dialog open={!!action} onOpenChange={(o) => !o && close()}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>{action && t("question", { text: t(`confirm.${action}`, { who }) })}</DialogTitle>
            <DialogDescription>
              {action === "delete" ? t("deleteDescription") : action === "resetMfa" ? t("resetMfaDescription") : action === "forceMfa" ? t("forceMfaDescription") : t("description")}
            </DialogDescription>
          </DialogHeader>
          {needs && (
            <div className="grid gap-1.5">
              <Label htmlFor="bulk-value">{needs === "pin" ? t("pin") : needs === "role" ? tc("role") : tc("group")}</Label>
              {needs === "pin" ? (
                <Input id="bulk-value" inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} />
              ) : (
                <select id="bulk-value" className="h-9 rounded-md border border-input bg-transparent px-2 text-sm dark:bg-input/30" value={value} onChange={(e) => setValue(e.target.value)}>
                  <option value="">{tc("choose")}</option>
                  {needs === "role" ? roles.map((r) => <option key={r} value={r}>{r}</option>) : groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
                </select>
              )}
            </div>
          )}
          {typeCount && (
            <div className="grid gap-1.5">
              {exact === undefined ? (
                <p className="text-sm text-muted-foreground" role="status">{t("counting")}</p>
              ) : (
                <>
                  <Label htmlFor="bulk-count" className="block leading-normal">
                    {t.rich("typeCount", { users: users(exact), exact, strong: (chunks) => <strong className="font-mono">{chunks}</strong> })}
                  </Label>
                  <Input id="bulk-count" inputMode="numeric" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
                </>
              )}
            </div>
          )}
          <DialogFooter>
            <Button variant="outline" onClick={close}>
              {tc("cancel")}
            </Button>
            <Button
              variant={action && DESTRUCTIVE.includes(action) ? "destructive" : "default"}
              disabled={pending || (!!needs && !value) || (typeCount && (exact === undefined || typed.replace(/[\s,.]/g, "") !== String(exact)))}
              onClick={run}
            >
              {pending ? tc("working") : action && t(`confirm.${action}`, { who: typeCount && exact !== undefined ? users(exact) : allMatching && capped ? t("usersCapped", { total }) : users(count) })}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
      <Dialog open={!!report} onOpenChange={(o) => !o && setReport(undefined)}>
        <DialogContent data-testid="bulk-report">
          <DialogHeader>
            <DialogTitle>{report && t(`done.${report.action}`, { users: users(report.count) })}</DialogTitle>
            <DialogDescription>{report && t("skipped", { users: users(report.skipped.reduce((n, s) => n + s.count, 0)) })}</DialogDescription>
          </DialogHeader>
          <ul className="grid gap-2 text-sm">
            {report?.skipped.map((s) => (
              <li key={s.reason} className="rounded-md border p-2">
                <p className="font-medium">
                  {reasonOf(s)} ({format.number(s.count)})
                </p>
                <p className="break-all text-muted-foreground">
                  {s.emails.join(", ")}
                  {s.count > s.emails.length && ` ${t("more", { count: s.count - s.emails.length })}`}
                </p>
              </li>
            ))}
          </ul>
          <DialogFooter>
            <Button onClick={() => setReport(undefined)}>{tc("ok")}</Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
