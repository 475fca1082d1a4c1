import type { Db } from '../open.ts';

export interface NoticeRecipient {
  userId: number;
  email: string;
}

/**
 * The participants of a thread (not its author) who asked for the e-mail notice, may still read the client's
 * messages, and have no notice waiting unsent in the outbox.
 */
export function noticeRecipients(
  db: Db,
  q: { threadId: number; clientId: number; authorUserId: number | null },
): NoticeRecipient[] {
  return db
    .prepare(
      `SELECT u.id AS userId, u.email AS email
       FROM message_participants p
       JOIN users u ON u.id = p.user_id
       JOIN client_members m ON m.client_id = ? AND m.user_id = p.user_id
       WHERE p.thread_id = ? AND (? IS NULL OR p.user_id <> ?)
         AND u.notify_new_messages = 1 AND u.email <> ''
         AND (m.role IN ('client', 'representative') OR m.right_messages = 1)
         AND NOT EXISTS (
           SELECT 1 FROM message_notices n JOIN outbox o ON o.id = n.outbox_id
           WHERE n.user_id = p.user_id AND o.status = 'pending')`,
    )
    .all(q.clientId, q.threadId, q.authorUserId, q.authorUserId) as NoticeRecipient[];
}

export function noteNotice(db: Db, userId: number, outboxId: number): void {
  db.prepare(
    `INSERT INTO message_notices (user_id, outbox_id) VALUES (?, ?)
     ON CONFLICT (user_id) DO UPDATE SET outbox_id = excluded.outbox_id`,
  ).run(userId, outboxId);
}
