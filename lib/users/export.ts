import { and, asc, eq, gt } from "drizzle-orm";
import { db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { audit } from "@/lib/audit/record";
import { requirePermission, type Caller } from "@/lib/authz/caller";
import { csvCell } from "@/lib/csv/cell";
import { asInvitedMember } from "./invitations";
import { userFilter, type UserFilter } from "./list";

export const USERS_CSV_HEADER = "id,email,first_name,last_name,username,status,mfa,last_sign_in,created\n";
const BATCH = 2_000;

/**
 * CSV lines of every user of the caller's tenant matching the filter, a batch at a time. Batches
 * continue after the last email seen (emails are unique), so each one is an index seek: a
 * million-row export costs the same per batch at the end as at the start.
 */
export async function* usersCsv(caller: Caller, query: UserFilter): AsyncGenerator<string> {
  await requirePermission(caller, "User", "Read");
  const { where } = await userFilter(caller.tenantId, query);
  await audit({ tenantId: caller.tenantId, actorId: caller.userId, actorEmail: caller.email, ip: caller.ip, action: "users.exported", data: { filter: query } });
  yield USERS_CSV_HEADER;
  let after: string | undefined;
  for (;;) {
    const rows = await db
      .select({ u: users, invitedAt: memberships.invitedAt })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(after === undefined ? where : and(where, gt(users.email, after)))
      .orderBy(asc(users.email))
      .limit(BATCH);
    if (!rows.length) return;
    after = rows[rows.length - 1]!.u.email;
    // A pending invitation shows only its address, as in the users table.
    yield rows.map(({ u: row, invitedAt }) => (invitedAt ? asInvitedMember(row, invitedAt) : row)).map((u) => [u.id, u.email, u.firstName, u.lastName, u.username, u.active ? "active" : "disabled", u.mfaEnrolled ? "on" : "off", u.lastLoginAt, u.createdAt].map(csvCell).join(",") + "\n").join("");
    if (rows.length < BATCH) return;
  }
}
