import { and, inArray, isNotNull, isNull, lt, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { db } from "@/db/client";
import { refreshPlannerStats } from "@/db/dialect";
import { apiTokens, authChallenges, oneTimeCodes, sessions, throttles, trustedDevices, webauthnChallenges } from "@/db/schema";
import { poller } from "@/lib/ops/poller";

/**
 * Rows whose only purpose has ended: single-use sign-in steps and codes, expired trusted devices,
 * sessions and API tokens that can no longer be used, idle throttle counters. Nothing
 * reads them again (lists show only live credentials; the audit log keeps the history), but left
 * alone they grow with every sign-in. Every instance sweeps; a row two instances both pick is
 * simply deleted once.
 */
const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** A week after a credential ended, so "why was I signed out?" can still be answered from the row. */
const KEEP_ENDED_MS = 7 * DAY;
/** Throttle counters reset after an hour of quiet; a day without a failure is long past that. */
const THROTTLE_IDLE_MS = DAY;
/** Rows per statement: a large backlog never holds the SQLite connection for long. */
const BATCH = 500;

type Sweep = { table: SQLiteTable; key: SQLiteColumn; expired: (now: number) => SQL | undefined };

const SWEEPS: Record<string, Sweep> = {
  auth_challenges: { table: authChallenges, key: authChallenges.id, expired: (now) => lt(authChallenges.expiresAt, new Date(now - HOUR)) },
  webauthn_challenges: { table: webauthnChallenges, key: webauthnChallenges.id, expired: (now) => lt(webauthnChallenges.expiresAt, new Date(now - HOUR)) },
  one_time_codes: { table: oneTimeCodes, key: oneTimeCodes.id, expired: (now) => lt(oneTimeCodes.expiresAt, new Date(now - DAY)) },
  trusted_devices: { table: trustedDevices, key: trustedDevices.id, expired: (now) => lt(trustedDevices.expiresAt, new Date(now - DAY)) },
  sessions: { table: sessions, key: sessions.id, expired: (now) => or(lt(sessions.revokedAt, new Date(now - KEEP_ENDED_MS)), lt(sessions.expiresAt, new Date(now - KEEP_ENDED_MS))) },
  // Permanent tokens never expire on their own (expiresAt null): only revoked ones go.
  api_tokens: {
    table: apiTokens,
    key: apiTokens.id,
    expired: (now) => or(lt(apiTokens.revokedAt, new Date(now - KEEP_ENDED_MS)), and(isNotNull(apiTokens.expiresAt), lt(apiTokens.expiresAt, new Date(now - KEEP_ENDED_MS)))),
  },
  throttles: {
    table: throttles,
    key: throttles.key,
    expired: (now) => and(lt(throttles.updatedAt, new Date(now - THROTTLE_IDLE_MS)), or(isNull(throttles.lockedUntil), lt(throttles.lockedUntil, new Date(now)))),
  },
};

/** Deletes what has ended as of `now`; returns how many rows went, per table. */
export async function sweepEnded(now = Date.now()) {
  const deleted: Record<string, number> = {};
  for (const [name, { table, key, expired }] of Object.entries(SWEEPS)) {
    deleted[name] = 0;
    for (;;) {
      const batch = db.select({ key }).from(table).where(expired(now)).limit(BATCH);
      const rows = await db.delete(table).where(inArray(key, batch)).returning({ key });
      deleted[name] += rows.length;
      if (rows.length < BATCH || loop.state.stopping) break;
    }
  }
  return deleted;
}

/**
 * The hourly pass: the sweep, then the planner's statistics, which what the sweep deleted and
 * everything added since the last pass may have made stale (db/dialect refreshPlannerStats).
 */
export async function housekeepingPass(now = Date.now()) {
  const deleted = await sweepEnded(now);
  await refreshPlannerStats();
  return deleted;
}

const loop = poller("housekeeping", HOUR, async () => {
  await housekeepingPass();
});

export const startHousekeeping = () => loop.start();
export const stopHousekeeping = () => loop.stop();
