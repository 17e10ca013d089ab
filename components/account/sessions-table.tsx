"use client";

import { toast } from "sonner";
import { useActionToast } from "@/components/forms/use-action-toast";
import { forgetSessionCookieAction } from "@/app/(app)/_actions/session";
import { revokeSessionAction, signOutEverywhereAction } from "@/app/(app)/account/actions";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

interface Row {
  id: string;
  kind: string;
  device: string;
  ip: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

export function SessionsTable({ rows }: { rows: Row[] }) {
  const notify = useActionToast();
  return (
    <div className="grid gap-4">
      <div className="flex justify-end">
        <ConfirmButton
          label="Sign out everywhere"
          variant="destructive"
          size="default"
          title="Sign out everywhere?"
          description="Every session ends, this one included. API access tokens from sign-ins stop working too."
          confirmLabel="Sign out everywhere"
          onConfirm={async () => {
            const res = await signOutEverywhereAction({});
            if (!res.ok) {
              toast.error(res.message);
              return;
            }
            toast.success(`${res.data.ended} session(s) ended`);
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
              <TableHead>Device</TableHead>
              <TableHead>IP address</TableHead>
              <TableHead>Signed in</TableHead>
              <TableHead>Last seen</TableHead>
              <TableHead className="w-24">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={5} className="py-8 text-center text-muted-foreground">
                  No active sessions.
                </TableCell>
              </TableRow>
            )}
            {rows.map((r) => (
              <TableRow key={r.id} data-testid="session-row">
                <TableCell>
                  <span className="font-medium">{r.device}</span>{" "}
                  {r.current && <Badge>This browser</Badge>}
                  {r.kind === "api" && <Badge variant="secondary">API</Badge>}
                </TableCell>
                <TableCell className="font-mono text-xs">{r.ip}</TableCell>
                <TableCell>{new Date(r.createdAt).toLocaleString()}</TableCell>
                <TableCell>{new Date(r.lastSeenAt).toLocaleString()}</TableCell>
                <TableCell>
                  {!r.current && (
                    <ConfirmButton
                      label="Revoke"
                      title="Revoke this session?"
                      description={`${r.device} (${r.ip}) will be signed out on its next request.`}
                      confirmLabel="Revoke"
                      onConfirm={() => notify(revokeSessionAction({ sessionId: r.id }), "Session revoked")}
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
