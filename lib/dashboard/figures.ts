import { and, count, eq, exists, gte, inArray, isNotNull, isNull, lt, notExists, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { timeSlices } from "@/db/dialect";
import { auditEvents, memberships, tenantMemberCounts } from "@/db/schema";
import { requirePermission, type Caller } from "@/lib/authz/caller";
import { lastDays } from "./days";

/** Sign-in outcomes the chart counts as failures: a wrong password or code, a throttled attempt, a disabled account. */
export const FAILED_SIGN_INS = ["login.failed", "login.mfa_failed", "login.throttled", "login.disabled_account"] as const;
/** Of those, the ones recorded before a tenant is chosen (no tenant_id): they count for a tenant whose member they target. */
const PRE_TENANT_FAILURES = ["login.failed", "login.throttled", "login.disabled_account"];

const n = (column: SQL) => sql<number>`coalesce(${column}, 0)`.mapWith(Number);
const when = (condition: SQL | undefined) => n(sql`sum(case when ${condition} then 1 else 0 end)`);
/**
 * Accepted members of the tenant (a pending invitation is someone else's account until accepted):
 * a membership, and no pending one. Two index probes (memberships_user_tenant_uq and the partial
 * memberships_pending_idx), so no membership row is read.
 */
const memberOf = (tenantId: string, userId: AnyColumn) =>
  and(
    exists(db.select({ one: sql`1` }).from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId)))),
    notExists(db.select({ one: sql`1` }).from(memberships).where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId), isNotNull(memberships.invitedAt)))),
  )!;

export interface UserFigures {
  total: number;
  disabled: number;
  /** Members with a second factor (authenticator, PIN or passkey). */
  mfaEnrolled: number;
  /** Distinct members who signed in to this tenant in the last 7 / 30 days. */
  active7: number;
  active30: number;
}

/**
 * The caller's tenant in figures (a super admin: the tenant they are in). Members, disabled and
 * MFA-enrolled accounts are one row of tenant_member_counts, which triggers keep exact (migration
 * *_tenant_member_counts), so they cost the same at ten members or a million. Activity comes from
 * the tenant's sign-ins of the last 30 days in audit_tenant_action_time_idx, grouped by actor first
 * so membership is probed once per person rather than once per sign-in: it grows with how many
 * people signed in, not with the tenant (README "Home page").
 */
export async function userFigures(caller: Caller, now = new Date()): Promise<UserFigures> {
  await requirePermission(caller, "User", "Read");
  const tenantId = caller.tenantId;
  const since7 = new Date(now.getTime() - 7 * 86_400_000);
  const since30 = new Date(now.getTime() - 30 * 86_400_000);
  const actors = db
    .select({ actorId: auditEvents.actorId, recent: sql<number>`max(case when ${gte(auditEvents.createdAt, since7)} then 1 else 0 end)`.as("recent") })
    .from(auditEvents)
    .where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.action, "login.success"), gte(auditEvents.createdAt, since30)))
    .groupBy(auditEvents.actorId)
    .as("actors");
  const [[counts], [activity]] = await Promise.all([
    db.select().from(tenantMemberCounts).where(eq(tenantMemberCounts.tenantId, tenantId)),
    // Someone who has left the tenant (or been deleted) is no longer one of its active users.
    db.select({ active7: n(sql`sum(${actors.recent})`), active30: count() }).from(actors).where(memberOf(tenantId, actors.actorId)),
  ]);
  return { total: counts?.members ?? 0, disabled: counts?.disabled ?? 0, mfaEnrolled: counts?.mfaEnrolled ?? 0, active7: activity!.active7, active30: activity!.active30 };
}

export interface SignInDay {
  /** YYYY-MM-DD in the viewer's time zone. */
  date: string;
  succeeded: number;
  failed: number;
}

/**
 * Local midnight is a whole quarter hour in UTC in every zone in use today (offsets such as +5:45
 * included), so quarter-hour sums add up to the viewer's days exactly.
 */
const QUARTER_HOUR_S = 900;

/**
 * Successful and failed sign-ins to the caller's tenant per day, for the last `days` days in the
 * viewer's time zone, from the audit log. Two index ranges over that period (the tenant's events;
 * the events recorded before a tenant was chosen, kept only when they target one of its members),
 * each summed per quarter hour in SQL (one GROUP BY over the range, at most 96 rows a day) and
 * the quarters added up per local day here.
 */
export async function signInsPerDay(caller: Caller, opts: { days?: number; timeZone?: string; now?: Date } = {}): Promise<SignInDay[]> {
  await requirePermission(caller, "Audit", "Read");
  const tenantId = caller.tenantId;
  const days = lastDays(opts.days ?? 14, opts.timeZone ?? "UTC", opts.now);
  const range = and(gte(auditEvents.createdAt, days[0]!.start), lt(auditEvents.createdAt, days.at(-1)!.end));
  const slice = timeSlices(auditEvents.createdAt, QUARTER_HOUR_S);
  const early = inArray(auditEvents.action, PRE_TENANT_FAILURES);
  const [here, before] = await Promise.all([
    db
      .select({ at: slice.start, ok: when(eq(auditEvents.action, "login.success")), bad: when(inArray(auditEvents.action, [...FAILED_SIGN_INS])) })
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, tenantId), range, inArray(auditEvents.action, ["login.success", ...FAILED_SIGN_INS])))
      .groupBy(slice.key),
    db
      .select({ at: slice.start, ok: sql<number>`0`.mapWith(Number), bad: count() })
      .from(auditEvents)
      .where(and(isNull(auditEvents.tenantId), range, early, memberOf(tenantId, auditEvents.targetId)))
      .groupBy(slice.key),
  ]);
  const out = days.map((d) => ({ date: d.date, succeeded: 0, failed: 0 }));
  for (const q of [...here, ...before]) {
    const at = q.at;
    const i = days.findIndex((d) => at >= d.start.getTime() && at < d.end.getTime());
    if (i < 0) continue;
    out[i]!.succeeded += q.ok;
    out[i]!.failed += q.bad;
  }
  return out;
}
