/**
 * Sign-in rate limiting, per account and per client address, in SQLite so it holds across
 * restarts and processes. After ACCOUNT_LIMIT failures for one e-mail (whether or not the
 * account exists, so the answer reveals nothing) or ADDRESS_LIMIT from one address within the
 * window, sign-in from that key is refused for LOCK_MINUTES without checking the password.
 */
import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInThrottle } from "@/db/schema";

export const ACCOUNT_LIMIT = 5;
export const ADDRESS_LIMIT = 20;
export const LOCK_MINUTES = 15;
const WINDOW_MS = LOCK_MINUTES * 60_000;

export const accountKey = (email: string) => `account:${email.toLowerCase()}`;
export const addressKey = (ip: string) => `ip:${ip}`;

export function isLocked(db: Db, keys: string[], now = new Date()): boolean {
  const rows = db
    .select({ lockedUntil: signInThrottle.lockedUntil })
    .from(signInThrottle)
    .where(inArray(signInThrottle.key, keys))
    .all();
  return rows.some((row) => row.lockedUntil !== null && row.lockedUntil > now.toISOString());
}

/** Counts a failure for each key; a key that reaches its limit is locked. */
export function recordFailure(db: Db, keys: { key: string; limit: number }[], now = new Date()) {
  const nowIso = now.toISOString();
  const windowStart = new Date(now.getTime() - WINDOW_MS).toISOString();
  const lockUntil = new Date(now.getTime() + WINDOW_MS).toISOString();
  for (const { key, limit } of keys) {
    db.insert(signInThrottle)
      .values({ key, failures: 1, lastFailureAt: nowIso })
      .onConflictDoUpdate({
        target: signInThrottle.key,
        // Failures older than the window no longer count.
        set: {
          failures: sql`case when ${signInThrottle.lastFailureAt} < ${windowStart} then 1 else ${signInThrottle.failures} + 1 end`,
          lastFailureAt: nowIso,
        },
      })
      .run();
    db.update(signInThrottle)
      .set({ lockedUntil: lockUntil, failures: 0 })
      .where(sql`${signInThrottle.key} = ${key} and ${signInThrottle.failures} >= ${limit}`)
      .run();
  }
}

export function clearFailures(db: Db, key: string) {
  db.delete(signInThrottle).where(eq(signInThrottle.key, key)).run();
}
