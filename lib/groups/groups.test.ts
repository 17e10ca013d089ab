import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, groupMembers, groups } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { ensureMembership, insertUser } from "@/lib/users/records";
import { callerOf, makeTenant, makeUser, uniqueEmail } from "@/test/factories";
import { addMembers, createGroup, deleteGroup, removeMembers, updateGroup } from "./groups";

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { kind: e.kind, field: e.field, message: e.message };
    throw e;
  }
  throw new Error("expected a refusal");
};

const memberCount = (groupId: string) => db.select().from(groupMembers).where(eq(groupMembers.groupId, groupId)).all().length;

/** Many members without password hashing: plain rows in the tenant. */
function manyUsers(tenantId: string, n: number) {
  return db.transaction((tx) =>
    Array.from({ length: n }, () => {
      const u = insertUser(tx, { email: uniqueEmail("bulk"), passwordHash: "x", firstName: "Bulk", lastName: "User" });
      ensureMembership(tx, u.id, tenantId);
      return u.id;
    }),
  );
}

async function tenantAdmin() {
  const t = makeTenant();
  const admin = await makeUser({ roles: ["admin"], tenantId: t.id });
  return { t, caller: callerOf(admin, t.id) };
}

describe("groups", () => {
  it("a system group cannot be deleted: a precondition error and nothing is removed", async () => {
    const { t, caller } = await tenantAdmin();
    const g = createGroup(caller, { name: "Everyone", isSystem: true });
    const [member] = manyUsers(t.id, 1);
    addMembers(caller, g.id, [member!]);
    expect(failure(() => deleteGroup(caller, g.id))).toMatchObject({ kind: "precondition", message: "System groups cannot be deleted" });
    expect(db.select().from(groups).where(eq(groups.id, g.id)).get()?.isSystem).toBe(true);
    expect(memberCount(g.id)).toBe(1);
    expect(db.select().from(auditEvents).where(and(eq(auditEvents.targetId, g.id), eq(auditEvents.action, "group.deleted"))).all()).toEqual([]);
    // An ordinary group still deletes.
    const plain = createGroup(caller, { name: "Plain" });
    deleteGroup(caller, plain.id);
    expect(db.select().from(groups).where(eq(groups.id, plain.id)).get()).toBeUndefined();
  });

  it("bad data is a validation error on the data field and creates or changes nothing", async () => {
    const { t, caller } = await tenantAdmin();
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    const cases: [Record<string, string>, RegExp][] = [
      [{ "": "x" }, /keys cannot be empty/],
      [{ a: "x".repeat(1001) }, /at most 1000 characters/],
      [{ ["k".repeat(101)]: "x" }, /at most 100 characters/],
      [tooMany, /at most 50 data keys/],
    ];
    for (const [data, message] of cases) {
      const f = failure(() => createGroup(caller, { name: "Bad data", data }));
      expect(f).toMatchObject({ kind: "validation", field: "data" });
      expect(f.message).toMatch(message);
    }
    expect(db.select().from(groups).where(and(eq(groups.tenantId, t.id), eq(groups.name, "Bad data"))).get()).toBeUndefined();
    const g = createGroup(caller, { name: "Good", data: { a: "1" } });
    expect(failure(() => updateGroup(caller, g.id, { data: { "": "x" } }))).toMatchObject({ kind: "validation", field: "data" });
    expect(db.select().from(groups).where(eq(groups.id, g.id)).get()?.data).toEqual({ a: "1" });
  });

  it("adds and removes over 500 members at once, all or nothing, auditing a count and a sample", async () => {
    const { t, caller } = await tenantAdmin();
    const g = createGroup(caller, { name: "Big" });
    const ids = manyUsers(t.id, 1100);
    const outsider = manyUsers(makeTenant().id, 1)[0]!;
    // The foreign user sits in the last slice: earlier slices must be rolled back too.
    expect(failure(() => addMembers(caller, g.id, [...ids, outsider]))).toMatchObject({ kind: "not_found" });
    expect(memberCount(g.id)).toBe(0);

    addMembers(caller, g.id, [...ids, ids[0]!]);
    expect(memberCount(g.id)).toBe(1100);
    const added = db.select().from(auditEvents).where(and(eq(auditEvents.targetId, g.id), eq(auditEvents.action, "group.members_added"))).get()!;
    expect(added.data).toEqual({ count: 1100, userIds: ids.slice(0, 20) });

    removeMembers(caller, g.id, ids.slice(0, 1050));
    expect(memberCount(g.id)).toBe(50);
    const removed = db.select().from(auditEvents).where(and(eq(auditEvents.targetId, g.id), eq(auditEvents.action, "group.members_removed"))).get()!;
    expect(removed.data).toMatchObject({ count: 1050 });
  });
});
