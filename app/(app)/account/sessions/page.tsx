import type { Metadata } from "next";
import { SessionsTable } from "@/components/account/sessions-table";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageCaller } from "@/lib/auth/current";
import { listActiveSessions } from "@/lib/sessions/sessions";

export const metadata: Metadata = { title: "Sessions" };
export const dynamic = "force-dynamic";

export default async function SessionsPage() {
  const caller = await requirePageCaller();
  const rows = (await listActiveSessions(caller.userId)).map((s) => ({
    id: s.id,
    kind: s.kind,
    device: s.device || (s.kind === "api" ? "API client" : "Browser"),
    ip: s.ip,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    current: s.id === caller.sessionId,
  }));
  return (
    <>
      <PageHeader title="Sessions" description="Everywhere your account is signed in, in the browser and through the API." />
      <SessionsTable rows={rows} />
    </>
  );
}
