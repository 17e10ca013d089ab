import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, groupMembers, groups } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { ensureMembership, insertUser } from "@/lib/users/records";
import { callerOf, makeTenant, makeUser, uniqueEmail } from "@/test/factories";
import { addMembers, createGroup, deleteGroup, getGroup, removeMembers, updateGroup } from "./groups";

const failure = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (e) {
    if (e instanceof AppError) return { kind: e.kind, field: e.field, message: e.message };
    throw e;
  }
  throw new Error("expected a refusal");
};

const memberCount = async (groupId: string) => (await db.select().from(groupMembers).where(eq(groupMembers.groupId, groupId))).length;
const groupById = async (id: string) => (await db.select().from(groups).where(eq(groups.id, id)))[0];

/** Many members without password hashing: plain rows in the tenant. */
function manyUsers(tenantId: string, n: number) {
  return db.transaction(async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const u = await insertUser(tx, { email: uniqueEmail("bulk"), passwordHash: "x", firstName: "Bulk", lastName: "User" });
      await ensureMembership(tx, u.id, tenantId);
      ids.push(u.id);
    }
    return ids;
  });
}

async function tenantAdmin() {
  const t = await makeTenant();
  const admin = await makeUser({ roles: ["admin"], tenantId: t.id });
  return { t, caller: callerOf(admin, t.id) };
}

describe("groups", () => {
  it("another tenant's group answers in the very words of a missing one", async () => {
    const { caller } = await tenantAdmin();
    const { caller: foreign } = await tenantAdmin();
    const g = await createGroup(caller, { name: "Private" });
    expect(await failure(() => getGroup(foreign, g.id))).toMatchObject({ kind: "not_found", message: "Group not found" });
    expect(await failure(() => getGroup(foreign, crypto.randomUUID()))).toMatchObject({ kind: "not_found", message: "Group not found" });
  });

  it("a system group cannot be deleted: a precondition error and nothing is removed", async () => {
    const { t, caller } = await tenantAdmin();
    const g = await createGroup(caller, { name: "Everyone", isSystem: true });
    const [member] = await manyUsers(t.id, 1);
    await addMembers(caller, g.id, [member!]);
    expect(await failure(() => deleteGroup(caller, g.id))).toMatchObject({ kind: "precondition", message: "System groups cannot be deleted" });
    expect((await groupById(g.id))?.isSystem).toBe(true);
    expect(await memberCount(g.id)).toBe(1);
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.targetId, g.id), eq(auditEvents.action, "group.deleted")))).toEqual([]);
    // An ordinary group still deletes.
    const plain = await createGroup(caller, { name: "Plain" });
    await deleteGroup(caller, plain.id);
    expect(await groupById(plain.id)).toBeUndefined();
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
      const f = await failure(() => createGroup(caller, { name: "Bad data", data }));
      expect(f).toMatchObject({ kind: "validation", field: "data" });
      expect(f.message).toMatch(message);
    }
    expect(await db.select().from(groups).where(and(eq(groups.tenantId, t.id), eq(groups.name, "Bad data")))).toEqual([]);
    const g = await createGroup(caller, { name: "Good", data: { a: "1" } });
    expect(await failure(() => updateGroup(caller, g.id, { data: { "": "x" } }))).toMatchObject({ kind: "validation", field: "data" });
    expect((await groupById(g.id))?.data).toEqual({ a: "1" });
  });

  it("adds and removes over 500 members at once, all or nothing, auditing a count and a sample", async () => {
    const { t, caller } = await tenantAdmin();
    const g = await createGroup(caller, { name: "Big" });
    const ids = await manyUsers(t.id, 1100);
    const outsider = (await manyUsers((await makeTenant()).id, 1))[0]!;
    // The foreign user sits in the last slice: earlier slices must be rolled back too.
    expect(await failure(() => addMembers(caller, g.id, [...ids, outsider]))).toMatchObject({ kind: "not_found" });
    expect(await memberCount(g.id)).toBe(0);

    await addMembers(caller, g.id, [...ids, ids[0]!]);
    expect(await memberCount(g.id)).toBe(1100);
    const [added] = await db.select().from(auditEvents).where(and(eq(auditEvents.targetId, g.id), eq(auditEvents.action, "group.members_added")));
    expect(added!.data).toEqual({ count: 1100, userIds: ids.slice(0, 20) });

    await removeMembers(caller, g.id, ids.slice(0, 1050));
    expect(await memberCount(g.id)).toBe(50);
    const [removed] = await db.select().from(auditEvents).where(and(eq(auditEvents.targetId, g.id), eq(auditEvents.action, "group.members_removed")));
    expect(removed!.data).toMatchObject({ count: 1050 });
  });
});
