// Pending changes of a user's own mobile number or e-mail address. Only a hash of the SMS code (HMAC) or of the
// link token (SHA-256) is kept; the new value is applied to the user only when the code or link is confirmed.
import type { Db } from '../open.ts';

export type ChangeKind = 'mobile' | 'email';

export interface ContactChange {
  id: number;
  userId: number;
  kind: ChangeKind;
  newValue: string;
  secretHash: string;
  expiresAt: string;
  tries: number;
  createdAt: string;
  usedAt: string | null;
}

interface Row {
  id: number;
  user_id: number;
  kind: ChangeKind;
  new_value: string;
  secret_hash: string;
  expires_at: string;
  tries: number;
  created_at: string;
  used_at: string | null;
}

const rowToChange = (r: Row): ContactChange => ({
  id: r.id,
  userId: r.user_id,
  kind: r.kind,
  newValue: r.new_value,
  secretHash: r.secret_hash,
  expiresAt: r.expires_at,
  tries: r.tries,
  createdAt: r.created_at,
  usedAt: r.used_at,
});

/** Starts a change; earlier open changes of the same kind end (only the newest code or link works). */
export function insertChange(
  db: Db,
  c: { userId: number; kind: ChangeKind; newValue: string; secretHash: string; expiresAt: string; at: string },
): number {
  db.prepare(`UPDATE contact_changes SET used_at = ? WHERE user_id = ? AND kind = ? AND used_at IS NULL`).run(
    c.at,
    c.userId,
    c.kind,
  );
  return Number(
    db
      .prepare(
        `INSERT INTO contact_changes (user_id, kind, new_value, secret_hash, expires_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(c.userId, c.kind, c.newValue, c.secretHash, c.expiresAt, c.at).lastInsertRowid,
  );
}

/** The newest open (unused) change of this kind for the user. */
export function latestOpenChange(db: Db, userId: number, kind: ChangeKind): ContactChange | null {
  const r = db
    .prepare(
      `SELECT * FROM contact_changes WHERE user_id = ? AND kind = ? AND used_at IS NULL ORDER BY id DESC LIMIT 1`,
    )
    .get(userId, kind) as Row | undefined;
  return r ? rowToChange(r) : null;
}

export function findChangeByHash(db: Db, hash: string): ContactChange | null {
  const r = db.prepare('SELECT * FROM contact_changes WHERE secret_hash = ?').get(hash) as Row | undefined;
  return r ? rowToChange(r) : null;
}

export function addChangeTry(db: Db, id: number): void {
  db.prepare('UPDATE contact_changes SET tries = tries + 1 WHERE id = ?').run(id);
}

export function markChangeUsed(db: Db, id: number, at: string): void {
  db.prepare('UPDATE contact_changes SET used_at = ? WHERE id = ?').run(at, id);
}

export function countChangesSince(db: Db, userId: number, kind: ChangeKind, since: string): number {
  return (
    db
      .prepare('SELECT COUNT(*) AS n FROM contact_changes WHERE user_id = ? AND kind = ? AND created_at >= ?')
      .get(userId, kind, since) as { n: number }
  ).n;
}

/** Applies a confirmed change to the user's account. */
export function applyChange(db: Db, userId: number, kind: ChangeKind, value: string): void {
  const column = kind === 'mobile' ? 'mobile' : 'email';
  db.prepare(`UPDATE users SET ${column} = ? WHERE id = ?`).run(value, userId);
}
