import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { jobs } from "@/db/schema";
import { callerOf, makeTenant, makeUser } from "@/test/factories";
import { failInterruptedJobs, getJob, INTERRUPTED } from "./jobs";

const insertJob = (tenantId: string, status: "queued" | "running" | "done") =>
  db.insert(jobs).values({ tenantId, kind: "users.delete", status, total: 10, done: status === "done" ? 10 : 4 }).returning().get();

describe("jobs", () => {
  it("at startup, queued and running jobs are marked failed as interrupted; finished ones stay", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const caller = callerOf(admin);
    const running = insertJob(caller.tenantId, "running");
    const queued = insertJob(caller.tenantId, "queued");
    const done = insertJob(caller.tenantId, "done");
    expect(failInterruptedJobs()).toBeGreaterThanOrEqual(2);
    for (const j of [running, queued]) expect(getJob(caller, j.id)).toMatchObject({ status: "failed", error: INTERRUPTED, done: 4, finishedAt: expect.any(Date) });
    expect(getJob(caller, done.id)).toMatchObject({ status: "done", error: null });
    expect(INTERRUPTED).toBe("Interrupted by a server restart");
  });

  it("reading a job takes User/Read in its tenant", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    const job = insertJob(callerOf(admin).tenantId, "done");
    const member = await makeUser();
    expect(() => getJob(callerOf(member), job.id)).toThrow(/permission/);
    const other = makeTenant();
    const foreignAdmin = await makeUser({ roles: ["admin"], tenantId: other.id });
    expect(() => getJob(callerOf(foreignAdmin, other.id), job.id)).toThrow(/not found/i);
    expect(getJob(callerOf(admin), job.id).id).toBe(job.id);
    expect(db.select().from(jobs).where(eq(jobs.id, job.id)).get()!.status).toBe("done");
  });
});
