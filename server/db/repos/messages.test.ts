import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../open.ts';
import { insertClient, insertMember } from './clients.ts';
import { insertUser } from './users.ts';
import {
  countThreads,
  findThreadForUser,
  insertMessage,
  insertThread,
  lastCareSync,
  listThreadMessages,
  listThreadsForUser,
  markSentToEhr,
  markThreadRead,
  markThreadUnread,
  membersWithMessagesRight,
  participantsOfUserThreads,
  unreadIdsInThread,
  unreadTotal,
} from './messages.ts';

let db: Db;
let clientId: number;
let otherClient: number;
let truus: number;
let annie: number;
let kees: number;

const user = (name: string, kind: 'client' | 'contact') =>
  insertUser(db, {
    username: name.split(' ')[0]!.toLowerCase(),
    displayName: name,
    email: 'x@example.nl',
    mobile: '+31612345678',
    kind,
    passwordHash: 'h',
    mustChangePassword: false,
    createdAt: 't',
  });

function send(threadId: number, from: number | null, body: string, sentAt: string, client = clientId): number {
  return insertMessage(db, {
    threadId,
    clientId: client,
    authorUserId: from,
    authorCareName: from === null ? 'Maria de Bruin' : null,
    body,
    sentAt,
    toCareTeam: false,
    source: from === null ? { source: 'ehr', externalId: `m-${sentAt}`, syncedAt: sentAt } : null,
  });
}

function start(from: number, to: number[], sentAt: string, body = 'Hallo', client = clientId): number {
  const id = insertThread(db, {
    clientId: client,
    subject: `Over ${body}`,
    createdByUserId: from,
    createdByCareName: null,
    toCareTeam: false,
    at: sentAt,
    participantIds: [from, ...to],
  });
  send(id, from, body, sentAt, client);
  return id;
}

beforeEach(() => {
  db = openDatabase(':memory:');
  truus = user('Truus van Dorp', 'client');
  annie = user('Annie van Dorp', 'contact');
  kees = user('Kees van Dorp', 'contact');
  clientId = insertClient(db, truus, 'Truus van Dorp', 't');
  otherClient = insertClient(db, null, 'Iemand anders', 't');
  const member = (userId: number, role: 'client' | 'contact', relation: string | null, allRights: boolean) =>
    insertMember(db, { clientId, userId, role, relation, locked: false, allRights, createdAt: 't' });
  member(truus, 'client', null, true);
  member(annie, 'contact', 'Dochter', false);
  member(kees, 'contact', 'Zoon', true);
});

describe('messages repo', () => {
  it('lists only the user’s own threads of this client, newest last message first, with unread counts', () => {
    const a = start(truus, [annie], '2026-01-01T10:00:00.000Z', 'Eerste');
    const b = start(truus, [kees], '2026-01-02T10:00:00.000Z', 'Tweede');
    start(truus, [annie], '2026-01-03T10:00:00.000Z', 'Ander', otherClient);
    send(a, annie, 'Antwoord\nmet twee regels', '2026-01-04T10:00:00.000Z');
    const truusList = listThreadsForUser(db, clientId, truus);
    expect(truusList.map((t) => [t.id, t.messageCount, t.unread])).toEqual([
      [a, 2, 1],
      [b, 1, 0],
    ]);
    expect(truusList[0]!.last).toMatchObject({
      author: { userId: annie, name: 'Annie van Dorp' },
      body: 'Antwoord\nmet twee regels',
    });
    expect(listThreadsForUser(db, clientId, annie).map((t) => [t.id, t.unread])).toEqual([[a, 1]]);
    expect(listThreadsForUser(db, clientId, truus, 1)).toHaveLength(1);
    expect(
      participantsOfUserThreads(db, clientId, annie)
        .get(a)!
        .map((p) => p.name),
    ).toEqual(['Annie van Dorp', 'Truus van Dorp']);
    expect(findThreadForUser(db, clientId, b, annie)).toBeNull();
    expect(findThreadForUser(db, otherClient, a, truus)).toBeNull();
    expect(findThreadForUser(db, clientId, a, annie)).toMatchObject({ id: a, subject: 'Over Eerste' });
    expect(countThreads(db, clientId)).toBe(2);
  });

  it('unread rows: per user and message, read and unread again', () => {
    const a = start(truus, [annie, kees], '2026-01-01T10:00:00.000Z');
    const m2 = send(a, annie, 'Ja', '2026-01-01T11:00:00.000Z');
    expect(unreadTotal(db, kees, clientId)).toBe(2);
    expect(unreadTotal(db, truus, clientId)).toBe(1);
    expect([...unreadIdsInThread(db, truus, a)]).toEqual([m2]);
    expect(markThreadRead(db, kees, a)).toBe(2);
    expect(unreadTotal(db, kees, clientId)).toBe(0);
    expect(unreadTotal(db, annie, clientId)).toBe(1);
    expect(markThreadUnread(db, annie, a)).toBe(0); // her only unread message is unread already; her own never
    expect(markThreadUnread(db, kees, a)).toBe(2);
    expect(unreadTotal(db, kees, clientId)).toBe(2);
  });

  it('care team messages: the author by name, the newest sync time per client, oldest first in the thread', () => {
    const a = start(truus, [annie], '2026-01-01T10:00:00.000Z');
    expect(lastCareSync(db, clientId)).toBeNull();
    send(a, null, 'De wond heeft zich goed hersteld.', '2026-01-02T08:00:00.000Z');
    send(a, null, 'Tot morgen.', '2026-01-01T20:00:00.000Z');
    expect(lastCareSync(db, clientId)).toBe('2026-01-02T08:00:00.000Z');
    expect(lastCareSync(db, otherClient)).toBeNull();
    const msgs = listThreadMessages(db, a);
    expect(msgs.map((m) => m.body)).toEqual(['Hallo', 'Tot morgen.', 'De wond heeft zich goed hersteld.']);
    expect(msgs[2]!.author).toEqual({ userId: null, name: 'Maria de Bruin', careTeam: true });
    // the thread's time only moves forward
    expect(listThreadsForUser(db, clientId, truus)[0]!.lastMessageAt).toBe('2026-01-02T08:00:00.000Z');
  });

  it('a message to the care team leaves the outbox once sent to the EHR, only once', () => {
    const a = insertThread(db, {
      clientId,
      subject: 'Vraag',
      createdByUserId: truus,
      createdByCareName: null,
      toCareTeam: true,
      at: 't',
      participantIds: [truus],
    });
    const m = insertMessage(db, {
      threadId: a,
      clientId,
      authorUserId: truus,
      authorCareName: null,
      body: 'Mag ik douchen?',
      sentAt: 't',
      toCareTeam: true,
    });
    const plain = send(a, truus, 'Zonder zorgteam', 't2');
    expect(listThreadMessages(db, a)[0]!.sentToEhrAt).toBeNull();
    expect(markSentToEhr(db, m, 's')).toBe(true);
    expect(markSentToEhr(db, m, 's2')).toBe(false);
    expect(markSentToEhr(db, plain, 's')).toBe(false);
    expect(listThreadMessages(db, a)[0]!.sentToEhrAt).toBe('s');
  });

  it('members with the Berichten right: the client first, then by name', () => {
    expect(membersWithMessagesRight(db, clientId).map((m) => [m.name, m.role, m.relation])).toEqual([
      ['Truus van Dorp', 'client', null],
      ['Kees van Dorp', 'contact', 'Zoon'],
    ]);
  });
});
