import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, jobs, users } from "@/db/schema";
import { callerOf, makeTenant, makeUser } from "@/test/factories";
import { enqueueJob, getJob } from "./jobs";
import { INTERRUPTED, runDueJobs } from "./runner";

const deleteJob = async (tenantId: string, items: string[], createdBy: string) =>
  enqueueJob({ tenantId, kind: "users.delete", items, createdBy, data: { superAdmin: false, actorEmail: "admin@example.test", ip: "1.2.3.4" } });

describe("jobs", () => {
  it("a queued job is claimed and run to the end: every item once, the lease given back", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const doomed = await Promise.all([makeUser(), makeUser(), makeUser()]);
    const job = await deleteJob(callerOf(admin).tenantId, doomed.map((u) => u.id), admin.id);
    expect(job).toMatchObject({ status: "queued", total: 3, done: 0 });
    await runDueJobs();
    expect(await getJob(callerOf(admin), job.id)).toMatchObject({ status: "done", done: 3, leaseOwner: null, leaseUntil: null, finishedAt: expect.any(Date) });
    expect(await db.select().from(users).where(inArray(users.id, doomed.map((u) => u.id)))).toEqual([]);
    const audited = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.deleted"), inArray(auditEvents.targetId, doomed.map((u) => u.id))));
    expect(audited).toHaveLength(3);
  });

  it("a job another runner holds is left alone; once its lease lapses it resumes where it stopped", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const doomed = await Promise.all([makeUser(), makeUser(), makeUser()]);
    const job = await deleteJob(callerOf(admin).tenantId, doomed.map((u) => u.id), admin.id);
    // Another instance claimed it and applied the first item before dying.
    await db.delete(users).where(eq(users.id, doomed[0]!.id));
    await db.update(jobs).set({ status: "running", done: 1, leaseOwner: "other:1:dead", leaseUntil: new Date(Date.now() + 60_000) }).where(eq(jobs.id, job.id));
    await runDueJobs();
    expect((await getJob(callerOf(admin), job.id)).done).toBe(1);
    await db.update(jobs).set({ leaseUntil: new Date(Date.now() - 1) }).where(eq(jobs.id, job.id));
    await runDueJobs();
    expect(await getJob(callerOf(admin), job.id)).toMatchObject({ status: "done", done: 3 });
    // Items before the cursor were not applied again: only the two after it were audited here.
    const audited = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.deleted"), inArray(auditEvents.targetId, doomed.map((u) => u.id))));
    expect(audited.map((a) => a.targetId).sort()).toEqual([doomed[1]!.id, doomed[2]!.id].sort());
  });

  it("a step that fails fails the job with its message, and rolls its batch back", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const [job] = await db
      .insert(jobs)
      .values({ tenantId: callerOf(admin).tenantId, kind: "no.such.kind", status: "queued", total: 1, items: [randomUUID()] })
      .returning();
    await runDueJobs();
    expect(await getJob(callerOf(admin), job!.id)).toMatchObject({ status: "failed", error: "Unknown job kind no.such.kind", done: 0, leaseOwner: null });
  });

  it("a job left running by a version that kept its items in memory is failed as interrupted", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const [job] = await db.insert(jobs).values({ tenantId: callerOf(admin).tenantId, kind: "users.delete", status: "running", total: 10, done: 4 }).returning();
    await runDueJobs();
    expect(await getJob(callerOf(admin), job!.id)).toMatchObject({ status: "failed", error: INTERRUPTED, done: 4 });
    expect(INTERRUPTED).toBe("Interrupted by a server restart");
  });

  it("reading a job takes User/Read in its tenant", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const [job] = await db.insert(jobs).values({ tenantId: callerOf(admin).tenantId, kind: "users.delete", status: "done", total: 1, done: 1, items: ["x"] }).returning();
    const member = await makeUser();
    await expect(getJob(callerOf(member), job!.id)).rejects.toThrow(/permission/);
    const other = await makeTenant();
    const foreignAdmin = await makeUser({ roles: ["admin"], tenantId: other.id });
    // Another tenant's job answers in the very words of a missing one.
    await expect(getJob(callerOf(foreignAdmin, other.id), job!.id)).rejects.toMatchObject({ kind: "not_found", message: "Job not found" });
    await expect(getJob(callerOf(foreignAdmin, other.id), crypto.randomUUID())).rejects.toMatchObject({ kind: "not_found", message: "Job not found" });
    expect((await getJob(callerOf(admin), job!.id)).id).toBe(job!.id);
  });
});
