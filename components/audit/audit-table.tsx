"use client";

import { ChevronRight } from "lucide-react";
import { useTranslations } from "next-intl";
import { Fragment, useState } from "react";
import { AuditTarget, type AuditTargetView } from "@/components/audit/audit-target";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";

export interface AuditRowView extends AuditTargetView {
  id: string;
  createdAt: string;
  tenantId: string | null;
  tenantName: string | null;
  actorId: string | null;
  actorEmail: string;
  action: string;
  label: string;
  ip: string;
  data: Record<string, unknown>;
}

const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** The audit log: one line per event, expandable to everything the CSV export holds. */
export function AuditTable({ rows }: { rows: AuditRowView[] }) {
  const t = useTranslations("admin.audit.table");
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead className="w-8"><span className="sr-only">{t("details")}</span></TableHead>
          <TableHead>{t("time")}</TableHead>
          <TableHead>{t("tenant")}</TableHead>
          <TableHead>{t("actor")}</TableHead>
          <TableHead>{t("action")}</TableHead>
          <TableHead>{t("target")}</TableHead>
          <TableHead>{t("ip")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.length === 0 && (
          <TableRow>
            <TableCell colSpan={7} className="py-10 text-center text-muted-foreground">{t("empty")}</TableCell>
          </TableRow>
        )}
        {rows.map((e) => {
          const expanded = open.has(e.id);
          const details: [string, React.ReactNode][] = [
            [t("time"), <time key="t" dateTime={e.createdAt}>{e.createdAt}</time>],
            [t("action"), <code key="a">{e.action}</code>],
            [t("tenant"), e.tenantName ? `${e.tenantName} (${e.tenantId})` : (e.tenantId ?? t("noTenant"))],
            [t("actor"), e.actorEmail ? `${e.actorEmail}${e.actorId ? ` (${e.actorId})` : ""}` : (e.actorId ?? "—")],
            [t("target"), [e.targetType, e.targetLabel, e.targetId].filter(Boolean).join(" · ") || "—"],
            [t("ip"), e.ip || "—"],
            ...Object.entries(e.data).map(([k, v]): [string, React.ReactNode] => [k, show(v)]),
          ];
          return (
            <Fragment key={e.id}>
              <TableRow data-testid="audit-row" data-state={expanded ? "open" : "closed"}>
                <TableCell className="py-1">
                  <Button
                    variant="ghost"
                    size="icon"
                    className="size-7"
                    aria-expanded={expanded}
                    aria-controls={`audit-details-${e.id}`}
                    aria-label={expanded ? t("hideDetails", { label: e.label }) : t("showDetails", { label: e.label })}
                    onClick={() => toggle(e.id)}
                  >
                    <ChevronRight className={cn("size-4 transition-transform", expanded && "rotate-90")} />
                  </Button>
                </TableCell>
                <TableCell className="whitespace-nowrap"><RelativeTime date={e.createdAt} /></TableCell>
                <TableCell>{e.tenantName ?? e.tenantId ?? "—"}</TableCell>
                <TableCell>{e.actorEmail || "—"}</TableCell>
                <TableCell title={e.action}>{e.label}</TableCell>
                <TableCell><AuditTarget e={e} /></TableCell>
                <TableCell className="font-mono text-xs">{e.ip}</TableCell>
              </TableRow>
              {expanded && (
                <TableRow id={`audit-details-${e.id}`} data-testid="audit-details" className="bg-muted/40 hover:bg-muted/40">
                  <TableCell />
                  <TableCell colSpan={6} className="whitespace-normal">
                    <dl className="grid gap-x-4 gap-y-1 py-1 text-xs sm:grid-cols-[max-content_1fr]">
                      {details.map(([k, v]) => (
                        <div key={k} className="contents">
                          <dt className="font-medium text-muted-foreground">{k}</dt>
                          <dd className="break-all font-mono">{v}</dd>
                        </div>
                      ))}
                    </dl>
                  </TableCell>
                </TableRow>
              )}
            </Fragment>
          );
        })}
      </TableBody>
    </Table>
  );
}
