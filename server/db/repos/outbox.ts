import type { Db } from '../open.ts';

export type OutboxChannel = 'sms' | 'mail';

export interface SmsPayload {
  body: string;
}
export interface MailPayload {
  subject: string;
  text: string;
}

export interface OutboxItem {
  id: number;
  channel: OutboxChannel;
  recipient: string;
  payload: SmsPayload | MailPayload;
  attempts: number;
  createdAt: string;
}

export function enqueue(
  db: Db,
  item:
    | { channel: 'sms'; recipient: string; payload: SmsPayload; at: string }
    | {
        channel: 'mail';
        recipient: string;
        payload: MailPayload;
        at: string;
      },
): number {
  return Number(
    db
      .prepare(`INSERT INTO outbox (channel, recipient, payload, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?)`)
      .run(item.channel, item.recipient, JSON.stringify(item.payload), item.at, item.at).lastInsertRowid,
  );
}

export function dueItems(db: Db, now: string, limit: number): OutboxItem[] {
  const rows = db
    .prepare(
      `SELECT id, channel, recipient, payload, attempts, created_at FROM outbox
       WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?`,
    )
    .all(now, limit) as Array<{
    id: number;
    channel: OutboxChannel;
    recipient: string;
    payload: string;
    attempts: number;
    created_at: string;
  }>;
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    recipient: r.recipient,
    payload: JSON.parse(r.payload) as SmsPayload | MailPayload,
    attempts: r.attempts,
    createdAt: r.created_at,
  }));
}

/**
 * Marks an item delivered and blanks its payload: SMS codes and reset links must not linger in the database
 * once they left (DESIGN §7: codes and tokens are stored hashed only).
 */
export function markSent(db: Db, id: number, at: string): void {
  db.prepare(`UPDATE outbox SET status = 'sent', sent_at = ?, payload = '{"redacted":true}' WHERE id = ?`).run(at, id);
}

export function markFailed(db: Db, id: number, error: string, nextAttemptAt: string): void {
  db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?').run(
    error.slice(0, 500),
    nextAttemptAt,
    id,
  );
}

export function pendingCount(db: Db): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'`).get() as { n: number }).n;
}
