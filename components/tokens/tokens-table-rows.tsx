"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useActionToast } from "@/components/forms/use-action-toast";
import { revokeTokenAction } from "@/app/(app)/account/tokens/actions";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export interface TokenRowView {
  id: string;
  name: string;
  kind: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

const KINDS = new Set(["permanent", "temporary_private", "temporary_public"]);

/** The table of TokensTable (its strings come from the `tokens` namespace it is given). */
export function TokensTableRows({ userId, rows }: { userId: string; rows: TokenRowView[] }) {
  const t = useTranslations("tokens.table");
  const format = useFormatter();
  const when = (iso: string | null, empty: string) => (iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }) : empty);
  const notify = useActionToast();
  return (
    <Card className="p-0">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>{t("name")}</TableHead>
            <TableHead>{t("kind")}</TableHead>
            <TableHead>{t("created")}</TableHead>
            <TableHead>{t("lastUsed")}</TableHead>
            <TableHead>{t("expires")}</TableHead>
            <TableHead className="w-24">
              <span className="sr-only">{t("actions")}</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={6} className="py-8 text-center text-muted-foreground">
                {t("empty")}
              </TableCell>
            </TableRow>
          )}
          {rows.map((r) => (
            <TableRow key={r.id} data-testid="token-row">
              <TableCell className="font-medium">{r.name}</TableCell>
              <TableCell>
                <Badge variant="secondary">{KINDS.has(r.kind) ? t(`kinds.${r.kind}`) : r.kind}</Badge>
              </TableCell>
              <TableCell>{when(r.createdAt, "")}</TableCell>
              <TableCell>{when(r.lastUsedAt, t("never"))}</TableCell>
              <TableCell>{when(r.expiresAt, t("never"))}</TableCell>
              <TableCell>
                <ConfirmButton
                  label={t("revoke")}
                  title={t("revokeTitle", { name: r.name })}
                  description={t("revokeBody")}
                  confirmLabel={t("revoke")}
                  onConfirm={() => notify(revokeTokenAction({ userId, tokenId: r.id }), t("revoked"))}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}
