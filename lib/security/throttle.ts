import { createHash } from "node:crypto";
import { and, eq, gt, gte, inArray, lte, or, sql } from "drizzle-orm";
import { db, type DB, type Tx } from "@/db/client";
import { throttles } from "@/db/schema";
import { env } from "@/lib/env";
import { rateLimited } from "@/lib/errors";

/** Failures allowed before delays start, then the delay doubles per failure up to the cap. */
export const FREE_FAILURES = 5;
const BASE_DELAY_S = 2;
const MAX_DELAY_S = 15 * 60;
/** Counters older than this reset on the next failure. */
const WINDOW_MS = 60 * 60 * 1000;

/** An address is shared by many people (offices, NAT), so it gets more room than one account. */
export const IP_FREE_FAILURES = Number(process.env.THROTTLE_IP_FREE_FAILURES ?? 20);

/** Identifiers up to this length stay readable in keys (every valid email address or username does). */
const KEY_IDENTIFIER_MAX = 320;

/**
 * A throttle key for something the client typed. A longer value is hashed: the key is a primary
 * key (PostgreSQL's btree refuses rows past ~2.7 KB, a 500) and is written on every failure, so
 * its size must not follow the request. Same value, same key; callers normalise case first.
 */
export const identifierKey = (prefix: string, identifier: string) =>
  identifier.length <= KEY_IDENTIFIER_MAX ? `${prefix}:${identifier}` : `${prefix}:sha256:${createHash("sha256").update(identifier).digest("hex")}`;

/** The throttle key of one account, whether it is named by email or by username. */
export const accountThrottleKey = (account: string) => identifierKey("acct", account);

const freeFor = (key: string) => (key.startsWith("ip:") ? IP_FREE_FAILURES : FREE_FAILURES);

/**
 * Every counter below is one atomic statement (an upsert or an update computing from the stored
 * value, RETURNING the result), never a read followed by a write: instances sharing one database
 * count together. Several keys are always written in one order, so two transactions touching the
 * same keys on PostgreSQL queue behind each other's row locks instead of deadlocking.
 */
const ordered = (keys: string[]) => [...keys].sort();

/** Runs fn in the caller's transaction, or in a new one when given the global db. */
const inTransaction = <T>(tx: Tx | DB, fn: (t: Tx | DB) => Promise<T>): Promise<T> => (tx === db ? db.transaction(fn) : fn(tx));

/**
 * Throttle keys for a client address, only when TRUST_PROXY says the address is real. A forgeable
 * address would be useless as a key, and one shared "unknown" key would let one attacker lock
 * everybody out; without a proxy, per-account limits carry the load.
 */
export const perClientKeys = (prefix: string, ip: string): string[] => (env.TRUST_PROXY ? [`${prefix}:${ip}`] : []);

/** consumeRate for a client address; a no-op when the address cannot be trusted (see perClientKeys). */
export async function consumeClientRate(prefix: string, ip: string, limit: number, windowSeconds: number) {
  for (const key of perClientKeys(prefix, ip)) await consumeRate(key, limit, windowSeconds);
}

export function delayFor(failures: number, free = FREE_FAILURES) {
  if (failures < free) return 0;
  return Math.min(MAX_DELAY_S, BASE_DELAY_S * 2 ** (failures - free));
}

/** When a key with this many recent failures, the last at `now`, is locked until (null: not locked). */
const lockFor = (key: string, failures: number, now: number) => {
  const delay = delayFor(failures, freeFor(key));
  return delay ? new Date(now + delay * 1000) : null;
};

/** Throws rate_limited ("try again in N s") if any of these counter rows is locked. */
function refuseLocked(rows: { lockedUntil: Date | null }[], now: number) {
  for (const { lockedUntil } of rows)
    if (lockedUntil && lockedUntil.getTime() > now) throw rateLimited(Math.ceil((lockedUntil.getTime() - now) / 1000));
}

/** Throws rate_limited ("try again in N s") while any of the keys is locked. */
export async function assertNotThrottled(keys: string[], now = Date.now(), tx: Tx | DB = db) {
  if (!keys.length) return;
  refuseLocked(await tx.select({ lockedUntil: throttles.lockedUntil }).from(throttles).where(inArray(throttles.key, keys)), now);
}

/**
 * Counts a failure on each key. The count is one atomic upsert (a counter older than the window
 * starts again at 1); the lock it earns depends on the new count, so it is written right after, in
 * the same transaction: on PostgreSQL the upsert's row lock keeps the two together.
 */
export async function recordFailure(keys: string[], now = Date.now(), tx: Tx | DB = db) {
  if (!keys.length) return;
  await inTransaction(tx, async (t) => {
    for (const key of ordered(keys)) {
      const [row] = await t
        .insert(throttles)
        .values({ key, failures: 1, lockedUntil: lockFor(key, 1, now), updatedAt: new Date(now) })
        .onConflictDoUpdate({
          target: throttles.key,
          set: {
            failures: sql`case when ${gte(throttles.updatedAt, new Date(now - WINDOW_MS))} then ${throttles.failures} + 1 else 1 end`,
            lockedUntil: null,
            updatedAt: new Date(now),
          },
        })
        .returning({ failures: throttles.failures });
      const lockedUntil = lockFor(key, row!.failures, now);
      if (lockedUntil) await t.update(throttles).set({ lockedUntil }).where(eq(throttles.key, key));
    }
  });
}

/** A claim whose check never reported back (a crashed request) stops counting after this. */
const CLAIM_STALE_MS = 30_000;
/** How long a claim waits for the attempts ahead of it before giving up with a 429. */
const CLAIM_WAIT_MS = 10_000;
const CLAIM_POLL_MS = 20;

const inFlightKey = (key: string) => `inflight:${key}`;

/**
 * One step of claimAttempt: refuses a locked key, and lets the attempt through only if it stays
 * within the free failures even should every attempt already in flight fail (or if none is in
 * flight, as in a sequence). Otherwise it reports "wait" and gives its claims back. Two round
 * trips: each key's in-flight count is taken by an atomic upsert first (a claim older than
 * CLAIM_STALE_MS no longer counts), and only then, in a later statement (so, on PostgreSQL, a
 * later snapshot), are the locks and failures read. Every attempt that reported back before our
 * claim is therefore seen in the failures (failedAttempt releases its claim and records its failure
 * in one transaction); one reporting in between may be counted twice (as ahead and as a failure),
 * which only makes us wait; none is missed. A crash between the statements leaves a claim that
 * goes stale like any crashed request's.
 */
async function tryClaim(keys: string[], now: number): Promise<"claimed" | "wait"> {
  const pending = new Map<string, number>();
  for (const key of ordered(keys)) {
    const [claim] = await db
      .insert(throttles)
      .values({ key: inFlightKey(key), failures: 1, lockedUntil: null, updatedAt: new Date(now) })
      .onConflictDoUpdate({
        target: throttles.key,
        set: {
          failures: sql`case when ${gt(throttles.updatedAt, new Date(now - CLAIM_STALE_MS))} then ${throttles.failures} + 1 else 1 end`,
          lockedUntil: null,
          updatedAt: new Date(now),
        },
      })
      .returning({ failures: throttles.failures });
    pending.set(key, claim!.failures - 1);
  }
  try {
    const rows = await db.select().from(throttles).where(inArray(throttles.key, keys));
    refuseLocked(rows, now);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    for (const key of keys) {
      const ahead = pending.get(key)!;
      const row = byKey.get(key);
      const recent = row && now - row.updatedAt.getTime() <= WINDOW_MS ? row.failures : 0;
      if (ahead > 0 && recent + ahead >= freeFor(key)) {
        await release(keys, now, db);
        return "wait";
      }
    }
    return "claimed";
  } catch (e) {
    await release(keys, now, db);
    throw e;
  }
}

/**
 * Claims an attempt before the slow check (argon2, a code): a burst of parallel requests gets no
 * more tries than a sequence, because an attempt that could be the one to lock the key waits for
 * those in flight to report. It is not counted as a failure yet, so parallel correct sign-ins
 * never lock each other out. Then exactly one of succeededAttempt or failedAttempt.
 */
export async function claimAttempt(keys: string[]) {
  const deadline = Date.now() + CLAIM_WAIT_MS;
  while ((await tryClaim(keys, Date.now())) === "wait") {
    if (Date.now() > deadline) throw rateLimited(1);
    await new Promise((r) => setTimeout(r, CLAIM_POLL_MS));
  }
}

/** Gives back one in-flight claim per key: the last one (or a stale count) removes the row, else one atomic decrement. */
async function release(keys: string[], now: number, tx: Tx | DB) {
  for (const key of ordered(keys)) {
    const k = inFlightKey(key);
    const gone = await tx
      .delete(throttles)
      .where(and(eq(throttles.key, k), or(lte(throttles.failures, 1), lte(throttles.updatedAt, new Date(now - CLAIM_STALE_MS)))))
      .returning({ key: throttles.key });
    if (!gone.length) await tx.update(throttles).set({ failures: sql`${throttles.failures} - 1` }).where(eq(throttles.key, k));
  }
}

/** After a claimed attempt failed: it counts now, and any lock runs from now, not from before the slow check. */
export async function failedAttempt(keys: string[], now = Date.now()) {
  await db.transaction(async (tx) => {
    await release(keys, now, tx);
    await recordFailure(keys, now, tx);
  });
}

/**
 * After a claimed attempt succeeded: the failures of these keys are forgotten and the claims given
 * back, in one statement (one round trip, atomic): the failure counters, and each claim row that
 * holds only this claim (or a stale count). A claim row shared with attempts still in flight is
 * decremented after (another atomic statement; until then it counts one claim too many, which
 * only makes a parallel attempt wait).
 */
export async function succeededAttempt(keys: string[], now = Date.now()) {
  if (!keys.length) return;
  const claims = ordered(keys).map(inFlightKey);
  const gone = await db
    .delete(throttles)
    .where(or(inArray(throttles.key, keys), and(inArray(throttles.key, claims), or(lte(throttles.failures, 1), lte(throttles.updatedAt, new Date(now - CLAIM_STALE_MS))))))
    .returning({ key: throttles.key });
  const released = new Set(gone.map((r) => r.key));
  for (const k of claims)
    if (!released.has(k)) await db.update(throttles).set({ failures: sql`${throttles.failures} - 1` }).where(eq(throttles.key, k));
}

/** Lifts the lock and forgets the failures of these keys (a success, or a password reset). */
export async function clearFailures(keys: string[], tx: Tx | DB = db) {
  if (!keys.length) return;
  await tx.delete(throttles).where(inArray(throttles.key, keys));
}

/**
 * Fixed-window counter for open API operations (signup, reset requests): n per window. One atomic
 * upsert: inside the window it counts up and keeps the window's start, past it it starts again.
 * A refused call is counted too, which changes nothing: the window's start, and so the retry
 * time, stay as they were.
 */
export async function consumeRate(key: string, limit: number, windowSeconds: number, now = Date.now()) {
  const inWindow = gt(throttles.updatedAt, new Date(now - windowSeconds * 1000));
  const [row] = await db
    .insert(throttles)
    .values({ key, failures: 1, lockedUntil: null, updatedAt: new Date(now) })
    .onConflictDoUpdate({
      target: throttles.key,
      set: {
        failures: sql`case when ${inWindow} then ${throttles.failures} + 1 else 1 end`,
        lockedUntil: null,
        updatedAt: sql`case when ${inWindow} then ${throttles.updatedAt} else ${sql.param(new Date(now), throttles.updatedAt)} end`,
      },
    })
    .returning({ failures: throttles.failures, updatedAt: throttles.updatedAt });
  if (row!.failures > limit) {
    const retry = Math.ceil((row!.updatedAt.getTime() + windowSeconds * 1000 - now) / 1000);
    throw rateLimited(Math.max(1, retry));
  }
}
