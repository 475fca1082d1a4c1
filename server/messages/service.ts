// "Mijn berichten" use cases for a signed-in caller. Every call checks the Berichten right first (404 stranger, 403
// no right), then writes one audit row (NEN 7513); writes and their audit row share one transaction. Only the
// participants of a thread see it: anyone else gets the same 404 as for a thread that does not exist.
// Messages are never e-mailed: recipients who opted in get a notice that there is one (notify/message-notice.ts).
import { allowSection, logFor as log, type Caller, type Input } from '../auth/caller.ts';
import { HttpError, fieldError } from '../http/errors.ts';
import {
  findThreadForUser,
  insertMessage,
  insertThread,
  lastCareSync,
  listThreadMessages,
  listThreadsForUser,
  markThreadRead,
  markThreadUnread,
  membersWithMessagesRight,
  participantsOfUserThreads,
  threadParticipants,
  unreadIdsInThread,
  unreadTotal,
  type ThreadHead,
} from '../db/repos/messages.ts';
import { toDetail, toPreview, toRecipient, toSummary } from './items.ts';
import { queueMessageNotices } from '../notify/message-notice.ts';
import {
  PANEL_COUNT,
  type CreateThreadBody,
  type MessagesPanel,
  type RecipientsResponse,
  type ReplyBody,
  type ThreadDetail,
  type ThreadsResponse,
} from '../../shared/api/messages.ts';

export type { Caller, Input };

/** The organisation settings these use cases depend on. */
export interface MessageSettings {
  /** messagesToCareTeam: the care team ("Zorgteam") may be a recipient. */
  toCareTeam: boolean;
}

export function listForCaller(c: Caller): ThreadsResponse {
  allowSection(c, 'messages', 'messages');
  const me = c.auth.user.id;
  const names = participantsOfUserThreads(c.deps.db, c.clientId, me);
  const threads = listThreadsForUser(c.deps.db, c.clientId, me).map((t) => toSummary(t, names.get(t.id) ?? [], me));
  const out = {
    threads,
    unread: unreadTotal(c.deps.db, me, c.clientId),
    syncedUntil: lastCareSync(c.deps.db, c.clientId),
  };
  log(c, { action: 'messages.read', resource: 'messages', outcome: 'success' });
  return out;
}

/** The "Mijn berichten" panel; the caller's right has been checked by the home screen. */
export function messagesPanel(c: Caller): MessagesPanel {
  const me = c.auth.user.id;
  return {
    latest: listThreadsForUser(c.deps.db, c.clientId, me, PANEL_COUNT).map(toPreview),
    unread: unreadTotal(c.deps.db, me, c.clientId),
    syncedUntil: lastCareSync(c.deps.db, c.clientId),
  };
}

/** Who the caller may write to: network members with the Berichten right (never himself), and the care team. */
function possibleRecipients(c: Caller, settings: MessageSettings): RecipientsResponse {
  const people = membersWithMessagesRight(c.deps.db, c.clientId)
    .filter((m) => m.userId !== c.auth.user.id)
    .map(toRecipient);
  return { people, careTeam: settings.toCareTeam };
}

export function recipientsForCaller(c: Caller, settings: MessageSettings): RecipientsResponse {
  allowSection(c, 'messages', 'message-recipients');
  const out = possibleRecipients(c, settings);
  log(c, { action: 'messages.recipients.read', resource: 'message-recipients', outcome: 'success' });
  return out;
}

/** A thread the caller takes part in; otherwise an audited 404 that says no more than "no such thread". */
function participantThread(c: Caller, threadId: number, action: string): ThreadHead {
  const t = findThreadForUser(c.deps.db, c.clientId, threadId, c.auth.user.id);
  if (!t) {
    log(c, { action, resource: `message-thread:${threadId}`, outcome: 'failure', detail: 'not-found' });
    throw new HttpError(404, 'not_found', 'No such thread');
  }
  return t;
}

function detailOf(c: Caller, t: ThreadHead, unread: Set<number>): ThreadDetail {
  const db = c.deps.db;
  return toDetail(t, threadParticipants(db, t.id), listThreadMessages(db, t.id), unread, c.auth.user.id);
}

/** Opens a thread: all its messages, oldest first; they become read for the caller (in the same transaction). */
export function openForCaller(c: Caller, threadId: number): ThreadDetail {
  allowSection(c, 'messages', `message-thread:${threadId}`);
  const t = participantThread(c, threadId, 'messages.read');
  return c.deps.db.transaction(() => {
    const unread = unreadIdsInThread(c.deps.db, c.auth.user.id, threadId);
    const detail = detailOf(c, t, unread);
    markThreadRead(c.deps.db, c.auth.user.id, threadId);
    log(c, { action: 'messages.read', resource: `message-thread:${threadId}`, outcome: 'success' });
    return detail;
  })();
}

export function createForCaller(c: Caller, settings: MessageSettings, input: Input<CreateThreadBody>): ThreadDetail {
  allowSection(c, 'messages', 'messages');
  const body = input();
  const careTeam = body.careTeam === true;
  if (careTeam && !settings.toCareTeam) {
    throw fieldError('validation_failed', 'The care team cannot receive messages', 'recipients', 'care_team_off');
  }
  // Checked at send time: someone whose right was taken away meanwhile is no longer a valid recipient.
  const allowed = new Set(possibleRecipients(c, settings).people.map((p) => p.userId));
  const recipients = [...new Set(body.recipients)];
  if (recipients.some((id) => !allowed.has(id))) {
    throw fieldError('validation_failed', 'Not a possible recipient', 'recipients', 'invalid_recipient');
  }
  const me = c.auth.user.id;
  const at = c.deps.clock.now().toISOString();
  return c.deps.db.transaction(() => {
    const threadId = insertThread(c.deps.db, {
      clientId: c.clientId,
      subject: body.subject,
      createdByUserId: me,
      createdByCareName: null,
      toCareTeam: careTeam,
      at,
      participantIds: [me, ...recipients],
    });
    const messageId = insertMessage(c.deps.db, {
      threadId,
      clientId: c.clientId,
      authorUserId: me,
      authorCareName: null,
      body: body.text,
      sentAt: at,
      toCareTeam: careTeam,
    });
    queueMessageNotices(c.deps, { threadId, clientId: c.clientId, authorUserId: me, at });
    log(c, {
      action: 'messages.create',
      resource: `message-thread:${threadId}`,
      outcome: 'success',
      detail: `message:${messageId} to ${recipients.length}${careTeam ? '+care-team' : ''}`,
    });
    return detailOf(c, findThreadForUser(c.deps.db, c.clientId, threadId, me)!, new Set());
  })();
}

/** A reply goes to everyone in the thread; to the care team only while the organisation allows it. */
export function replyForCaller(
  c: Caller,
  settings: MessageSettings,
  threadId: number,
  input: Input<ReplyBody>,
): ThreadDetail {
  allowSection(c, 'messages', `message-thread:${threadId}`);
  const t = participantThread(c, threadId, 'messages.reply');
  const body = input();
  const me = c.auth.user.id;
  const at = c.deps.clock.now().toISOString();
  return c.deps.db.transaction(() => {
    const messageId = insertMessage(c.deps.db, {
      threadId,
      clientId: c.clientId,
      authorUserId: me,
      authorCareName: null,
      body: body.text,
      sentAt: at,
      toCareTeam: t.toCareTeam && settings.toCareTeam,
    });
    queueMessageNotices(c.deps, { threadId, clientId: c.clientId, authorUserId: me, at });
    // Replying means the caller has read what came before.
    markThreadRead(c.deps.db, me, threadId);
    log(c, {
      action: 'messages.reply',
      resource: `message-thread:${threadId}`,
      outcome: 'success',
      detail: `message:${messageId}`,
    });
    return detailOf(c, findThreadForUser(c.deps.db, c.clientId, threadId, me)!, new Set());
  })();
}

export function markUnreadForCaller(c: Caller, threadId: number): void {
  allowSection(c, 'messages', `message-thread:${threadId}`);
  participantThread(c, threadId, 'messages.mark-unread');
  c.deps.db.transaction(() => {
    markThreadUnread(c.deps.db, c.auth.user.id, threadId);
    log(c, { action: 'messages.mark-unread', resource: `message-thread:${threadId}`, outcome: 'success' });
  })();
}
