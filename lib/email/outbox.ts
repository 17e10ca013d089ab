import { and, count, desc, eq, or, type SQL } from "drizzle-orm";
import { contains } from "@/lib/sql/like";
import { db } from "@/db/client";
import { emails } from "@/db/schema";
import { requirePermission, type Caller } from "@/lib/authz/caller";

/**
 * Outbox for admins: mail of the caller's tenant plus tenant-less mail (password resets) only
 * for super admins, since a reset email is not tied to one tenant.
 */
export function listOutbox(caller: Caller, opts: { q?: string; page: number; pageSize: number }) {
  requirePermission(caller, "User", "Read");
  const filters: SQL[] = [];
  const scope = caller.isSuperAdmin ? undefined : eq(emails.tenantId, caller.tenantId);
  if (scope) filters.push(scope);
  if (opts.q) filters.push(or(contains(emails.to, opts.q), contains(emails.subject, opts.q))!);
  const where = filters.length ? and(...filters) : undefined;
  const rows = db
    .select()
    .from(emails)
    .where(where)
    .orderBy(desc(emails.createdAt))
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize)
    .all();
  const total = db.select({ n: count() }).from(emails).where(where).get()!.n;
  return { rows, total };
}
