// /api/v1/clients/:clientId/messages: "Mijn berichten" (DESIGN §3). Threads between people with the Berichten right
// in the client's network and, when the organisation allows it (messagesToCareTeam), the care team ("Zorgteam").
import { z } from 'zod';
import { ClientIdParams } from './clients.ts';

const BASE = '/clients/:clientId/messages';

/** The message routes. Not in ApiPath: each feature declares its own paths. */
export const MessagePath = {
  list: BASE,
  recipients: `${BASE}/recipients`,
  thread: `${BASE}/:threadId`,
  replies: `${BASE}/:threadId/replies`,
  unread: `${BASE}/:threadId/unread`,
} as const;

export const SUBJECT_MAX = 120;
export const TEXT_MAX = 5000;
export const RECIPIENTS_MAX = 50;
/** The home panel shows the newest message in full and a line for a few older threads. */
export const PANEL_COUNT = 3;
/** The care team's name as shown to the network. */
export const CARE_TEAM_NAME = 'Zorgteam';

const id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31);

export const ThreadIdParams = ClientIdParams.extend({ threadId: id });

const Subject = z.string().trim().min(1, 'required').max(SUBJECT_MAX, 'too_long');
// Line breaks stay; only the ends are trimmed.
const Text = z.string().trim().min(1, 'required').max(TEXT_MAX, 'too_long');

export const CreateThreadBody = z
  .strictObject({
    subject: Subject,
    text: Text,
    /** User ids of the people in the network who receive it. */
    recipients: z
      .array(
        z
          .number()
          .int()
          .positive()
          .max(2 ** 31),
      )
      .max(RECIPIENTS_MAX, 'too_many'),
    /** The care team receives it too (only where the organisation allows it). */
    careTeam: z.boolean().optional(),
  })
  .refine((b) => b.recipients.length > 0 || b.careTeam === true, { path: ['recipients'], message: 'required' });
export type CreateThreadBody = z.infer<typeof CreateThreadBody>;

export const ReplyBody = z.strictObject({ text: Text });
export type ReplyBody = z.infer<typeof ReplyBody>;

export interface MessageAuthor {
  /** Null for a message from the care team (it comes from the EHR). */
  userId: number | null;
  name: string;
  careTeam: boolean;
}

export interface MessageItem {
  id: number;
  author: MessageAuthor;
  /** UTC ISO instant; the UI shows Europe/Amsterdam. */
  sentAt: string;
  text: string;
  /** Written by the caller. */
  mine: boolean;
  /** Unread for the caller before this request (opening a thread marks it read). */
  unread: boolean;
  /** Addressed to the care team and not yet sent to the EHR: "wordt bij de volgende synchronisatie verstuurd". */
  awaitingSync: boolean;
}

export interface ThreadParticipant {
  userId: number;
  name: string;
}

export interface ThreadSummary {
  id: number;
  subject: string;
  /** Everyone in the thread except the caller, the care team last (as "Zorgteam"). */
  with: string[];
  last: { author: MessageAuthor; sentAt: string; firstLine: string };
  messageCount: number;
  unread: number;
}

export interface ThreadsResponse {
  /** Newest first (by the last message). */
  threads: ThreadSummary[];
  unread: number;
  /** The newest sync time of the care team's messages; null when there are none. */
  syncedUntil: string | null;
}

export interface ThreadDetail {
  id: number;
  subject: string;
  participants: ThreadParticipant[];
  careTeam: boolean;
  /** Oldest first. */
  messages: MessageItem[];
}

export interface Recipient {
  userId: number;
  name: string;
  /** "Cliënt", or the relation as recorded ("Eerste relatie/contactpersoon"); null when unknown. */
  relation: string | null;
}

export interface RecipientsResponse {
  people: Recipient[];
  /** The care team may be chosen (organisation setting messagesToCareTeam). */
  careTeam: boolean;
}

export interface MessagePreview {
  threadId: number;
  subject: string;
  author: MessageAuthor;
  sentAt: string;
  firstLine: string;
  unread: number;
}

/** The "Mijn berichten" home panel. */
export interface MessagesPanel {
  /** The last message of the newest threads, newest first (at most PANEL_COUNT). */
  latest: MessagePreview[];
  unread: number;
  syncedUntil: string | null;
}

/** The first non-empty line of a text, shortened for a preview. */
export function firstLine(text: string, max = 120): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const t = line.trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
