import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { JobProgress } from "@/components/jobs/job-progress";
import { PageHeader } from "@/components/shell/page-header";
import { requireAdminPage } from "@/lib/auth/current";
import { isAppError } from "@/lib/errors";
import { getJob } from "@/lib/jobs/jobs";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.jobs"))("title") };
}

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requireAdminPage("User", "Read");
  const { id } = await params;
  let job;
  try {
    job = await getJob(caller, id);
  } catch (e) {
    if (isAppError(e)) notFound();
    throw e;
  }
  const t = await getTranslations("admin.jobs");
  const format = await getFormatter();
  // Kinds are dotted ("users.delete"); a key segment cannot hold a dot. An unknown kind shows as stored.
  const kindKey = `kinds.${job.kind.replaceAll(".", "_")}`;
  const kindLabel = t.has(kindKey) ? t(`kinds.${job.kind.replaceAll(".", "_")}`) : job.kind;
  return (
    <>
      <PageHeader title={t("title")} description={t("started", { kind: kindLabel, date: format.dateTime(job.createdAt, { dateStyle: "medium", timeStyle: "short" }) })} actions={<Link className="text-sm underline" href="/admin/users">{t("back")}</Link>} />
      <JobProgress id={job.id} initial={{ status: job.status, total: job.total, done: job.done, error: job.error }} />
    </>
  );
}
