// The opt-in e-mail notice of new messages: written to the outbox in the transaction that stores the message, so a
// message and its notices commit together (DESIGN §5 Outbox). At most one unsent notice per user waits at a time.
import { enqueue } from '../db/repos/outbox.ts';
import { noteNotice, noticeRecipients } from '../db/repos/message-notices.ts';
import { newMessageMail } from './messages.ts';
import type { AuthDeps } from '../auth/deps.ts';

/** Call inside the transaction that inserted the message. Returns how many notices were queued. */
export function queueMessageNotices(
  deps: Pick<AuthDeps, 'db' | 'config'>,
  m: { threadId: number; clientId: number; authorUserId: number | null; at: string },
): number {
  const recipients = noticeRecipients(deps.db, m);
  const payload = newMessageMail(deps.config.organisationName, deps.config.publicUrl);
  for (const r of recipients) {
    const outboxId = enqueue(deps.db, { channel: 'mail', recipient: r.email, payload, at: m.at });
    noteNotice(deps.db, r.userId, outboxId);
  }
  return recipients.length;
}
