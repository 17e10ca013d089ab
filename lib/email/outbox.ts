import { count, desc, or } from "drizzle-orm";
import { db } from "@/db/client";
import { contains } from "@/db/dialect";
import { emails } from "@/db/schema";
import type { Caller } from "@/lib/authz/caller";
import { forbidden } from "@/lib/errors";
import { openBody } from "./sealed";

/**
 * Outbox for the instance operator (super admins) only: its messages hold password-reset and
 * invitation links for any user, tenant admins included. Bodies are decrypted here, for them only.
 */
export async function listOutbox(caller: Caller, opts: { q?: string; page: number; pageSize: number }) {
  if (!caller.isSuperAdmin) throw forbidden("Only a super administrator can read the outbox");
  const where = opts.q ? or(contains(emails.to, opts.q), contains(emails.subject, opts.q)) : undefined;
  const rows = await db
    .select()
    .from(emails)
    .where(where)
    .orderBy(desc(emails.createdAt))
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize);
  const [total] = await db.select({ n: count() }).from(emails).where(where);
  return { rows: rows.map((r) => ({ ...r, ...openBody(r) })), total: total!.n };
}
