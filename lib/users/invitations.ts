import { and, eq } from "drizzle-orm";
import type { DB, Tx } from "@/db/client";
import { memberships } from "@/db/schema";
import { issueJoinCode } from "@/lib/account/join";
import { conflict } from "@/lib/errors";
import { findUserByEmail } from "./records";

/**
 * An admin adding an address that has an account in another tenant gets no "taken" answer (that
 * would tell them the account exists): the account becomes an invited member here instead. A
 * member of this very tenant (invited or not) keeps the documented duplicate error.
 */
export function accountFromElsewhere(tx: Tx | DB, email: string, tenantId: string) {
  const user = findUserByEmail(email, tx);
  if (!user) return undefined;
  const here = tx.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.userId, user.id), eq(memberships.tenantId, tenantId))).get();
  if (here) throw conflict("Email is already taken", "email");
  return user;
}

/** The new membership waits for the owner: it grants nothing until the emailed link is accepted. */
export function markInvited(tx: Tx | DB, userId: string, tenantId: string) {
  tx.update(memberships).set({ invitedAt: new Date() }).where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId))).run();
  return issueJoinCode(tx, userId, tenantId);
}
