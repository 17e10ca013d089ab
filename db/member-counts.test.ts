import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, rawRows } from "@/db/client";
import { engine } from "@/db/engine";
import { memberships, tenantMemberCounts, tenants, users } from "@/db/schema";
import { makeTenant, makeUser, uniqueEmail } from "@/test/factories";

/** What the triggers must keep in tenant_member_counts, counted the slow way. */
async function counted(tenantId: string) {
  const rows = await db
    .select({ active: users.active, mfa: users.mfaEnrolled })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), isNull(memberships.invitedAt)));
  return { members: rows.length, disabled: rows.filter((r) => !r.active).length, mfaEnrolled: rows.filter((r) => r.mfa).length };
}

async function kept(tenantId: string) {
  const [row] = await db.select().from(tenantMemberCounts).where(eq(tenantMemberCounts.tenantId, tenantId));
  return row && { members: row.members, disabled: row.disabled, mfaEnrolled: row.mfaEnrolled };
}

/** The kept counts of every tenant equal the counted ones. */
async function expectExact(tenantIds: string[]) {
  for (const id of tenantIds) expect({ id, ...(await kept(id)) }).toEqual({ id, ...(await counted(id)) });
}

describe("tenant_member_counts", () => {
  it("starts at zero for a new tenant", async () => {
    const t = await makeTenant();
    expect(await kept(t.id)).toEqual({ members: 0, disabled: 0, mfaEnrolled: 0 });
  });

  it("stays exact through joins, invitations, disabling, MFA, many-row statements, removals and deletions", async () => {
    const [a, b] = [await makeTenant(), await makeTenant()];
    const both = [a.id, b.id];
    const people = [];
    for (let i = 0; i < 6; i++) people.push(await makeUser({ tenantId: a.id }));
    // Two of them also belong to b: their flags count in both tenants.
    await db.insert(memberships).values(people.slice(0, 2).map((p) => ({ userId: p.id, tenantId: b.id })));
    await expectExact(both);
    expect((await kept(a.id))!.members).toBe(6);

    // One statement changing many accounts (as a bulk action does), and changes that change nothing.
    await db.update(users).set({ active: false }).where(inArray(users.id, people.slice(0, 4).map((p) => p.id)));
    await db.update(users).set({ mfaEnrolled: true }).where(inArray(users.id, people.slice(1, 3).map((p) => p.id)));
    await db.update(users).set({ active: false, lastLoginAt: new Date() }).where(eq(users.id, people[0]!.id));
    await expectExact(both);
    expect(await kept(b.id)).toEqual({ members: 2, disabled: 2, mfaEnrolled: 1 });

    // A pending invitation counts once accepted, and not before; withdrawing it changes nothing.
    const invitee = await makeUser({ tenantId: a.id });
    await db.update(users).set({ mfaEnrolled: true }).where(eq(users.id, invitee.id));
    const [invite] = await db.insert(memberships).values({ userId: invitee.id, tenantId: b.id, invitedAt: new Date() }).returning();
    await expectExact(both);
    await db.update(memberships).set({ invitedAt: null }).where(eq(memberships.id, invite!.id));
    await expectExact(both);
    await db.update(memberships).set({ invitedAt: new Date() }).where(eq(memberships.id, invite!.id));
    await db.delete(memberships).where(eq(memberships.id, invite!.id));
    await expectExact(both);

    // Leaving one tenant; an account deleted (its memberships go by cascade) while in both.
    await db.delete(memberships).where(and(eq(memberships.userId, people[5]!.id), eq(memberships.tenantId, a.id)));
    await db.delete(users).where(inArray(users.id, [people[1]!.id, people[4]!.id]));
    await expectExact(both);
    expect(await kept(b.id)).toEqual({ members: 1, disabled: 1, mfaEnrolled: 0 });

    // An account inserted and made a member inside one transaction that fails leaves no trace.
    await expect(
      db.transaction(async (tx) => {
        const [u] = await tx.insert(users).values({ email: uniqueEmail(), fullName: "Rolled Back", active: false }).returning();
        await tx.insert(memberships).values({ userId: u!.id, tenantId: a.id });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    await expectExact(both);

    // A deleted tenant takes its counts with it.
    await db.delete(tenants).where(eq(tenants.id, b.id));
    expect(await kept(b.id)).toBeUndefined();
    await expectExact([a.id]);
  });

  // Each membership insert locks its tenant's count row until commit, so two transactions joining
  // the same two tenants in opposite orders wait on each other: PostgreSQL aborts one (40P01) and
  // db/pg.ts runs it again once the other has committed. SQLite runs one transaction at a time.
  it.skipIf(engine !== "pg")("two transactions joining two tenants in opposite orders both commit (the deadlocked one is run again)", async () => {
    const [a, b, c] = [await makeTenant(), await makeTenant(), await makeTenant()];
    const [first, second] = [await makeUser({ tenantId: a.id }), await makeUser({ tenantId: a.id })];
    let arrived = 0;
    let bothHoldOne!: () => void;
    const gate = new Promise<void>((r) => (bothHoldOne = r));
    let attempts = 0;
    const join = (userId: string, order: string[]) =>
      db.transaction(async (tx) => {
        attempts++;
        await tx.insert(memberships).values({ userId, tenantId: order[0]! });
        if (++arrived === 2) bothHoldOne();
        await gate;
        await tx.insert(memberships).values({ userId, tenantId: order[1]! });
      });
    await Promise.all([join(first.id, [b.id, c.id]), join(second.id, [c.id, b.id])]);
    expect(attempts).toBe(3);
    await expectExact([a.id, b.id, c.id]);
    expect([(await kept(b.id))!.members, (await kept(c.id))!.members]).toEqual([2, 2]);
  });

  it("a transaction failing for another reason runs once", async () => {
    let attempts = 0;
    await expect(
      db.transaction(async () => {
        attempts++;
        throw new Error("not a deadlock");
      }),
    ).rejects.toThrow("not a deadlock");
    expect(attempts).toBe(1);
  });

  it("counts a many-row INSERT … SELECT of memberships (how bulk imports and the benchmarks seed) in full", async () => {
    const t = await makeTenant();
    for (let i = 0; i < 3; i++) await makeUser({ tenantId: t.id });
    const other = await makeTenant();
    const uuid = sql.raw(engine === "pg" ? "gen_random_uuid()::text" : "lower(hex(randomblob(16)))");
    await rawRows(sql`insert into ${memberships} (id, user_id, tenant_id, created_at) select ${uuid}, user_id, ${other.id}, created_at from ${memberships} where tenant_id = ${t.id} returning user_id`);
    await expectExact([t.id, other.id]);
    expect((await kept(other.id))!.members).toBe(3);
  });
});

