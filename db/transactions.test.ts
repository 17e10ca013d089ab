import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { and, count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "./client";
import { engine } from "./engine";
import { auditEvents, throttles } from "./schema";

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Runs on whichever engine the suite runs on (SQLite by default, PostgreSQL with TEST_DATABASE_URL).
describe("async transactions", () => {
  it("50 concurrent transactions that read, await, then write: totals exact, failed ones leave nothing", async () => {
    const key = `test:${randomUUID()}`;
    await db.insert(throttles).values({ key, failures: 0, updatedAt: new Date() });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        db.transaction(async (tx) => {
          const [before] = await tx.select().from(throttles).where(eq(throttles.key, key));
          await pause(Math.random() * 5);
          await tx.update(throttles).set({ failures: sql`${throttles.failures} + 1`, updatedAt: new Date() }).where(eq(throttles.key, key));
          await tx.insert(auditEvents).values({ action: "test.tx", targetId: key, data: { i, seen: before!.failures } });
          await pause(Math.random() * 5);
          if (i % 3 === 0) throw new Error(`transaction ${i} fails`);
          return i;
        }),
      ),
    );
    const succeeded = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
    expect(succeeded).toHaveLength(33);
    expect(outcomes.filter((o) => o.status === "rejected")).toHaveLength(17);
    const [row] = await db.select().from(throttles).where(eq(throttles.key, key));
    expect(row!.failures).toBe(33);
    const written = await db.select({ data: auditEvents.data }).from(auditEvents).where(and(eq(auditEvents.action, "test.tx"), eq(auditEvents.targetId, key)));
    expect(written.map((w) => w.data.i as number).sort((a, b) => a - b)).toEqual([...succeeded].sort((a, b) => a - b));
  });

  it("a statement from outside never sees an open transaction's writes, and nothing of it after a rollback", async () => {
    const key = `test:${randomUUID()}`;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inside = db.transaction(async (tx) => {
      await tx.insert(throttles).values({ key, failures: 1, updatedAt: new Date() });
      await gate;
      throw new Error("rolled back");
    });
    await pause(20);
    const outside = db.select({ n: count() }).from(throttles).where(eq(throttles.key, key));
    release();
    await expect(inside).rejects.toThrow("rolled back");
    expect((await outside)[0]!.n).toBe(0);
  });

  it.skipIf(engine === "pg")("refuses db.transaction() inside a transaction on SQLite instead of deadlocking", async () => {
    await expect(db.transaction(async () => db.transaction(async () => 1))).rejects.toThrow(/use the tx/);
  });

  it.skipIf(engine === "pg")("on SQLite a transaction holds the write lock from BEGIN, so another process writing meanwhile cannot make it fail", async () => {
    // Another process on the same file (the admin CLI beside the app), without a busy wait.
    const other = new Database(process.env.DATABASE_PATH!);
    other.pragma("busy_timeout = 0");
    const key = `test:${randomUUID()}`;
    let othersWrite: unknown;
    try {
      await db.transaction(async (tx) => {
        await tx.select().from(throttles).where(eq(throttles.key, key));
        // A deferred transaction would let this commit, then fail its own write (SQLITE_BUSY).
        try {
          other.prepare("insert into throttles (key, failures, updated_at) values (?, 0, 0)").run(`${key}:other`);
        } catch (e) {
          othersWrite = e;
        }
        await tx.insert(throttles).values({ key, failures: 1, updatedAt: new Date() });
      });
    } finally {
      other.close();
    }
    expect(othersWrite).toMatchObject({ code: "SQLITE_BUSY" });
    expect(await db.select({ key: throttles.key }).from(throttles).where(eq(throttles.key, key))).toEqual([{ key }]);
  });
});
