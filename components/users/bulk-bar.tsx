"use client";

import { ChevronDown } from "lucide-react";
import { useRouter } from "next/navigation";
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

const LABELS: Record<BulkAction, string> = {
  activate: "Activate",
  deactivate: "Deactivate",
  forceMfa: "Require MFA",
  resetMfa: "Reset MFA",
  removeMfa: "Remove MFA",
  setPin: "Set PIN…",
  assignRole: "Assign role…",
  removeRole: "Remove role…",
  addGroup: "Add to group…",
  removeGroup: "Remove from group…",
  delete: "Delete…",
};
const DESTRUCTIVE: BulkAction[] = ["delete", "resetMfa", "removeMfa", "deactivate"];
/** Past tense for the result ("Deactivated 3 users"). */
const DONE: Record<BulkAction, string> = {
  activate: "Activated",
  deactivate: "Deactivated",
  forceMfa: "Required MFA for",
  resetMfa: "Reset MFA of",
  removeMfa: "Removed MFA of",
  setPin: "Set a PIN for",
  assignRole: "Gave the role to",
  removeRole: "Took the role from",
  addGroup: "Added to the group:",
  removeGroup: "Removed from the group:",
  delete: "Deleting",
};
/** The confirm button says what it does to whom ("Deactivate 3 users"). */
const CONFIRM: Record<BulkAction, (who: string) => string> = {
  activate: (who) => `Activate ${who}`,
  deactivate: (who) => `Deactivate ${who}`,
  forceMfa: (who) => `Require MFA for ${who}`,
  resetMfa: (who) => `Reset MFA of ${who}`,
  removeMfa: (who) => `Remove MFA of ${who}`,
  setPin: (who) => `Set the PIN for ${who}`,
  assignRole: (who) => `Give the role to ${who}`,
  removeRole: (who) => `Take the role from ${who}`,
  addGroup: (who) => `Add ${who} to the group`,
  removeGroup: (who) => `Remove ${who} from the group`,
  delete: (who) => `Delete ${who}`,
};
const users = (n: number) => `${n.toLocaleString()} user${n === 1 ? "" : "s"}`;

export function BulkBar({ ids, allMatching, query, total, capped, roles, groups, onDone }: { ids: string[]; allMatching: boolean; query: UserQuery; total: number; capped: boolean; roles: string[]; groups: { id: string; name: string }[]; onDone: () => void }) {
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
  const who = !allMatching ? `${count.toLocaleString()} user(s)` : capped ? `all ${total.toLocaleString()}+ matching users (more than ${total.toLocaleString()})` : `all ${total.toLocaleString()} matching user(s)`;
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
      const skippedText = skipped.map((x) => `${x.reason}: ${x.emails.join(", ")}${x.count > x.emails.length ? ` and ${x.count - x.emails.length} more` : ""}`).join("; ");
      if (jobId) {
        // The job page takes over: the skips travel in the toast.
        toast.success(`Deleting ${users(changed)} in the background`, skipped.length ? { description: `Skipped ${skippedText}`, duration: 15_000 } : undefined);
        router.push(`/admin/jobs/${jobId}`);
      } else {
        if (skipped.length) setReport({ action, count: changed, skipped });
        else toast.success(`${DONE[action]} ${users(changed)}`);
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
              {`${count.toLocaleString()}${allMatching && capped ? "+" : ""}`} selected — Actions <ChevronDown className="size-4" aria-hidden />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end">
            {(Object.keys(LABELS) as BulkAction[]).map((a) => (
              <div key={a}>
                {a === "delete" && <DropdownMenuSeparator />}
                <DropdownMenuItem variant={a === "delete" ? "destructive" : "default"} onSelect={() => choose(a)}>
                  {LABELS[a]}
                </DropdownMenuItem>
              </div>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>
      )}
      <Dialog open={!!action} onOpenChange={(o) => !o && close()}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>
              {action && LABELS[action].replace("…", "")} {who}?
            </DialogTitle>
            <DialogDescription>
              {action === "delete"
                ? "Users are deleted in a background job. This cannot be undone."
                : action === "resetMfa"
                  ? "Their MFA methods and recovery codes are wiped, MFA stays required and their sessions end."
                  : action === "forceMfa"
                    ? "They must use MFA; users without a method enrol at their next sign-in. Their sessions end."
                    : "The change applies to every selected user."}
            </DialogDescription>
          </DialogHeader>
          {needs && (
            <div className="grid gap-1.5">
              <Label htmlFor="bulk-value">{needs === "pin" ? "PIN (4–12 digits)" : needs === "role" ? "Role" : "Group"}</Label>
              {needs === "pin" ? (
                <Input id="bulk-value" inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} />
              ) : (
                <select id="bulk-value" className="h-9 rounded-md border border-input bg-transparent px-2 text-sm dark:bg-input/30" value={value} onChange={(e) => setValue(e.target.value)}>
                  <option value="">Choose…</option>
                  {needs === "role" ? roles.map((r) => <option key={r} value={r}>{r}</option>) : groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
                </select>
              )}
            </div>
          )}
          {typeCount && (
            <div className="grid gap-1.5">
              {exact === undefined ? (
                <p className="text-sm text-muted-foreground" role="status">Counting the matching users…</p>
              ) : (
                <>
                  <Label htmlFor="bulk-count" className="block leading-normal">
                    The filter matches {users(exact)}. Type <strong className="font-mono">{exact}</strong> to delete them all.
                  </Label>
                  <Input id="bulk-count" inputMode="numeric" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
                </>
              )}
            </div>
          )}
          <DialogFooter>
            <Button variant="outline" onClick={close}>
              Cancel
            </Button>
            <Button
              variant={action && DESTRUCTIVE.includes(action) ? "destructive" : "default"}
              disabled={pending || (!!needs && !value) || (typeCount && (exact === undefined || typed.replace(/[\s,.]/g, "") !== String(exact)))}
              onClick={run}
            >
              {pending ? "Working…" : action && CONFIRM[action](typeCount && exact !== undefined ? users(exact) : allMatching && capped ? `${total.toLocaleString()}+ users` : users(count))}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
      <Dialog open={!!report} onOpenChange={(o) => !o && setReport(undefined)}>
        <DialogContent data-testid="bulk-report">
          <DialogHeader>
            <DialogTitle>{report && `${DONE[report.action]} ${users(report.count)}`}</DialogTitle>
            <DialogDescription>{report && `Skipped ${users(report.skipped.reduce((n, s) => n + s.count, 0))}:`}</DialogDescription>
          </DialogHeader>
          <ul className="grid gap-2 text-sm">
            {report?.skipped.map((s) => (
              <li key={s.reason} className="rounded-md border p-2">
                <p className="font-medium">
                  {s.reason} ({s.count.toLocaleString()})
                </p>
                <p className="break-all text-muted-foreground">
                  {s.emails.join(", ")}
                  {s.count > s.emails.length && ` and ${(s.count - s.emails.length).toLocaleString()} more`}
                </p>
              </li>
            ))}
          </ul>
          <DialogFooter>
            <Button onClick={() => setReport(undefined)}>OK</Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
