import { and, count, eq, exists, gte, inArray, isNotNull, isNull, lt, notExists, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents, memberships, users } from "@/db/schema";
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
 * The caller's tenant in figures (a super admin: the tenant they are in). Aggregates only, each
 * inside indexes so no row is read: members as the tenant's range of memberships_tenant_idx less
 * its pending invitations (the partial memberships_pending_idx); disabled and MFA-enrolled
 * accounts from their own index (users_active_idx, the partial users_mfa_enrolled_idx), each
 * probed for membership (memberOf); activity from the tenant's sign-ins of the last 30 days in
 * audit_tenant_action_time_idx, grouped by actor first so membership is probed once per person
 * rather than once per sign-in. Still one index entry per member for the total and per disabled
 * or enrolled account (README "Home page").
 */
export async function userFigures(caller: Caller, now = new Date()): Promise<UserFigures> {
  await requirePermission(caller, "User", "Read");
  const tenantId = caller.tenantId;
  const since7 = new Date(now.getTime() - 7 * 86_400_000);
  const since30 = new Date(now.getTime() - 30 * 86_400_000);
  const members = (where: SQL) => db.select({ n: count() }).from(users).where(and(where, memberOf(tenantId, users.id)));
  const actors = db
    .select({ actorId: auditEvents.actorId, recent: sql<number>`max(case when ${gte(auditEvents.createdAt, since7)} then 1 else 0 end)`.as("recent") })
    .from(auditEvents)
    .where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.action, "login.success"), gte(auditEvents.createdAt, since30)))
    .groupBy(auditEvents.actorId)
    .as("actors");
  const inTenant = (where?: SQL) => db.select({ n: count() }).from(memberships).where(and(eq(memberships.tenantId, tenantId), where));
  const [[all], [pending], [disabled], [mfaEnrolled], [activity]] = await Promise.all([
    inTenant(),
    inTenant(isNotNull(memberships.invitedAt)),
    members(eq(users.active, false)),
    // The bare column, as the partial index users_mfa_enrolled_idx is written (a bound `= true`
    // would not show SQLite that the index applies).
    members(sql`${users.mfaEnrolled}`),
    // Someone who has left the tenant (or been deleted) is no longer one of its active users.
    db.select({ active7: n(sql`sum(${actors.recent})`), active30: count() }).from(actors).where(memberOf(tenantId, actors.actorId)),
  ]);
  return { total: all!.n - pending!.n, disabled: disabled!.n, mfaEnrolled: mfaEnrolled!.n, active7: activity!.active7, active30: activity!.active30 };
}

export interface SignInDay {
  /** YYYY-MM-DD in the viewer's time zone. */
  date: string;
  succeeded: number;
  failed: number;
}

/**
 * Successful and failed sign-ins to the caller's tenant per day, for the last `days` days in the
 * viewer's time zone, from the audit log. Two index ranges over that period (the tenant's events;
 * the events recorded before a tenant was chosen, kept only when they target one of its members),
 * each summed per day in SQL.
 */
export async function signInsPerDay(caller: Caller, opts: { days?: number; timeZone?: string; now?: Date } = {}): Promise<SignInDay[]> {
  await requirePermission(caller, "Audit", "Read");
  const tenantId = caller.tenantId;
  const days = lastDays(opts.days ?? 14, opts.timeZone ?? "UTC", opts.now);
  const from = days[0]!.start;
  const to = days.at(-1)!.end;
  const within = (d: (typeof days)[number]) => and(gte(auditEvents.createdAt, d.start), lt(auditEvents.createdAt, d.end));
  const perDay = (key: string, outcome: SQL) => Object.fromEntries(days.map((d, i) => [`${key}${i}`, when(and(outcome, within(d)))]));
  const succeeded = eq(auditEvents.action, "login.success");
  const failed = inArray(auditEvents.action, [...FAILED_SIGN_INS]);
  const early = inArray(auditEvents.action, PRE_TENANT_FAILURES);
  const range = and(gte(auditEvents.createdAt, from), lt(auditEvents.createdAt, to));
  const [[here], [before]] = await Promise.all([
    db
      .select({ ...perDay("ok", succeeded), ...perDay("bad", failed) })
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, tenantId), range, inArray(auditEvents.action, ["login.success", ...FAILED_SIGN_INS]))),
    db
      .select(perDay("bad", early))
      .from(auditEvents)
      .where(and(isNull(auditEvents.tenantId), range, early, memberOf(tenantId, auditEvents.targetId))),
  ]);
  return days.map((d, i) => ({ date: d.date, succeeded: here![`ok${i}`] ?? 0, failed: (here![`bad${i}`] ?? 0) + (before![`bad${i}`] ?? 0) }));
}
