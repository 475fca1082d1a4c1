// Message threads, their participants and messages, and per-user unread rows ("Mijn berichten").
// Only participants see a thread: every per-user query goes through message_participants.
import type { Db } from '../open.ts';

export interface MessageAuthorRow {
  userId: number | null;
  /** The user's display name, or the care team member's name from the EHR. */
  name: string;
  careTeam: boolean;
}

export interface ThreadHead {
  id: number;
  clientId: number;
  subject: string;
  toCareTeam: boolean;
  createdAt: string;
  lastMessageAt: string;
}

export interface ThreadListRow extends ThreadHead {
  last: { id: number; author: MessageAuthorRow; sentAt: string; body: string };
  messageCount: number;
  unread: number;
}

export interface Message {
  id: number;
  threadId: number;
  author: MessageAuthorRow;
  body: string;
  sentAt: string;
  toCareTeam: boolean;
  sentToEhrAt: string | null;
  source: string | null;
  externalId: string | null;
  syncedAt: string | null;
}

interface HeadRow {
  id: number;
  client_id: number;
  subject: string;
  to_care_team: number;
  created_at: string;
  last_message_at: string;
}

interface ListRow extends HeadRow {
  m_id: number;
  author_user_id: number | null;
  author_care_name: string | null;
  author_name: string | null;
  sent_at: string;
  body: string;
  message_count: number;
  unread: number;
}

interface MessageRow {
  id: number;
  thread_id: number;
  author_user_id: number | null;
  author_care_name: string | null;
  author_name: string | null;
  body: string;
  sent_at: string;
  to_care_team: number;
  sent_to_ehr_at: string | null;
  source: string | null;
  external_id: string | null;
  synced_at: string | null;
}

function authorOf(r: { author_user_id: number | null; author_care_name: string | null; author_name: string | null }) {
  return r.author_user_id === null
    ? { userId: null, name: r.author_care_name ?? '', careTeam: true }
    : { userId: r.author_user_id, name: r.author_name ?? '', careTeam: false };
}

function rowToHead(r: HeadRow): ThreadHead {
  return {
    id: r.id,
    clientId: r.client_id,
    subject: r.subject,
    toCareTeam: r.to_care_team === 1,
    createdAt: r.created_at,
    lastMessageAt: r.last_message_at,
  };
}

function rowToListRow(r: ListRow): ThreadListRow {
  return {
    ...rowToHead(r),
    last: { id: r.m_id, author: authorOf(r), sentAt: r.sent_at, body: r.body },
    messageCount: r.message_count,
    unread: r.unread,
  };
}

function rowToMessage(r: MessageRow): Message {
  return {
    id: r.id,
    threadId: r.thread_id,
    author: authorOf(r),
    body: r.body,
    sentAt: r.sent_at,
    toCareTeam: r.to_care_team === 1,
    sentToEhrAt: r.sent_to_ehr_at,
    source: r.source,
    externalId: r.external_id,
    syncedAt: r.synced_at,
  };
}

/** The caller's threads of this client, newest first by their last message. */
export function listThreadsForUser(db: Db, clientId: number, userId: number, limit = 500): ThreadListRow[] {
  const rows = db
    .prepare(
      // The newest `limit` threads first, then their last message and counts: the home panel asks for three of a
      // client's years of threads and should not pay for the others.
      `WITH t AS (
         SELECT th.* FROM message_participants p JOIN message_threads th ON th.id = p.thread_id
         WHERE p.user_id = ? AND th.client_id = ?
         ORDER BY th.last_message_at DESC, th.id DESC LIMIT ?)
       SELECT t.*, m.id AS m_id, m.author_user_id, m.author_care_name, au.display_name AS author_name, m.sent_at,
         m.body,
         (SELECT COUNT(*) FROM messages x WHERE x.thread_id = t.id) AS message_count,
         (SELECT COUNT(*) FROM message_unread r
           WHERE r.user_id = ? AND r.client_id = t.client_id AND r.thread_id = t.id) AS unread
       FROM t
       JOIN messages m ON m.id = (SELECT y.id FROM messages y WHERE y.thread_id = t.id ORDER BY y.sent_at DESC, y.id DESC
         LIMIT 1)
       LEFT JOIN users au ON au.id = m.author_user_id
       ORDER BY t.last_message_at DESC, t.id DESC`,
    )
    .all(userId, clientId, limit, userId) as ListRow[];
  return rows.map(rowToListRow);
}

/** The user participants of the caller's threads of this client: threadId → participants. */
export function participantsOfUserThreads(
  db: Db,
  clientId: number,
  userId: number,
): Map<number, Array<{ userId: number; name: string }>> {
  const rows = db
    .prepare(
      `SELECT p.thread_id, u.id AS user_id, u.display_name AS name
       FROM message_participants mine
       JOIN message_threads t ON t.id = mine.thread_id AND t.client_id = ?
       JOIN message_participants p ON p.thread_id = mine.thread_id
       JOIN users u ON u.id = p.user_id
       WHERE mine.user_id = ?
       ORDER BY u.display_name COLLATE NOCASE, u.id`,
    )
    .all(clientId, userId) as Array<{ thread_id: number; user_id: number; name: string }>;
  const out = new Map<number, Array<{ userId: number; name: string }>>();
  for (const r of rows) {
    const list = out.get(r.thread_id) ?? [];
    list.push({ userId: r.user_id, name: r.name });
    out.set(r.thread_id, list);
  }
  return out;
}

/** A thread of this client in which the user takes part; anyone else's or another client's is not found. */
export function findThreadForUser(db: Db, clientId: number, threadId: number, userId: number): ThreadHead | null {
  const r = db
    .prepare(
      `SELECT t.* FROM message_threads t JOIN message_participants p ON p.thread_id = t.id AND p.user_id = ?
       WHERE t.id = ? AND t.client_id = ?`,
    )
    .get(userId, threadId, clientId) as HeadRow | undefined;
  return r ? rowToHead(r) : null;
}

export function threadParticipants(db: Db, threadId: number): Array<{ userId: number; name: string }> {
  return db
    .prepare(
      `SELECT u.id AS userId, u.display_name AS name FROM message_participants p JOIN users u ON u.id = p.user_id
       WHERE p.thread_id = ? ORDER BY u.display_name COLLATE NOCASE, u.id`,
    )
    .all(threadId) as Array<{ userId: number; name: string }>;
}

/** The thread's messages, oldest first. */
export function listThreadMessages(db: Db, threadId: number): Message[] {
  return (
    db
      .prepare(
        `SELECT m.*, u.display_name AS author_name FROM messages m LEFT JOIN users u ON u.id = m.author_user_id
         WHERE m.thread_id = ? ORDER BY m.sent_at, m.id`,
      )
      .all(threadId) as MessageRow[]
  ).map(rowToMessage);
}

export function unreadIdsInThread(db: Db, userId: number, threadId: number): Set<number> {
  const rows = db
    .prepare(`SELECT message_id FROM message_unread WHERE user_id = ? AND thread_id = ?`)
    .all(userId, threadId) as Array<{ message_id: number }>;
  return new Set(rows.map((r) => r.message_id));
}

export function markThreadRead(db: Db, userId: number, threadId: number): number {
  return db.prepare(`DELETE FROM message_unread WHERE user_id = ? AND thread_id = ?`).run(userId, threadId).changes;
}

/** Every message in the thread that someone else wrote becomes unread again for the user. */
export function markThreadUnread(db: Db, userId: number, threadId: number): number {
  return db
    .prepare(
      `INSERT OR IGNORE INTO message_unread (user_id, message_id, thread_id, client_id)
       SELECT ?, m.id, m.thread_id, m.client_id FROM messages m
       WHERE m.thread_id = ? AND (m.author_user_id IS NULL OR m.author_user_id <> ?)`,
    )
    .run(userId, threadId, userId).changes;
}

export function unreadTotal(db: Db, userId: number, clientId: number): number {
  const r = db
    .prepare(`SELECT COUNT(*) AS n FROM message_unread WHERE user_id = ? AND client_id = ?`)
    .get(userId, clientId) as { n: number };
  return r.n;
}

/** The newest sync time of the care team's messages to this client: "bijgewerkt tot". */
export function lastCareSync(db: Db, clientId: number): string | null {
  const r = db
    .prepare(`SELECT MAX(synced_at) AS at FROM messages WHERE client_id = ? AND synced_at IS NOT NULL`)
    .get(clientId) as { at: string | null };
  return r.at;
}

export interface NewThread {
  clientId: number;
  subject: string;
  createdByUserId: number | null;
  createdByCareName: string | null;
  toCareTeam: boolean;
  at: string;
  /** Users taking part, the author included (a care team author is not a user). */
  participantIds: readonly number[];
  source?: { source: string; externalId: string; syncedAt: string } | null;
}

export function insertThread(db: Db, t: NewThread): number {
  const r = db
    .prepare(
      `INSERT INTO message_threads (client_id, subject, created_by_user_id, created_by_care_name, created_at,
         last_message_at, to_care_team, source, external_id, synced_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      t.clientId,
      t.subject,
      t.createdByUserId,
      t.createdByCareName,
      t.at,
      t.at,
      t.toCareTeam ? 1 : 0,
      t.source?.source ?? null,
      t.source?.externalId ?? null,
      t.source?.syncedAt ?? null,
    );
  const id = Number(r.lastInsertRowid);
  const add = db.prepare(`INSERT OR IGNORE INTO message_participants (thread_id, user_id) VALUES (?, ?)`);
  for (const u of t.participantIds) add.run(id, u);
  return id;
}

export interface NewMessage {
  threadId: number;
  clientId: number;
  authorUserId: number | null;
  authorCareName: string | null;
  body: string;
  sentAt: string;
  toCareTeam: boolean;
  source?: { source: string; externalId: string; syncedAt: string } | null;
}

/**
 * Adds a message, makes it unread for every user participant except its author and moves the thread up.
 * Call inside a transaction.
 */
export function insertMessage(db: Db, m: NewMessage): number {
  const r = db
    .prepare(
      `INSERT INTO messages (thread_id, client_id, author_user_id, author_care_name, body, sent_at, to_care_team,
         source, external_id, synced_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      m.threadId,
      m.clientId,
      m.authorUserId,
      m.authorCareName,
      m.body,
      m.sentAt,
      m.toCareTeam ? 1 : 0,
      m.source?.source ?? null,
      m.source?.externalId ?? null,
      m.source?.syncedAt ?? null,
    );
  const id = Number(r.lastInsertRowid);
  db.prepare(
    `INSERT INTO message_unread (user_id, message_id, thread_id, client_id)
     SELECT p.user_id, ?, ?, ? FROM message_participants p
     WHERE p.thread_id = ? AND (? IS NULL OR p.user_id <> ?)`,
  ).run(id, m.threadId, m.clientId, m.threadId, m.authorUserId, m.authorUserId);
  db.prepare(`UPDATE message_threads SET last_message_at = max(last_message_at, ?) WHERE id = ?`).run(
    m.sentAt,
    m.threadId,
  );
  return id;
}

/** The sync has delivered a message to the care team's EHR: it no longer waits in the outbox. */
export function markSentToEhr(db: Db, messageId: number, at: string): boolean {
  return (
    db
      .prepare(`UPDATE messages SET sent_to_ehr_at = ? WHERE id = ? AND to_care_team = 1 AND sent_to_ehr_at IS NULL`)
      .run(at, messageId).changes === 1
  );
}

export interface MessageCandidate {
  userId: number;
  name: string;
  role: 'client' | 'representative' | 'contact';
  relation: string | null;
}

/** The client's network members who hold the Berichten right (the client and representative always do). */
export function membersWithMessagesRight(db: Db, clientId: number): MessageCandidate[] {
  return db
    .prepare(
      `SELECT m.user_id AS userId, u.display_name AS name, m.role, m.relation
       FROM client_members m JOIN users u ON u.id = m.user_id
       WHERE m.client_id = ? AND (m.role IN ('client', 'representative') OR m.right_messages = 1)
       ORDER BY m.role <> 'client', u.display_name COLLATE NOCASE, u.id`,
    )
    .all(clientId) as MessageCandidate[];
}

export function countThreads(db: Db, clientId: number): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM message_threads WHERE client_id = ?`).get(clientId) as { n: number }).n;
}
