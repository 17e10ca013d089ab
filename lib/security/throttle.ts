import { eq } from "drizzle-orm";
import { db } from "@/db/client";
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
export function assertNotThrottled(keys: string[], now = Date.now()) {
  for (const key of keys) {
    const row = db.select().from(throttles).where(eq(throttles.key, key)).get();
    if (row?.lockedUntil && row.lockedUntil.getTime() > now)
      throw rateLimited(Math.ceil((row.lockedUntil.getTime() - now) / 1000));
  }
}

export function recordFailure(keys: string[], now = Date.now()) {
  for (const key of keys) {
    const row = db.select().from(throttles).where(eq(throttles.key, key)).get();
    const stale = !row || now - row.updatedAt.getTime() > WINDOW_MS;
    const failures = (stale ? 0 : row.failures) + 1;
    const delay = delayFor(failures, freeFor(key));
    const values = {
      key,
      failures,
      lockedUntil: delay ? new Date(now + delay * 1000) : null,
      updatedAt: new Date(now),
    };
    db.insert(throttles).values(values).onConflictDoUpdate({ target: throttles.key, set: values }).run();
  }
}

/**
 * Counts an attempt as a failure before it is verified: a burst of parallel requests cannot all
 * pass the check while the first one is still hashing. Then either clearFailures (success) or
 * failedAttempt (failure).
 */
export function claimAttempt(keys: string[], now = Date.now()) {
  assertNotThrottled(keys, now);
  recordFailure(keys, now);
}

/** After a claimed attempt failed: any lock runs from now, not from before the slow check. */
export function failedAttempt(keys: string[], now = Date.now()) {
  for (const key of keys) {
    const row = db.select().from(throttles).where(eq(throttles.key, key)).get();
    const delay = row ? delayFor(row.failures, freeFor(key)) : 0;
    if (delay) db.update(throttles).set({ lockedUntil: new Date(now + delay * 1000) }).where(eq(throttles.key, key)).run();
  }
}

export function clearFailures(keys: string[]) {
  for (const key of keys) db.delete(throttles).where(eq(throttles.key, key)).run();
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
