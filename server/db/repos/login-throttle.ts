import type { Db } from '../open.ts';

export interface ThrottleEntry {
  key: string;
  failures: number;
  lastFailureAt: string;
  lockedUntil: string | null;
}

export function getThrottle(db: Db, key: string): ThrottleEntry | null {
  const r = db.prepare('SELECT * FROM login_throttle WHERE key = ?').get(key) as
    { key: string; failures: number; last_failure_at: string; locked_until: string | null } | undefined;
  return r ? { key: r.key, failures: r.failures, lastFailureAt: r.last_failure_at, lockedUntil: r.locked_until } : null;
}

export function putThrottle(db: Db, e: ThrottleEntry): void {
  db.prepare(
    `INSERT INTO login_throttle (key, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at,
       locked_until = excluded.locked_until`,
  ).run(e.key, e.failures, e.lastFailureAt, e.lockedUntil);
}

export function clearThrottle(db: Db, key: string): number {
  return db.prepare('DELETE FROM login_throttle WHERE key = ?').run(key).changes;
}
