import type { Db } from '../open.ts';

export type LoginStage = 'verify-device' | 'change-password' | 'done' | 'cancelled';

export interface LoginAttempt {
  id: number;
  userId: number;
  stage: LoginStage;
  deviceId: number | null;
  createdAt: string;
  expiresAt: string;
  /** Set for a first login assisted by a staff member on this ward computer: it has no SMS code. */
  wardComputerId: number | null;
}

interface AttemptRow {
  id: number;
  user_id: number;
  stage: LoginStage;
  device_id: number | null;
  created_at: string;
  expires_at: string;
  ward_computer_id: number | null;
}

function rowToAttempt(r: AttemptRow): LoginAttempt {
  return {
    id: r.id,
    userId: r.user_id,
    stage: r.stage,
    deviceId: r.device_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    wardComputerId: r.ward_computer_id,
  };
}

export function insertAttempt(
  db: Db,
  a: {
    userId: number;
    tokenHash: string;
    stage: LoginStage;
    deviceId: number | null;
    at: string;
    expiresAt: string;
    ip: string | null;
    wardComputerId?: number | null;
  },
): number {
  const r = db
    .prepare(
      `INSERT INTO login_attempts (user_id, token_hash, stage, device_id, created_at, expires_at, ip, ward_computer_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(a.userId, a.tokenHash, a.stage, a.deviceId, a.at, a.expiresAt, a.ip, a.wardComputerId ?? null);
  return Number(r.lastInsertRowid);
}

export function findAttemptByTokenHash(db: Db, tokenHash: string): LoginAttempt | null {
  const r = db.prepare('SELECT * FROM login_attempts WHERE token_hash = ?').get(tokenHash) as AttemptRow | undefined;
  return r ? rowToAttempt(r) : null;
}

export function setAttemptStage(db: Db, id: number, stage: LoginStage, deviceId: number | null): void {
  db.prepare('UPDATE login_attempts SET stage = ?, device_id = ? WHERE id = ?').run(stage, deviceId, id);
}

/** Cancels every unfinished login of the user (after a password reset an old half-done login must not finish). */
export function cancelOpenAttempts(db: Db, userId: number): void {
  db.prepare(
    `UPDATE login_attempts SET stage = 'cancelled' WHERE user_id = ? AND stage IN ('verify-device', 'change-password')`,
  ).run(userId);
}

export interface SmsCode {
  id: number;
  codeHash: string;
  sentAt: string;
  expiresAt: string;
  tries: number;
  usedAt: string | null;
}

export function insertSmsCode(
  db: Db,
  c: { attemptId: number; userId: number; codeHash: string; sentAt: string; expiresAt: string },
): number {
  const r = db
    .prepare('INSERT INTO sms_codes (login_attempt_id, user_id, code_hash, sent_at, expires_at) VALUES (?, ?, ?, ?, ?)')
    .run(c.attemptId, c.userId, c.codeHash, c.sentAt, c.expiresAt);
  return Number(r.lastInsertRowid);
}

/** The newest code of a login attempt: only the newest counts, a resend replaces the earlier one. */
export function latestSmsCode(db: Db, attemptId: number): SmsCode | null {
  const r = db
    .prepare(
      `SELECT id, code_hash, sent_at, expires_at, tries, used_at FROM sms_codes
       WHERE login_attempt_id = ? ORDER BY id DESC LIMIT 1`,
    )
    .get(attemptId) as
    | { id: number; code_hash: string; sent_at: string; expires_at: string; tries: number; used_at: string | null }
    | undefined;
  return r
    ? { id: r.id, codeHash: r.code_hash, sentAt: r.sent_at, expiresAt: r.expires_at, tries: r.tries, usedAt: r.used_at }
    : null;
}

export function countSmsCodesSince(db: Db, userId: number, since: string): number {
  const r = db.prepare('SELECT COUNT(*) AS n FROM sms_codes WHERE user_id = ? AND sent_at > ?').get(userId, since) as {
    n: number;
  };
  return r.n;
}

export function oldestSmsCodeSince(db: Db, userId: number, since: string): string | null {
  const r = db
    .prepare('SELECT MIN(sent_at) AS t FROM sms_codes WHERE user_id = ? AND sent_at > ?')
    .get(userId, since) as { t: string | null };
  return r.t;
}

export function addSmsCodeTry(db: Db, id: number): void {
  db.prepare('UPDATE sms_codes SET tries = tries + 1 WHERE id = ?').run(id);
}

export function markSmsCodeUsed(db: Db, id: number, at: string): void {
  db.prepare('UPDATE sms_codes SET used_at = ? WHERE id = ?').run(at, id);
}
