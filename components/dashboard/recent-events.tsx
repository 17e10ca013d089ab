import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuditTarget } from "@/components/audit/audit-target";
import { Card, CardAction, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { eventLabeller } from "@/lib/audit/labels";
import type { AuditRow } from "@/lib/audit/query";

/** The newest audit events of the tenant, labelled, with their targets linked. */
export async function RecentEvents({ rows }: { rows: AuditRow[] }) {
  const label = await eventLabeller();
  const t = await getTranslations("dashboard.recent");
  return (
    <Card className="gap-3">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardAction>
          <Link href="/admin/audit" className="text-sm underline-offset-4 hover:underline">{t("auditLog")}</Link>
        </CardAction>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="py-6 text-center text-sm text-muted-foreground">{t("empty")}</p>
        ) : (
          <ul className="divide-y text-sm" data-testid="recent-events">
            {rows.map((e) => (
              <li key={e.id} className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5 py-2" data-testid="recent-event">
                <span className="min-w-0">
                  <span className="font-medium" title={e.action}>{label(e)}</span>
                  {(e.targetId || e.targetLabel) && (
                    <>
                      {" · "}
                      <AuditTarget e={e} />
                    </>
                  )}
                  {/* A sign-in's actor is its target: name them once. */}
                  {e.actorId !== e.targetId && <span className="block truncate text-xs text-muted-foreground">{e.actorEmail ? t("by", { email: e.actorEmail }) : t("bySystem")}</span>}
                </span>
                <span className="shrink-0 text-xs text-muted-foreground"><RelativeTime date={e.createdAt} /></span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
