// "Wie heeft mijn dossier bekeken": the client sees who looked at which part when; nobody else may.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiPath } from '../../shared/api/paths.ts';
import { HomePath } from '../../shared/api/home.ts';
import { setRights } from '../../server/db/repos/memberships.ts';
import { DAY } from '../../server/clock.ts';
import { createAnnie, closeAll, GOOD_PASSWORD, signIn, startTestPortal, type TestPortal } from '../helpers/portal.ts';
import type { HttpClient } from '../helpers/http-client.ts';

let tp: TestPortal;
let truus: Awaited<ReturnType<TestPortal['createUser']>>;
let maria: Awaited<ReturnType<TestPortal['createUser']>>;
let annieId: number;
let asTruus: HttpClient;
let asAnnie: HttpClient;
let asMaria: HttpClient;

const logPath = (clientId: number, query = '') => ApiPath.accessLog.replace(':clientId', String(clientId)) + query;
const agendaPath = (clientId: number) => ApiPath.appointments.replace(':clientId', String(clientId));

beforeAll(async () => {
  tp = await startTestPortal();
  truus = await tp.createUser({ name: 'Truus van Dorp', username: 'truus', mobile: '0612345678' });
  maria = await tp.createUser({
    name: 'Maria de Bruin',
    username: 'maria',
    email: 'maria@example.nl',
    mobile: '0611111111',
  });
  annieId = await createAnnie(tp, truus.clientId);
  setRights(tp.portal.db, truus.clientId, annieId, {
    appointments: true,
    messages: true,
    dossier: true,
    data: true,
    settings: true,
  });
  asTruus = tp.client();
  await signIn(tp, asTruus, { username: 'truus', password: GOOD_PASSWORD, mobile: '+31612345678' });
  asAnnie = tp.client();
  await signIn(tp, asAnnie, { username: 'annie', password: GOOD_PASSWORD, mobile: '+31687654321' });
  asMaria = tp.client();
  await signIn(tp, asMaria, { username: 'maria', password: GOOD_PASSWORD, mobile: '+31611111111' });
});
afterAll(closeAll);

describe('Wie heeft mijn dossier bekeken', () => {
  it('shows the client who looked at which part, newest first, with name and relation', async () => {
    tp.advance(60_000);
    expect((await asAnnie.get(agendaPath(truus.clientId))).status).toBe(200);
    tp.advance(60_000);
    const created = await asAnnie.post(agendaPath(truus.clientId), {
      kind: 'visit',
      startsAt: new Date(tp.clock.now().getTime() + DAY).toISOString(),
      endsAt: new Date(tp.clock.now().getTime() + DAY + 3_600_000).toISOString(),
      description: 'Annie komt op bezoek',
    });
    expect(created.status).toBe(201);
    tp.advance(60_000);

    const res = await asTruus.get(logPath(truus.clientId));
    expect(res.status).toBe(200);
    const annieEntries = res.json.entries.filter((e: { userId: number }) => e.userId === annieId);
    expect(annieEntries.map((e: { action: string }) => e.action)).toEqual(['appointments.create', 'appointments.read']);
    expect(annieEntries[0]).toMatchObject({
      userName: 'Annie van Dorp',
      relation: 'Eerste relatie/contactpersoon',
      role: 'contact',
    });
    const times = res.json.entries.map((e: { at: string }) => e.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(res.json.truncated).toBe(false);
  });

  it('lists every section by its audit action, the home screen too, but not reading this list itself', async () => {
    tp.advance(60_000);
    expect((await asAnnie.get(HomePath.home.replace(':clientId', String(truus.clientId)))).status).toBe(200);
    tp.advance(60_000);
    expect((await asTruus.get(logPath(truus.clientId))).status).toBe(200);
    tp.advance(60_000);
    const res = await asTruus.get(logPath(truus.clientId));
    const actions = res.json.entries.map((e: { action: string }) => e.action);
    expect(actions[0]).toBe('home.read');
    expect(res.json.entries[0]).toMatchObject({ userId: annieId, userName: 'Annie van Dorp' });
    expect(actions.some((a: string) => a.startsWith('access-log.'))).toBe(false);
  });

  it('filters by period', async () => {
    const now = tp.clock.now().getTime();
    const from = new Date(now + 10 * DAY).toISOString();
    const to = new Date(now + 20 * DAY).toISOString();
    const res = await asTruus.get(
      logPath(truus.clientId, `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
    );
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ from, to, entries: [] });
  });

  it('is refused to a contact (403) and to a stranger (404), and both refusals are audited', async () => {
    const a = await asAnnie.get(logPath(truus.clientId));
    expect(a.status).toBe(403);
    expect(a.json.error.code).toBe('forbidden');
    const m = await asMaria.get(logPath(truus.clientId));
    expect(m.status).toBe(404);
    expect((await asMaria.get(logPath(999_999))).status).toBe(404);
    const denied = tp.portal.db
      .prepare(
        `SELECT user_id, detail FROM audit_log WHERE action = 'access-log.read' AND outcome = 'denied' ORDER BY id`,
      )
      .all();
    expect(denied).toEqual([
      { user_id: annieId, detail: 'not-owner' },
      { user_id: maria.userId, detail: 'not-a-member' },
      { user_id: maria.userId, detail: 'not-a-member' },
    ]);
  });

  it('needs a session and a valid period', async () => {
    expect((await tp.client().get(logPath(truus.clientId))).status).toBe(401);
    for (const q of [
      '?from=gisteren',
      '?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z',
      '?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z',
    ]) {
      const res = await asTruus.get(logPath(truus.clientId, q));
      expect(res.status, q).toBe(400);
      expect(res.json.error.details.fields.length, q).toBeGreaterThan(0);
    }
    expect((await asTruus.get(logPath(0))).status).toBe(400);
  });
});
