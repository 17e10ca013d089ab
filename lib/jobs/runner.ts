import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { and, asc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import { db } from "@/db/client";
import { claimable } from "@/db/dialect";
import { jobs } from "@/db/schema";
import { poller } from "@/lib/ops/poller";
import type { JobRow, JobStep } from "./jobs";
import { jobSteps } from "./steps";

/**
 * Background jobs as leased rows: every instance runs this loop. A runner claims a job by writing
 * its name and a lease into the row (one UPDATE; on PostgreSQL over a SKIP LOCKED pick), renews the
 * lease with every batch, and gives it up when done or stopping. A batch applies its items and
 * advances `done` in one transaction, and only while the lease is still this runner's: if the
 * process dies (kill -9), the batch rolls back, the lease lapses, and another instance resumes from
 * `done`, so every item is applied exactly once.
 */
const LEASE_MS = Number(process.env.JOB_LEASE_SECONDS ?? 30) * 1000;
const POLL_MS = Number(process.env.JOB_POLL_SECONDS ?? 5) * 1000;
const BATCH = Number(process.env.JOB_BATCH_SIZE ?? 200);

export const INTERRUPTED = "Interrupted by a server restart";

const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

const leaseFree = () => or(isNull(jobs.leaseUntil), lt(jobs.leaseUntil, new Date()));

async function claim(): Promise<JobRow | undefined> {
  const next = db.select({ id: jobs.id }).from(jobs).where(and(inArray(jobs.status, ["queued", "running"]), leaseFree())).orderBy(asc(jobs.createdAt)).limit(1);
  const [job] = await db
    .update(jobs)
    .set({ status: "running", leaseOwner: owner, leaseUntil: new Date(Date.now() + LEASE_MS) })
    .where(and(eq(jobs.id, claimable(next)), leaseFree()))
    .returning();
  return job;
}

/** One batch; false when the job is finished or no longer ours. */
async function runBatch(jobId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Renewing the lease is also the check that it is still ours (it lapses if we stalled).
    const [job] = await tx
      .update(jobs)
      .set({ leaseUntil: new Date(Date.now() + LEASE_MS) })
      .where(and(eq(jobs.id, jobId), eq(jobs.leaseOwner, owner), eq(jobs.status, "running")))
      .returning();
    if (!job) return false;
    // Queued by a version that kept the items in memory only: they are gone with that process.
    if (job.items.length !== job.total) throw new Error(INTERRUPTED);
    const step: JobStep | undefined = jobSteps[job.kind];
    if (!step) throw new Error(`Unknown job kind ${job.kind}`);
    const end = Math.min(job.done + BATCH, job.items.length);
    for (let i = job.done; i < end; i++) await step(tx, job.items[i]!, job);
    const finished = end >= job.items.length;
    await tx
      .update(jobs)
      .set(finished ? { done: end, status: "done", finishedAt: new Date(), leaseOwner: null, leaseUntil: null } : { done: end })
      .where(eq(jobs.id, jobId));
    return !finished;
  });
}

async function work(job: JobRow) {
  try {
    // Between batches the event loop serves requests (and, on SQLite, other queries get the connection).
    while (!loop.state.stopping && (await runBatch(job.id))) await new Promise((r) => setImmediate(r));
  } catch (e) {
    const error = e instanceof Error ? e.message.slice(0, 300) : "failed";
    await db
      .update(jobs)
      .set({ status: "failed", error, finishedAt: new Date(), leaseOwner: null, leaseUntil: null })
      .where(and(eq(jobs.id, job.id), eq(jobs.leaseOwner, owner)));
  }
}

/** Claims and runs jobs until none is left to claim (exported for tests; the runner calls it). */
export async function runDueJobs() {
  while (!loop.state.stopping) {
    const job = await claim();
    if (!job) return;
    await work(job);
  }
}

const loop = poller("jobs", POLL_MS, runDueJobs);

/** Looks for work now (after a job was queued), in a server that runs the loop. */
export const kickJobs = loop.kick;

/** Every instance polls, so jobs of an instance that died are resumed once their lease lapses. */
export const startJobRunner = loop.start;

/** SIGTERM: claim nothing more, let the batch in flight commit, hand our jobs back at once. */
export async function stopJobRunner() {
  await loop.stop();
  await db.update(jobs).set({ leaseOwner: null, leaseUntil: null }).where(and(eq(jobs.leaseOwner, owner), eq(jobs.status, "running")));
}
