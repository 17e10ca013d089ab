import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { DB, Tx } from "@/db/client";
import { memberships } from "@/db/schema";
import { issueJoinCode } from "@/lib/account/join";
import { conflict } from "@/lib/errors";
import { findUserByEmail, type UserRow } from "./records";
import { unsavedUser } from "./unsaved";

/**
 * An admin adding an address that has an account in another tenant gets no "taken" answer (that
 * would tell them the account exists): the account becomes an invited member here instead. A
 * member of this very tenant (invited or not) keeps the documented duplicate error.
 */
export async function accountFromElsewhere(tx: Tx | DB, email: string, tenantId: string) {
  const user = await findUserByEmail(email, tx);
  if (!user) return undefined;
  const [here] = await tx.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.userId, user.id), eq(memberships.tenantId, tenantId)));
  if (here) throw conflict("Email is already taken", "email");
  return user;
}

/** The new membership waits for the owner: it grants nothing until the emailed link is accepted. */
export async function markInvited(tx: Tx | DB, userId: string, tenantId: string): Promise<string> {
  await tx.update(memberships).set({ invitedAt: new Date() }).where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId)));
  return await issueJoinCode(tx, userId, tenantId);
}

/**
 * What the tenant sees of someone whose invitation is pending: the address and nothing of the
 * account (names, sign-ins, MFA, status belong to it, not to the tenant), dated by the invitation.
 */
export const asInvitedMember = (user: Pick<UserRow, "id" | "email">, invitedAt: Date): UserRow => unsavedUser({ email: user.email }, user.id, invitedAt);

/** Of these users, those whose membership of the tenant is a pending invitation. */
export async function pendingIn(tx: Tx | DB, tenantId: string, userIds: string[]) {
  if (!userIds.length) return new Set<string>();
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), isNotNull(memberships.invitedAt), inArray(memberships.userId, userIds)));
  return new Set(rows.map((r) => r.userId));
}
