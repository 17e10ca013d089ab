"use client";

import { ChevronDown } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { bulkUsersAction } from "@/app/(app)/admin/users/actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { BulkAction } from "@/lib/users/bulk";
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

export function BulkBar({ ids, allMatching, query, total, capped, roles, groups, onDone }: { ids: string[]; allMatching: boolean; query: UserQuery; total: number; capped: boolean; roles: string[]; groups: { id: string; name: string }[]; onDone: () => void }) {
  const router = useRouter();
  const [action, setAction] = useState<BulkAction>();
  const [value, setValue] = useState("");
  const [pending, start] = useTransition();
  const count = allMatching ? total : ids.length;
  if (!count) return null;
  // total stops at the count cap: never let "all matching" read as exactly that many.
  const who = !allMatching ? `${count.toLocaleString()} user(s)` : capped ? `all ${total.toLocaleString()}+ matching users (more than ${total.toLocaleString()})` : `all ${total.toLocaleString()} matching user(s)`;
  const needs = action === "setPin" ? "pin" : action === "assignRole" || action === "removeRole" ? "role" : action === "addGroup" || action === "removeGroup" ? "group" : null;

  function run() {
    if (!action) return;
    start(async () => {
      const filter = { q: query.q, status: query.status, role: query.role, group: query.group, mfa: query.mfa, loginFrom: query.loginFrom, loginTo: query.loginTo };
      const res = await bulkUsersAction(allMatching ? { action, value: value || undefined, filter } : { action, ids, value: value || undefined });
      setAction(undefined);
      setValue("");
      if (!res.ok) {
        toast.error(res.message);
        return;
      }
      onDone();
      if (res.data.jobId) {
        toast.success(`Deleting ${res.data.count} user(s) in the background`);
        router.push(`/admin/jobs/${res.data.jobId}`);
      } else {
        toast.success(`${LABELS[action].replace("…", "")}: ${res.data.count} user(s)`);
        router.refresh();
      }
    });
  }

  return (
    <>
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
              <DropdownMenuItem variant={a === "delete" ? "destructive" : "default"} onSelect={() => setAction(a)}>
                {LABELS[a]}
              </DropdownMenuItem>
            </div>
          ))}
        </DropdownMenuContent>
      </DropdownMenu>
      <Dialog open={!!action} onOpenChange={(o) => !o && setAction(undefined)}>
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
          <DialogFooter>
            <Button variant="outline" onClick={() => setAction(undefined)}>
              Cancel
            </Button>
            <Button variant={action && DESTRUCTIVE.includes(action) ? "destructive" : "default"} disabled={pending || (!!needs && !value)} onClick={run}>
              {pending ? "Working…" : "Confirm"}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
