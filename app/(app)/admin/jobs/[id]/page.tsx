import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { JobProgress } from "@/components/jobs/job-progress";
import { PageHeader } from "@/components/shell/page-header";
import { requireAdminPage } from "@/lib/auth/current";
import { isAppError } from "@/lib/errors";
import { getJob } from "@/lib/jobs/jobs";

export const metadata: Metadata = { title: "Background job" };

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
  return (
    <>
      <PageHeader title="Background job" description={`${job.kind} · started ${job.createdAt.toLocaleString()}`} actions={<Link className="text-sm underline" href="/admin/users">Back to users</Link>} />
      <JobProgress id={job.id} initial={{ status: job.status, total: job.total, done: job.done, error: job.error }} />
    </>
  );
}
