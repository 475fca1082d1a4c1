// Login throttling per account and per address (DESIGN §7). Unknown usernames are throttled exactly like real
// ones, so the answers never tell whether an account exists.
import { SignInRules as R } from './rules.ts';
import { clearThrottle, getThrottle, putThrottle } from '../db/repos/login-throttle.ts';
import type { Db } from '../db/open.ts';

export const accountKey = (username: string) => `user:${username.trim().toLowerCase()}`;
export const addressKey = (ip: string) => `ip:${ip}`;

/** Seconds until the first of the keys unlocks, or null when none is locked. */
export function lockedFor(db: Db, keys: string[], now: Date): number | null {
  let longest = 0;
  for (const key of keys) {
    const e = getThrottle(db, key);
    if (!e?.lockedUntil) continue;
    const ms = new Date(e.lockedUntil).getTime() - now.getTime();
    if (ms > longest) longest = ms;
  }
  return longest > 0 ? Math.ceil(longest / 1000) : null;
}

export function lockDurationMs(failures: number, freeFailures: number): number {
  if (failures < freeFailures) return 0;
  return Math.min(R.lockBaseMs * 2 ** (failures - freeFailures), R.lockMaxMs);
}

export function recordFailure(db: Db, key: string, freeFailures: number, now: Date): void {
  const e = getThrottle(db, key);
  const stale = e && now.getTime() - new Date(e.lastFailureAt).getTime() > R.failureMemoryMs;
  const failures = (e && !stale ? e.failures : 0) + 1;
  const lock = lockDurationMs(failures, freeFailures);
  putThrottle(db, {
    key,
    failures,
    lastFailureAt: now.toISOString(),
    lockedUntil: lock > 0 ? new Date(now.getTime() + lock).toISOString() : null,
  });
}

export function clearFailures(db: Db, key: string): number {
  return clearThrottle(db, key);
}
