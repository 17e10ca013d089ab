import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { makeTenant, makeUser } from "@/test/factories";

/**
 * What the triggers must keep in each membership's search_text and email (migrations sqlite 0011
 * and 0012, pg 0010 and 0011).
 */
const expected = (u: { email: string; fullName: string; username: string | null }, invited: boolean) => ({
  text: (invited ? u.email : `${u.email} ${u.fullName} ${u.username ?? ""}`).toLowerCase(),
  email: u.email,
});

async function copies(userId: string) {
  const rows = await db.select({ tenantId: memberships.tenantId, text: memberships.searchText, email: memberships.email }).from(memberships).where(eq(memberships.userId, userId));
  return new Map(rows.map(({ tenantId, ...copy }) => [tenantId, copy]));
}

describe("memberships.search_text and email", () => {
  it("follow the account's email, name and username; the text shows only the email while an invitation is pending", async () => {
    const [a, b] = [await makeTenant(), await makeTenant()];
    const user = await makeUser({ tenantId: a.id });
    const [account] = await db.update(users).set({ fullName: "Grace Brewster HOPPER", username: "GHopper" }).where(eq(users.id, user.id)).returning();
    await db.insert(memberships).values({ userId: user.id, tenantId: b.id, invitedAt: new Date() });
    expect(await copies(user.id)).toEqual(new Map([[a.id, expected(account!, false)], [b.id, expected(account!, true)]]));

    // Accepted, then the account renamed and its address changed: every membership follows.
    await db.update(memberships).set({ invitedAt: null }).where(eq(memberships.tenantId, b.id));
    const [renamed] = await db.update(users).set({ email: `moved-${user.email}`, fullName: "Grace Murray", username: null }).where(eq(users.id, user.id)).returning();
    expect(await copies(user.id)).toEqual(new Map([[a.id, expected(renamed!, false)], [b.id, expected(renamed!, false)]]));

    // Turned back into an invitation; a change to another column leaves the text as it was.
    await db.update(memberships).set({ invitedAt: new Date() }).where(eq(memberships.tenantId, b.id));
    await db.update(users).set({ lastLoginAt: new Date(), active: false }).where(eq(users.id, user.id));
    expect(await copies(user.id)).toEqual(new Map([[a.id, expected(renamed!, false)], [b.id, expected(renamed!, true)]]));

    // The address changed while b's invitation is pending, then only in case (which the lower-cased
    // text does not show, but the email copy must).
    const [moved] = await db.update(users).set({ email: `again-${user.email}` }).where(eq(users.id, user.id)).returning();
    expect(await copies(user.id)).toEqual(new Map([[a.id, expected(moved!, false)], [b.id, expected(moved!, true)]]));
    const [cased] = await db.update(users).set({ email: moved!.email.toUpperCase() }).where(eq(users.id, user.id)).returning();
    expect(await copies(user.id)).toEqual(new Map([[a.id, expected(cased!, false)], [b.id, expected(cased!, true)]]));

    // A membership handed to another account takes that account's text.
    const other = await makeUser({ tenantId: b.id });
    await db.delete(memberships).where(eq(memberships.userId, other.id));
    await db.update(memberships).set({ userId: other.id }).where(eq(memberships.userId, user.id));
    expect(await copies(other.id)).toEqual(new Map([[a.id, expected(other, false)], [b.id, expected(other, true)]]));
  });
});
