import { and, desc, eq } from "drizzle-orm";
import { db, type Tx } from "@/db/client";
import { jobs } from "@/db/schema";
import { requirePermission, requireTenant, type Caller } from "@/lib/authz/caller";
import { notFound } from "@/lib/errors";

export type JobRow = typeof jobs.$inferSelect;
/** One item's work, on the batch's transaction: every query of it goes to `tx`, never the global db. */
export type JobStep = (tx: Tx, item: string, job: JobRow) => Promise<void>;

/**
 * Queues a job over `items`; any instance's runner (lib/jobs/runner.ts) claims it and works through
 * the items in batches. `data` is what the step needs besides the item (it runs later, elsewhere).
 */
export async function enqueueJob(input: { tenantId: string; kind: string; items: string[]; createdBy: string; data?: Record<string, unknown> }) {
  const [job] = await db
    .insert(jobs)
    .values({ tenantId: input.tenantId, kind: input.kind, status: "queued", total: input.items.length, items: input.items, input: { ...input.data, count: input.items.length }, createdBy: input.createdBy })
    .returning();
  // Started here rather than by a poll, so the person who asked sees progress at once.
  const { kickJobs } = await import("./runner");
  kickJobs();
  return job!;
}

/** Jobs are user deletions: reading one takes User/Read in its tenant. */
export async function getJob(caller: Caller, id: string) {
  await requirePermission(caller, "User", "Read");
  const [job] = await db.select().from(jobs).where(eq(jobs.id, id));
  if (!job) throw notFound("Job not found");
  await requireTenant(caller, job.tenantId, "Job not found");
  return job;
}

export async function listJobs(caller: Caller, kind?: string) {
  await requirePermission(caller, "User", "Read");
  const where = kind ? and(eq(jobs.tenantId, caller.tenantId), eq(jobs.kind, kind)) : eq(jobs.tenantId, caller.tenantId);
  return db.select().from(jobs).where(where).orderBy(desc(jobs.createdAt)).limit(20);
}
