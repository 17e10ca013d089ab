import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SessionsTable } from "@/components/account/sessions-table";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageCaller } from "@/lib/auth/current";
import { listActiveSessions } from "@/lib/sessions/sessions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meta"))("sessions") };
}
export const dynamic = "force-dynamic";

export default async function SessionsPage() {
  const caller = await requirePageCaller();
  const t = await getTranslations("account.sessions");
  const rows = (await listActiveSessions(caller.userId)).map((s) => ({
    id: s.id,
    kind: s.kind,
    device: s.device || null,
    ip: s.ip,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    current: s.id === caller.sessionId,
  }));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <SessionsTable rows={rows} />
    </>
  );
}
