"use client";

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

const KIND: Record<string, string> = { permanent: "Permanent", temporary_private: "Temporary", temporary_public: "Temporary, read-only" };
const when = (iso: string | null, empty: string) => (iso ? new Date(iso).toLocaleString() : empty);

/** A user's live API tokens with revoke; used on the account page and the admin user page. */
export function TokensTable({ userId, rows }: { userId: string; rows: TokenRowView[] }) {
  const notify = useActionToast();
  return (
    <Card className="p-0">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Kind</TableHead>
            <TableHead>Created</TableHead>
            <TableHead>Last used</TableHead>
            <TableHead>Expires</TableHead>
            <TableHead className="w-24">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={6} className="py-8 text-center text-muted-foreground">
                No API tokens.
              </TableCell>
            </TableRow>
          )}
          {rows.map((t) => (
            <TableRow key={t.id} data-testid="token-row">
              <TableCell className="font-medium">{t.name}</TableCell>
              <TableCell>
                <Badge variant="secondary">{KIND[t.kind] ?? t.kind}</Badge>
              </TableCell>
              <TableCell>{when(t.createdAt, "")}</TableCell>
              <TableCell>{when(t.lastUsedAt, "Never")}</TableCell>
              <TableCell>{when(t.expiresAt, "Never")}</TableCell>
              <TableCell>
                <ConfirmButton
                  label="Revoke"
                  title={`Revoke "${t.name}"?`}
                  description="Applications using this token stop working immediately."
                  confirmLabel="Revoke"
                  onConfirm={() => notify(revokeTokenAction({ userId, tokenId: t.id }), "Token revoked")}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}
