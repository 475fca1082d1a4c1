// "Mijn berichten" over HTTP with the real server: rights on every route, only participants see a thread,
// unread per user, replies to everyone, mark unread, the home panel, audit rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMessage, insertThread } from '../../server/db/repos/messages.ts';
import { closeAll, count } from '../helpers/portal.ts';
import { messagesWorld, msgPath, onlyRights, thread, type MessagesWorld } from './messages-world.ts';
import type { HttpClient, Res } from '../helpers/http-client.ts';

let w: MessagesWorld;
beforeAll(async () => {
  w = await messagesWorld();
});
afterAll(closeAll);

const WHO = [
  'truus',
  'annie without rights',
  'annie with Afspraken',
  'annie with Berichten',
  'maria (stranger)',
] as const;
type Who = (typeof WHO)[number];
const ROUTES = ['GET list', 'GET recipients', 'POST', 'GET thread', 'POST reply', 'POST unread'] as const;
type Route = (typeof ROUTES)[number];
const OK: Record<Route, number> = {
  'GET list': 200,
  'GET recipients': 200,
  POST: 201,
  'GET thread': 200,
  'POST reply': 201,
  'POST unread': 204,
};
const OUTCOME: Record<Who, 'ok' | 403 | 404> = {
  truus: 'ok',
  'annie without rights': 403,
  'annie with Afspraken': 403,
  'annie with Berichten': 'ok',
  'maria (stranger)': 404,
};
const TABLE = WHO.flatMap((who) =>
  ROUTES.map((route) => [who, route, OUTCOME[who] === 'ok' ? OK[route] : OUTCOME[who]] as const),
);

function browserOf(who: Who): HttpClient {
  if (who === 'truus') return w.truus.c;
  if (who === 'maria (stranger)') return w.maria.c;
  onlyRights(
    w,
    w.annie.userId,
    who === 'annie with Afspraken' ? ['appointments'] : who === 'annie with Berichten' ? ['messages'] : [],
  );
  return w.annie.c;
}

function request(c: HttpClient, route: Route, id: number): Promise<Res> {
  const cid = w.truus.clientId;
  if (route === 'GET list') return c.get(msgPath(cid));
  if (route === 'GET recipients') return c.get(msgPath(cid, '/recipients'));
  if (route === 'POST')
    return c.post(msgPath(cid), { subject: 'Bezoek', text: 'Kom je?', recipients: [w.kees.userId] });
  if (route === 'GET thread') return c.get(msgPath(cid, `/${id}`));
  if (route === 'POST reply') return c.post(msgPath(cid, `/${id}/replies`), { text: 'Ja hoor' });
  return c.post(msgPath(cid, `/${id}/unread`), {});
}

const state = () => ({
  messages: count(w.tp, 'messages'),
  threads: count(w.tp, 'message_threads'),
  unread: count(w.tp, 'message_unread'),
});

describe("rights on every message route (Truus's messages)", () => {
  it.each(TABLE)('%s: %s → %i', async (who, route, status) => {
    const c = browserOf(who);
    const id = thread(w, w.truus.userId, [w.annie.userId]);
    const before = state();
    const res = await request(c, route, id);
    expect(res.status, res.text).toBe(status);
    if (status === 403)
      expect(res.json.error).toMatchObject({ code: 'forbidden', message: 'No access to this section' });
    if (status === 404) expect(res.json.error.code).toBe('not_found');
    if (status >= 400) expect(state()).toEqual(before);
  });
});

describe('Mijn berichten', () => {
  it('a message to two people: both see it unread, reading it is per person, a reply goes to everyone', async () => {
    onlyRights(w, w.annie.userId, ['messages']);
    const cid = w.truus.clientId;
    const sent = await w.truus.c.post(msgPath(cid), {
      subject: '  Zondag koffie  ',
      text: 'Komen jullie zondag koffie drinken?\nIk heb taart.',
      recipients: [w.annie.userId, w.kees.userId],
    });
    expect(sent.status, sent.text).toBe(201);
    const id = sent.json.id as number;
    expect(sent.json).toMatchObject({
      subject: 'Zondag koffie',
      careTeam: false,
      messages: [{ author: { userId: w.truus.userId, name: 'Truus van Dorp', careTeam: false }, mine: true }],
    });
    expect(sent.json.participants.map((p: { name: string }) => p.name)).toEqual([
      'Annie van Dorp',
      'Kees van Dorp',
      'Truus van Dorp',
    ]);

    for (const who of [w.annie, w.kees]) {
      const list = (await who.c.get(msgPath(cid))).json;
      expect(list.threads[0]).toMatchObject({
        id,
        subject: 'Zondag koffie',
        unread: 1,
        messageCount: 1,
        last: { firstLine: 'Komen jullie zondag koffie drinken?', author: { name: 'Truus van Dorp' } },
      });
      expect(list.threads[0].with).toContain('Truus van Dorp');
      const home = (await who.c.get(`/clients/${cid}/home`)).json;
      expect(home.messages.latest[0]).toMatchObject({ threadId: id, subject: 'Zondag koffie', unread: 1 });
      expect(home.messages.unread).toBeGreaterThanOrEqual(1);
    }
    const senderList = (await w.truus.c.get(msgPath(cid))).json;
    expect(senderList.threads.find((t: { id: number }) => t.id === id).unread).toBe(0);

    // Annie opens it: unread in this answer, read afterwards; Kees still has it unread.
    const opened = (await w.annie.c.get(msgPath(cid, `/${id}`))).json;
    expect(opened.messages).toEqual([
      expect.objectContaining({
        text: 'Komen jullie zondag koffie drinken?\nIk heb taart.',
        unread: true,
        mine: false,
      }),
    ]);
    expect((await w.annie.c.get(msgPath(cid, `/${id}`))).json.messages[0].unread).toBe(false);
    const annieList = (await w.annie.c.get(msgPath(cid))).json;
    expect(annieList.threads.find((t: { id: number }) => t.id === id).unread).toBe(0);
    expect((await w.kees.c.get(msgPath(cid))).json.threads[0].unread).toBe(1);

    // Annie replies: Truus and Kees get it; the thread has two messages, oldest first.
    w.tp.advance(60_000);
    const reply = await w.annie.c.post(msgPath(cid, `/${id}/replies`), { text: 'Gezellig, ik kom!' });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.json.messages.map((m: { text: string }) => m.text)).toEqual([
      'Komen jullie zondag koffie drinken?\nIk heb taart.',
      'Gezellig, ik kom!',
    ]);
    const truusList = (await w.truus.c.get(msgPath(cid))).json;
    expect(truusList.threads[0]).toMatchObject({ id, unread: 1, last: { firstLine: 'Gezellig, ik kom!' } });
    expect((await w.kees.c.get(msgPath(cid))).json.threads[0]).toMatchObject({ id, unread: 2, messageCount: 2 });

    // Mark unread after reading.
    await w.truus.c.get(msgPath(cid, `/${id}`));
    expect((await w.truus.c.get(msgPath(cid))).json.threads[0].unread).toBe(0);
    const marked = await w.truus.c.post(msgPath(cid, `/${id}/unread`), {});
    expect(marked.status).toBe(204);
    expect((await w.truus.c.get(msgPath(cid))).json.threads[0].unread).toBe(1);
  });

  it('threads come newest first by their last message', async () => {
    const cid = w.truus.clientId;
    w.tp.advance(60_000);
    const older = thread(w, w.truus.userId, [w.kees.userId], 'Eerste');
    w.tp.advance(60_000);
    const newer = thread(w, w.truus.userId, [w.kees.userId], 'Tweede');
    let ids = (await w.kees.c.get(msgPath(cid))).json.threads.map((t: { id: number }) => t.id);
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
    w.tp.advance(60_000);
    await w.kees.c.post(msgPath(cid, `/${older}/replies`), { text: 'Nog een' });
    ids = (await w.kees.c.get(msgPath(cid))).json.threads.map((t: { id: number }) => t.id);
    expect(ids[0]).toBe(older);
  });

  it('someone outside a thread gets 404 on it (audited), and does not see it in his list', async () => {
    onlyRights(w, w.annie.userId, ['messages']);
    const cid = w.truus.clientId;
    const id = thread(w, w.truus.userId, [w.annie.userId], 'Alleen voor Annie');
    const before = state();
    for (const res of [
      await w.kees.c.get(msgPath(cid, `/${id}`)),
      await w.kees.c.post(msgPath(cid, `/${id}/replies`), { text: 'Hoi' }),
      await w.kees.c.post(msgPath(cid, `/${id}/unread`), {}),
      await w.truus.c.get(msgPath(cid, '/999999')),
    ]) {
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('not_found');
    }
    expect(state()).toEqual(before);
    const keesThreads = (await w.kees.c.get(msgPath(cid))).json.threads.map((t: { id: number }) => t.id);
    expect(keesThreads).not.toContain(id);
    expect(
      count(
        w.tp,
        'audit_log',
        `user_id = ? AND outcome = 'failure' AND resource = ?`,
        w.kees.userId,
        `message-thread:${id}`,
      ),
    ).toBe(3);
  });

  it('recipients: people with the Berichten right, never yourself; no care team at Careyn', async () => {
    const cid = w.truus.clientId;
    onlyRights(w, w.annie.userId, ['appointments']);
    const r = (await w.truus.c.get(msgPath(cid, '/recipients'))).json;
    expect(r).toEqual({
      people: [{ userId: w.kees.userId, name: 'Kees van Dorp', relation: 'Zoon' }],
      careTeam: false,
    });
    onlyRights(w, w.annie.userId, ['messages']);
    const k = (await w.kees.c.get(msgPath(cid, '/recipients'))).json;
    expect(k.people.map((p: { name: string; relation: string }) => `${p.name} (${p.relation})`)).toEqual([
      'Truus van Dorp (Cliënt)',
      'Annie van Dorp (Eerste relatie/contactpersoon)',
    ]);
  });

  it('invalid recipients are a 400 on `recipients` and change nothing', async () => {
    const cid = w.truus.clientId;
    onlyRights(w, w.annie.userId, ['appointments']);
    const before = state();
    for (const recipients of [[w.truus.userId], [w.maria.userId], [w.annie.userId], [w.kees.userId, 999999]]) {
      const res = await w.truus.c.post(msgPath(cid), { subject: 'Hoi', text: 'Hoi', recipients });
      expect(res.status, res.text).toBe(400);
      expect(res.json.error.details.fields).toEqual([
        { path: 'recipients', code: 'invalid_recipient', message: 'invalid_recipient' },
      ]);
    }
    const care = await w.truus.c.post(msgPath(cid), { subject: 'Hoi', text: 'Hoi', recipients: [], careTeam: true });
    expect(care.status).toBe(400);
    expect(care.json.error.details.fields[0]).toMatchObject({ path: 'recipients', code: 'care_team_off' });
    expect(state()).toEqual(before);
    onlyRights(w, w.annie.userId, ['messages']);
  });

  it('the care team writes from the EHR: shown by name, syncedUntil is its sync time', async () => {
    const db = w.tp.portal.db;
    const cid = w.truus.clientId;
    const syncedAt = '2026-01-02T03:04:05.000Z';
    const now = w.tp.clock.now().toISOString();
    const id = db.transaction(() => {
      const t = insertThread(db, {
        clientId: cid,
        subject: 'De wond',
        createdByUserId: null,
        createdByCareName: 'Maria de Bruin',
        toCareTeam: true,
        at: now,
        participantIds: [w.truus.userId],
        source: { source: 'ehr', externalId: 't-9', syncedAt },
      });
      insertMessage(db, {
        threadId: t,
        clientId: cid,
        authorUserId: null,
        authorCareName: 'Maria de Bruin',
        body: 'De wond heeft zich goed hersteld.',
        sentAt: now,
        toCareTeam: false,
        source: { source: 'ehr', externalId: 'm-9', syncedAt },
      });
      return t;
    })();
    const list = (await w.truus.c.get(msgPath(cid))).json;
    expect(list.syncedUntil).toBe(syncedAt);
    expect(list.threads.find((t: { id: number }) => t.id === id)).toMatchObject({
      with: ['Zorgteam'],
      last: { author: { userId: null, name: 'Maria de Bruin', careTeam: true } },
    });
    expect((await w.truus.c.get(`/clients/${cid}/home`)).json.messages.syncedUntil).toBe(syncedAt);
    // At Careyn a reply stays with the network: nothing waits for the EHR.
    const reply = (await w.truus.c.post(msgPath(cid, `/${id}/replies`), { text: 'Dank u wel' })).json;
    expect(reply.messages.at(-1)).toMatchObject({ awaitingSync: false, mine: true });
  });

  it('every read and write is audited with the thread', async () => {
    const cid = w.truus.clientId;
    const from = (w.tp.portal.db.prepare('SELECT MAX(id) AS id FROM audit_log').get() as { id: number }).id;
    const id = (await w.kees.c.post(msgPath(cid), { subject: 'Hoi', text: 'Hoi mam', recipients: [w.truus.userId] }))
      .json.id;
    await w.kees.c.get(msgPath(cid));
    await w.kees.c.get(msgPath(cid, '/recipients'));
    await w.kees.c.get(msgPath(cid, `/${id}`));
    await w.kees.c.post(msgPath(cid, `/${id}/replies`), { text: 'Nog iets' });
    await w.kees.c.post(msgPath(cid, `/${id}/unread`), {});
    await w.kees.c.get(`/clients/${cid}/home`);
    const rows = w.tp.portal.db
      .prepare(
        `SELECT action, resource, outcome, client_id AS clientId, user_id AS userId FROM audit_log
         WHERE id > ? ORDER BY id`,
      )
      .all(from);
    const who = { outcome: 'success', clientId: cid, userId: w.kees.userId };
    expect(rows).toEqual([
      { action: 'messages.create', resource: `message-thread:${id}`, ...who },
      { action: 'messages.read', resource: 'messages', ...who },
      { action: 'messages.recipients.read', resource: 'message-recipients', ...who },
      { action: 'messages.read', resource: `message-thread:${id}`, ...who },
      { action: 'messages.reply', resource: `message-thread:${id}`, ...who },
      { action: 'messages.mark-unread', resource: `message-thread:${id}`, ...who },
      { action: 'home.read', resource: expect.stringContaining('messages'), ...who },
    ]);
  });

  it('no e-mail is written for a message', async () => {
    const outbox = count(w.tp, 'outbox');
    await w.truus.c.post(msgPath(w.truus.clientId), { subject: 'Hoi', text: 'Hoi', recipients: [w.kees.userId] });
    expect(count(w.tp, 'outbox')).toBe(outbox);
  });
});
