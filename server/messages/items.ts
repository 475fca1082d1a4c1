// Repo rows → API items of "Mijn berichten". Pure, so the naming rules are unit-tested without a database.
import {
  CARE_TEAM_NAME,
  firstLine,
  type MessageAuthor,
  type MessageItem,
  type MessagePreview,
  type Recipient,
  type ThreadDetail,
  type ThreadSummary,
} from '../../shared/api/messages.ts';
import type { Message, MessageAuthorRow, MessageCandidate, ThreadHead, ThreadListRow } from '../db/repos/messages.ts';

const author = (a: MessageAuthorRow): MessageAuthor => ({ userId: a.userId, name: a.name, careTeam: a.careTeam });

/** Everyone in the thread but the caller, by name; the care team last. */
export function othersIn(
  participants: ReadonlyArray<{ userId: number; name: string }>,
  careTeam: boolean,
  me: number,
): string[] {
  const names = participants.filter((p) => p.userId !== me).map((p) => p.name);
  return careTeam ? [...names, CARE_TEAM_NAME] : names;
}

export function toSummary(
  t: ThreadListRow,
  participants: ReadonlyArray<{ userId: number; name: string }>,
  me: number,
): ThreadSummary {
  return {
    id: t.id,
    subject: t.subject,
    with: othersIn(participants, t.toCareTeam, me),
    last: { author: author(t.last.author), sentAt: t.last.sentAt, firstLine: firstLine(t.last.body) },
    messageCount: t.messageCount,
    unread: t.unread,
  };
}

export function toPreview(t: ThreadListRow): MessagePreview {
  return {
    threadId: t.id,
    subject: t.subject,
    author: author(t.last.author),
    sentAt: t.last.sentAt,
    firstLine: firstLine(t.last.body),
    unread: t.unread,
  };
}

export function toMessageItem(m: Message, unread: ReadonlySet<number>, me: number): MessageItem {
  return {
    id: m.id,
    author: author(m.author),
    sentAt: m.sentAt,
    text: m.body,
    mine: m.author.userId === me,
    unread: unread.has(m.id),
    awaitingSync: m.toCareTeam && m.sentToEhrAt === null,
  };
}

export function toDetail(
  t: ThreadHead,
  participants: ReadonlyArray<{ userId: number; name: string }>,
  messages: readonly Message[],
  unread: ReadonlySet<number>,
  me: number,
): ThreadDetail {
  return {
    id: t.id,
    subject: t.subject,
    participants: [...participants],
    careTeam: t.toCareTeam,
    messages: messages.map((m) => toMessageItem(m, unread, me)),
  };
}

export function toRecipient(m: MessageCandidate): Recipient {
  return { userId: m.userId, name: m.name, relation: m.role === 'client' ? 'Cliënt' : m.relation };
}
