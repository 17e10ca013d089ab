import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { jobs } from "@/db/schema";
import { requirePermission, requireTenant, type Caller } from "@/lib/authz/caller";
import { notFound } from "@/lib/errors";

export type JobRow = typeof jobs.$inferSelect;
type Step = (item: string) => void;

const BATCH = 200;

/**
 * Runs a job over its items in batches, yielding to the event loop between batches so requests
 * keep being served; progress is persisted after each batch so it survives a page reload.
 */
export function startJob(input: { tenantId: string; kind: string; items: string[]; createdBy: string; data?: Record<string, unknown> }, step: Step) {
  const job = db
    .insert(jobs)
    .values({ tenantId: input.tenantId, kind: input.kind, status: "queued", total: input.items.length, input: { ...input.data, count: input.items.length }, createdBy: input.createdBy })
    .returning()
    .get();
  let i = 0;
  const tick = () => {
    try {
      db.transaction(() => {
        for (const end = Math.min(i + BATCH, input.items.length); i < end; i++) step(input.items[i]!);
      });
      const done = i >= input.items.length;
      db.update(jobs).set({ done: i, status: done ? "done" : "running", finishedAt: done ? new Date() : null }).where(eq(jobs.id, job.id)).run();
      if (!done) setImmediate(tick);
    } catch (e) {
      db.update(jobs).set({ status: "failed", error: e instanceof Error ? e.message.slice(0, 300) : "failed", finishedAt: new Date() }).where(eq(jobs.id, job.id)).run();
    }
  };
  setImmediate(tick);
  return job;
}

/** Jobs are user deletions: reading one takes User/Read in its tenant. */
export function getJob(caller: Caller, id: string) {
  requirePermission(caller, "User", "Read");
  const job = db.select().from(jobs).where(eq(jobs.id, id)).get();
  if (!job) throw notFound("Job not found");
  requireTenant(caller, job.tenantId);
  return job;
}

export const INTERRUPTED = "Interrupted by a server restart";

/**
 * Jobs run in this process's event loop, so at startup any job still queued or running was cut off
 * by a restart: mark it failed instead of leaving it "running" forever.
 */
export function failInterruptedJobs() {
  return db.update(jobs).set({ status: "failed", error: INTERRUPTED, finishedAt: new Date() }).where(inArray(jobs.status, ["queued", "running"])).run().changes;
}

export function listJobs(caller: Caller, kind?: string) {
  requirePermission(caller, "User", "Read");
  const where = kind ? and(eq(jobs.tenantId, caller.tenantId), eq(jobs.kind, kind)) : eq(jobs.tenantId, caller.tenantId);
  return db.select().from(jobs).where(where).all().sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, 20);
}
