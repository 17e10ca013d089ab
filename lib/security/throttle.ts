import { eq } from "drizzle-orm";
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

/** The throttle key of one account, whether it is named by email or by username. */
export const accountThrottleKey = (account: string) => `acct:${account}`;

const freeFor = (key: string) => (key.startsWith("ip:") ? IP_FREE_FAILURES : FREE_FAILURES);

/**
 * Throttle keys for a client address, only when TRUST_PROXY says the address is real. A forgeable
 * address would be useless as a key, and one shared "unknown" key would let one attacker lock
 * everybody out; without a proxy, per-account limits carry the load.
 */
export const perClientKeys = (prefix: string, ip: string): string[] => (env.TRUST_PROXY ? [`${prefix}:${ip}`] : []);

/** consumeRate for a client address; a no-op when the address cannot be trusted (see perClientKeys). */
export function consumeClientRate(prefix: string, ip: string, limit: number, windowSeconds: number) {
  for (const key of perClientKeys(prefix, ip)) consumeRate(key, limit, windowSeconds);
}

export function delayFor(failures: number, free = FREE_FAILURES) {
  if (failures < free) return 0;
  return Math.min(MAX_DELAY_S, BASE_DELAY_S * 2 ** (failures - free));
}

/** Throws rate_limited ("try again in N s") while any of the keys is locked. */
export function assertNotThrottled(keys: string[], now = Date.now(), tx: Tx | DB = db) {
  for (const key of keys) {
    const row = rowOf(key, tx);
    if (row?.lockedUntil && row.lockedUntil.getTime() > now)
      throw rateLimited(Math.ceil((row.lockedUntil.getTime() - now) / 1000));
  }
}

export function recordFailure(keys: string[], now = Date.now(), tx: Tx | DB = db) {
  for (const key of keys) {
    const row = rowOf(key, tx);
    const stale = !row || now - row.updatedAt.getTime() > WINDOW_MS;
    const failures = (stale ? 0 : row.failures) + 1;
    const delay = delayFor(failures, freeFor(key));
    const values = {
      key,
      failures,
      lockedUntil: delay ? new Date(now + delay * 1000) : null,
      updatedAt: new Date(now),
    };
    tx.insert(throttles).values(values).onConflictDoUpdate({ target: throttles.key, set: values }).run();
  }
}

/** A claim whose check never reported back (a crashed request) stops counting after this. */
const CLAIM_STALE_MS = 30_000;
/** How long a claim waits for the attempts ahead of it before giving up with a 429. */
const CLAIM_WAIT_MS = 10_000;
const CLAIM_POLL_MS = 20;

const inFlightKey = (key: string) => `inflight:${key}`;

function rowOf(key: string, tx: Tx | DB = db) {
  return tx.select().from(throttles).where(eq(throttles.key, key)).get();
}

function inFlight(key: string, now: number, tx: Tx | DB = db) {
  const row = rowOf(inFlightKey(key), tx);
  return row && now - row.updatedAt.getTime() < CLAIM_STALE_MS ? row.failures : 0;
}

function recentFailures(key: string, now: number, tx: Tx | DB = db) {
  const row = rowOf(key, tx);
  return row && now - row.updatedAt.getTime() <= WINDOW_MS ? row.failures : 0;
}

/**
 * One synchronous step of claimAttempt: refuses a locked key, and lets the attempt through only
 * if it stays within the free failures even should every attempt already in flight fail (or if
 * none is in flight, as in a sequence). Otherwise it reports "wait".
 */
function tryClaim(keys: string[], now: number): "claimed" | "wait" {
  return db.transaction((tx) => {
    assertNotThrottled(keys, now, tx);
    for (const key of keys) {
      const pending = inFlight(key, now, tx);
      if (pending > 0 && recentFailures(key, now, tx) + pending >= freeFor(key)) return "wait";
    }
    for (const key of keys) {
      const values = { key: inFlightKey(key), failures: inFlight(key, now, tx) + 1, lockedUntil: null, updatedAt: new Date(now) };
      tx.insert(throttles).values(values).onConflictDoUpdate({ target: throttles.key, set: values }).run();
    }
    return "claimed";
  });
}

/**
 * Claims an attempt before the slow check (argon2, a code): a burst of parallel requests gets no
 * more tries than a sequence, because an attempt that could be the one to lock the key waits for
 * those in flight to report. It is not counted as a failure yet, so parallel correct sign-ins
 * never lock each other out. Then exactly one of succeededAttempt or failedAttempt.
 */
export async function claimAttempt(keys: string[]) {
  const deadline = Date.now() + CLAIM_WAIT_MS;
  while (tryClaim(keys, Date.now()) === "wait") {
    if (Date.now() > deadline) throw rateLimited(1);
    await new Promise((r) => setTimeout(r, CLAIM_POLL_MS));
  }
}

function release(keys: string[], now: number, tx: Tx | DB = db) {
  for (const key of keys) {
    const pending = inFlight(key, now, tx);
    if (pending > 1) tx.update(throttles).set({ failures: pending - 1 }).where(eq(throttles.key, inFlightKey(key))).run();
    else tx.delete(throttles).where(eq(throttles.key, inFlightKey(key))).run();
  }
}

/** After a claimed attempt failed: it counts now, and any lock runs from now, not from before the slow check. */
export function failedAttempt(keys: string[], now = Date.now()) {
  db.transaction((tx) => {
    release(keys, now, tx);
    recordFailure(keys, now, tx);
  });
}

/** After a claimed attempt succeeded: the failures of these keys are forgotten. */
export function succeededAttempt(keys: string[], now = Date.now()) {
  db.transaction((tx) => {
    release(keys, now, tx);
    clearFailures(keys, tx);
  });
}

/** Lifts the lock and forgets the failures of these keys (a success, or a password reset). */
export function clearFailures(keys: string[], tx: Tx | DB = db) {
  for (const key of keys) tx.delete(throttles).where(eq(throttles.key, key)).run();
}

/** Fixed-window counter for open API operations (signup, reset requests): n per window. */
export function consumeRate(key: string, limit: number, windowSeconds: number, now = Date.now()) {
  const row = db.select().from(throttles).where(eq(throttles.key, key)).get();
  const windowStart = row && now - row.updatedAt.getTime() < windowSeconds * 1000 ? row : undefined;
  const count = (windowStart?.failures ?? 0) + 1;
  if (count > limit) {
    const retry = Math.ceil((windowStart!.updatedAt.getTime() + windowSeconds * 1000 - now) / 1000);
    throw rateLimited(Math.max(1, retry));
  }
  const values = { key, failures: count, lockedUntil: null, updatedAt: windowStart?.updatedAt ?? new Date(now) };
  db.insert(throttles).values(values).onConflictDoUpdate({ target: throttles.key, set: values }).run();
}
