import { count, desc, or } from "drizzle-orm";
import { contains } from "@/lib/sql/like";
import { db } from "@/db/client";
import { emails } from "@/db/schema";
import type { Caller } from "@/lib/authz/caller";
import { forbidden } from "@/lib/errors";
import { openBody } from "./sealed";

/**
 * Outbox for the instance operator (super admins) only: its messages hold password-reset and
 * invitation links for any user, tenant admins included. Bodies are decrypted here, for them only.
 */
export function listOutbox(caller: Caller, opts: { q?: string; page: number; pageSize: number }) {
  if (!caller.isSuperAdmin) throw forbidden("Only a super administrator can read the outbox");
  const where = opts.q ? or(contains(emails.to, opts.q), contains(emails.subject, opts.q)) : undefined;
  const rows = db
    .select()
    .from(emails)
    .where(where)
    .orderBy(desc(emails.createdAt))
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize)
    .all();
  const total = db.select({ n: count() }).from(emails).where(where).get()!.n;
  return { rows: rows.map((r) => ({ ...r, ...openBody(r) })), total };
}
