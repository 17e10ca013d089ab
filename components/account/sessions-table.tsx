"use client";

import { useFormatter, useTranslations } from "next-intl";
import { toast } from "sonner";
import { useActionToast } from "@/components/forms/use-action-toast";
import { forgetSessionCookieAction } from "@/app/(app)/_actions/session";
import { revokeSessionAction, signOutEverywhereAction } from "@/app/(app)/account/actions";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

interface Row {
  id: string;
  kind: string;
  /** Null when the client did not say (then "Browser" or "API client"). */
  device: string | null;
  ip: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

export function SessionsTable({ rows }: { rows: Row[] }) {
  const t = useTranslations("account.sessions");
  const format = useFormatter();
  const notify = useActionToast();
  return (
    <div className="grid gap-4">
      <div className="flex justify-end">
        <ConfirmButton
          label={t("everywhere")}
          variant="destructive"
          size="default"
          title={t("everywhereTitle")}
          description={t("everywhereDescription")}
          confirmLabel={t("everywhere")}
          onConfirm={async () => {
            const res = await signOutEverywhereAction({});
            if (!res.ok) {
              toast.error(res.message);
              return;
            }
            toast.success(t("ended", { count: res.data.ended }));
            await forgetSessionCookieAction();
            // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load drops the signed-in router cache
            window.location.assign("/login");
          }}
        />
      </div>
      <Card className="p-0">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("device")}</TableHead>
              <TableHead>{t("ip")}</TableHead>
              <TableHead>{t("signedIn")}</TableHead>
              <TableHead>{t("lastSeen")}</TableHead>
              <TableHead className="w-24">
                <span className="sr-only">{t("actions")}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={5} className="py-8 text-center text-muted-foreground">
                  {t("empty")}
                </TableCell>
              </TableRow>
            )}
            {rows.map((r) => (
              <TableRow key={r.id} data-testid="session-row">
                <TableCell>
                  <span className="font-medium">{r.device ?? (r.kind === "api" ? t("apiClient") : t("browser"))}</span>{" "}
                  {r.current && <Badge>{t("thisBrowser")}</Badge>}
                  {r.kind === "api" && <Badge variant="secondary">API</Badge>}
                </TableCell>
                <TableCell className="font-mono text-xs">{r.ip}</TableCell>
                <TableCell>{format.dateTime(new Date(r.createdAt), { dateStyle: "medium", timeStyle: "short" })}</TableCell>
                <TableCell>
                  <RelativeTime date={r.lastSeenAt} />
                </TableCell>
                <TableCell>
                  {!r.current && (
                    <ConfirmButton
                      label={t("revoke")}
                      title={t("revokeTitle")}
                      description={t("revokeDescription", { device: r.device ?? (r.kind === "api" ? t("apiClient") : t("browser")), ip: r.ip })}
                      confirmLabel={t("revoke")}
                      onConfirm={() => notify(revokeSessionAction({ sessionId: r.id }), t("revoked"))}
                    />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
    </div>
  );
}
