import type { Db } from '../open.ts';

export interface PasswordReset {
  id: number;
  userId: number;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export function insertReset(
  db: Db,
  r: { userId: number; tokenHash: string; createdAt: string; expiresAt: string },
): number {
  return Number(
    db
      .prepare('INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(r.userId, r.tokenHash, r.createdAt, r.expiresAt).lastInsertRowid,
  );
}

export function findResetByTokenHash(db: Db, tokenHash: string): PasswordReset | null {
  const r = db
    .prepare('SELECT id, user_id, created_at, expires_at, used_at FROM password_resets WHERE token_hash = ?')
    .get(tokenHash) as
    { id: number; user_id: number; created_at: string; expires_at: string; used_at: string | null } | undefined;
  return r
    ? { id: r.id, userId: r.user_id, createdAt: r.created_at, expiresAt: r.expires_at, usedAt: r.used_at }
    : null;
}

export function countResetsSince(db: Db, userId: number, since: string): number {
  return (
    db.prepare('SELECT COUNT(*) AS n FROM password_resets WHERE user_id = ? AND created_at > ?').get(userId, since) as {
      n: number;
    }
  ).n;
}

/** Marks this link used and voids every other open link of the user: only the newest mail's link may work once. */
export function useResets(db: Db, userId: number, at: string): void {
  db.prepare('UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL').run(at, userId);
}
