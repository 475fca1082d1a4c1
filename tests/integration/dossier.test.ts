// Mijn dossier over HTTP with the real server: rights on every route, items by date range with cursor paging, one
// item, the Lezen day with its previous/next dates, client reports, the current plan and Historie, the home panel,
// audit rows for every read and write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRights } from '../../server/db/repos/memberships.ts';
import { markClientReportSent, upsertEhrItem, type EhrItemInput } from '../../server/db/repos/dossier.ts';
import { upsertPlan } from '../../server/db/repos/care-plans.ts';
import { dayStart } from '../../server/dossier/days.ts';
import {
  closeAll,
  count,
  createAnnie,
  signIn,
  startTestPortal,
  GOOD_PASSWORD,
  type TestPortal,
} from '../helpers/portal.ts';
import type { HttpClient, Res } from '../helpers/http-client.ts';
import type { Rights } from '../../shared/sections.ts';

interface World {
  tp: TestPortal;
  truus: { userId: number; clientId: number; c: HttpClient };
  annie: { userId: number; c: HttpClient };
  maria: { userId: number; clientId: number; c: HttpClient };
  itemId: number;
  currentPlanId: number;
  expiredPlanIds: number[];
  mariasItemId: number;
}

const CONTENT = {
  mainGoals: ['Zelfstandig blijven lopen.'],
  workPlans: [{ discipline: "EVV'er", goals: ['Thuis voelen.'], actions: ['Maandelijks gesprek.'] }],
  evaluations: [{ date: '2026-10-01', text: 'Gaat goed.' }],
};

let w: World;

async function world(): Promise<World> {
  const tp = await startTestPortal();
  const t = await tp.createUser({ name: 'Truus van Dorp', username: 'truus', mobile: '0612345678' });
  const m = await tp.createUser({ name: 'Maria de Bruin', username: 'maria', mobile: '0611111111' });
  const annieId = await createAnnie(tp, t.clientId);
  const browser = async (username: string, mobile: string) => {
    const c = tp.client();
    await signIn(tp, c, { username, password: GOOD_PASSWORD, mobile });
    return c;
  };
  const db = tp.portal.db;
  const syncedAt = tp.clock.now().toISOString();
  const base = (over: Partial<EhrItemInput>): EhrItemInput => ({
    clientId: t.clientId,
    kind: 'report',
    occurredAt: '2026-10-05T09:30:00.000Z',
    title: 'Bijzonderheden',
    text: 'De wond heeft zich goed hersteld.',
    fields: null,
    authorName: 'Maria de Bruin',
    discipline: "EVV'er",
    source: 'test-ehr',
    externalId: 'r-1',
    syncedAt,
    ...over,
  });
  const itemId = upsertEhrItem(db, base({}));
  upsertEhrItem(db, base({ occurredAt: '2026-10-01T08:00:00.000Z', title: 'Dagrapportage', externalId: 'r-0' }));
  upsertEhrItem(
    db,
    base({ occurredAt: '2026-10-05T13:00:00.000Z', kind: 'notice', title: 'Plan is gewijzigd', externalId: 'n-1' }),
  );
  upsertEhrItem(
    db,
    base({
      occurredAt: '2026-10-09T12:00:00.000Z',
      kind: 'form',
      title: 'Afspraak = afspraak',
      text: '',
      fields: [{ label: 'Afspraak', value: 'Op tijd bellen.' }],
      externalId: 'f-1',
    }),
  );
  const mariasItemId = upsertEhrItem(db, base({ clientId: m.clientId, externalId: 'r-maria', text: 'Geheim' }));
  const plan = (version: number, from: string, to: string | null) =>
    upsertPlan(db, {
      clientId: t.clientId,
      title: 'Zorgleefplan',
      version,
      validFrom: from,
      validTo: to,
      content: { ...CONTENT, mainGoals: [`Doel van versie ${version}`] },
      source: 'test-ehr',
      externalId: 'plan-1',
      syncedAt,
    });
  const now = tp.clock.now().getTime();
  const iso = (days: number) => new Date(now + days * 86_400_000).toISOString();
  const expiredPlanIds = [plan(1, iso(-200), iso(-100)), plan(2, iso(-100), iso(-10))];
  const currentPlanId = plan(3, iso(-10), null);
  return {
    tp,
    truus: { userId: t.userId, clientId: t.clientId, c: await browser('truus', '+31612345678') },
    annie: { userId: annieId, c: await browser('annie', '+31687654321') },
    maria: { userId: m.userId, clientId: m.clientId, c: await browser('maria', '+31611111111') },
    itemId,
    currentPlanId,
    expiredPlanIds,
    mariasItemId,
  };
}

function onlyRights(userId: number, on: Array<keyof Rights>): void {
  const all: Array<keyof Rights> = ['messages', 'appointments', 'dossier', 'data', 'settings'];
  setRights(w.tp.portal.db, w.truus.clientId, userId, Object.fromEntries(all.map((s) => [s, on.includes(s)])));
}

const path = (rest = '') => `/clients/${w.truus.clientId}/dossier${rest}`;

beforeAll(async () => {
  w = await world();
});
afterAll(closeAll);

const WHO = [
  'truus',
  'annie without rights',
  'annie with Dossier',
  'annie with Afspraken',
  'maria (stranger)',
] as const;
type Who = (typeof WHO)[number];
const ROUTES = [
  'GET overview',
  'GET items',
  'GET item',
  'GET day',
  'POST report',
  'GET current plan',
  'GET plan history',
  'GET plan',
] as const;
type Route = (typeof ROUTES)[number];
const OUTCOME: Record<Who, 'ok' | 403 | 404> = {
  truus: 'ok',
  'annie without rights': 403,
  'annie with Dossier': 'ok',
  'annie with Afspraken': 403,
  'maria (stranger)': 404,
};
const TABLE = WHO.flatMap((who) =>
  ROUTES.map(
    (route) => [who, route, OUTCOME[who] === 'ok' ? (route === 'POST report' ? 201 : 200) : OUTCOME[who]] as const,
  ),
);

function browserOf(who: Who): HttpClient {
  if (who === 'truus') return w.truus.c;
  if (who === 'maria (stranger)') return w.maria.c;
  onlyRights(
    w.annie.userId,
    who === 'annie with Dossier' ? ['dossier'] : who === 'annie with Afspraken' ? ['appointments'] : [],
  );
  return w.annie.c;
}

function request(c: HttpClient, route: Route): Promise<Res> {
  switch (route) {
    case 'GET overview':
      return c.get(path());
    case 'GET items':
      return c.get(path('/items?from=2026-10-01&to=2026-10-31'));
    case 'GET item':
      return c.get(path(`/items/${w.itemId}`));
    case 'GET day':
      return c.get(path('/day?date=2026-10-05'));
    case 'POST report':
      return c.post(path('/reports'), { text: 'Ik heb een fijne dag gehad.' });
    case 'GET current plan':
      return c.get(path('/plans/current'));
    case 'GET plan history':
      return c.get(path('/plans/history'));
    case 'GET plan':
      return c.get(path(`/plans/${w.expiredPlanIds[0]}`));
  }
}

describe("rights on every dossier route (Truus's dossier)", () => {
  it.each(TABLE)('%s: %s → %i', async (who, route, status) => {
    const c = browserOf(who);
    const before = count(w.tp, 'dossier_items');
    const res = await request(c, route);
    expect(res.status, res.text).toBe(status);
    if (status === 403) expect(res.json.error).toMatchObject({ code: 'forbidden' });
    if (status === 404) expect(res.json.error.code).toBe('not_found');
    if (status >= 400) {
      expect(count(w.tp, 'dossier_items')).toBe(before);
      expect(res.text).not.toContain('wond');
    }
  });
});

describe('dossier items', () => {
  it('lists a date range oldest first, with kinds, fields and the Amsterdam date', async () => {
    const res = await w.truus.c.get(path('/items?from=2026-10-01&to=2026-10-09'));
    expect(res.status).toBe(200);
    const items = res.json.items as Array<Record<string, unknown>>;
    expect(items.map((i) => i.kind)).toEqual(['report', 'report', 'notice', 'form']);
    expect(items[1]).toEqual({
      id: w.itemId,
      kind: 'report',
      occurredAt: '2026-10-05T09:30:00.000Z',
      date: '2026-10-05',
      title: 'Bijzonderheden',
      text: 'De wond heeft zich goed hersteld.',
      fields: [],
      author: 'Maria de Bruin',
      discipline: "EVV'er",
      sentToEhrAt: null,
    });
    expect(items[3]).toMatchObject({
      title: 'Afspraak = afspraak',
      fields: [{ label: 'Afspraak', value: 'Op tijd bellen.' }],
    });
    expect(res.json.nextCursor).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('pages with a cursor: every item once, in order', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/items?from=2026-09-01&to=2026-10-31&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await w.truus.c.get(path(q));
      expect(res.status).toBe(200);
      seen.push(...res.json.items.map((i: { id: number }) => i.id));
      cursor = res.json.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
  });

  it("one item; another client's item through my client id is 404", async () => {
    expect((await w.truus.c.get(path(`/items/${w.itemId}`))).json.title).toBe('Bijzonderheden');
    const res = await w.truus.c.get(path(`/items/${w.mariasItemId}`));
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('Geheim');
  });

  it('the Lezen day: items of the date with the previous and next dates that have items; default the newest', async () => {
    let res = await w.truus.c.get(path('/day?date=2026-10-05'));
    expect(res.json).toMatchObject({ date: '2026-10-05', previousDate: '2026-10-01', nextDate: '2026-10-09' });
    expect(res.json.items.map((i: { title: string }) => i.title)).toEqual(['Bijzonderheden', 'Plan is gewijzigd']);
    res = await w.truus.c.get(path('/day?date=2026-10-03'));
    expect(res.json).toMatchObject({ items: [], previousDate: '2026-10-01', nextDate: '2026-10-05' });
    res = await w.truus.c.get(path('/day'));
    expect(res.json.date >= '2026-10-09').toBe(true);
    expect(res.json.nextDate).toBeNull();
  });

  it('the overview gives the first and last dates and syncedUntil', async () => {
    const res = await w.truus.c.get(path());
    expect(res.json.firstDate).toBe('2026-10-01');
    expect(res.json.syncedUntil).toEqual(expect.any(String));
  });
});

describe('client reports', () => {
  it('a member with the Dossier right writes one: trimmed, by him, waiting for the EHR until sent', async () => {
    onlyRights(w.annie.userId, ['dossier']);
    const res = await w.annie.c.post(path('/reports'), { text: '  Moeder was vrolijk vandaag.  ' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      kind: 'client_report',
      text: 'Moeder was vrolijk vandaag.',
      author: 'Annie van Dorp',
      discipline: null,
      sentToEhrAt: null,
    });
    const day = await w.truus.c.get(path(`/day?date=${res.json.date}`));
    expect(day.json.items.some((i: { id: number }) => i.id === res.json.id)).toBe(true);
    markClientReportSent(w.tp.portal.db, res.json.id, '2026-11-25T02:00:00.000Z');
    expect((await w.truus.c.get(path(`/items/${res.json.id}`))).json.sentToEhrAt).toBe('2026-11-25T02:00:00.000Z');
  });
});

describe('plans', () => {
  it('the current plan is the one valid now, with its content', async () => {
    const res = await w.truus.c.get(path('/plans/current'));
    expect(res.json.plan).toMatchObject({
      id: w.currentPlanId,
      version: 3,
      validTo: null,
      expired: false,
      mainGoals: ['Doel van versie 3'],
      workPlans: CONTENT.workPlans,
      evaluations: CONTENT.evaluations,
    });
  });

  it('Historie lists the expired versions newest first; one opens marked expired', async () => {
    const res = await w.truus.c.get(path('/plans/history'));
    expect(res.json.versions.map((v: { id: number }) => v.id)).toEqual([...w.expiredPlanIds].reverse());
    expect(res.json.versions.every((v: { expired: boolean }) => v.expired)).toBe(true);
    const old = await w.truus.c.get(path(`/plans/${w.expiredPlanIds[0]}`));
    expect(old.json).toMatchObject({ version: 1, expired: true, mainGoals: ['Doel van versie 1'] });
    expect((await w.truus.c.get(path('/plans/999999'))).status).toBe(404);
  });
});

describe('home panel', () => {
  it('shows the newest report card and syncedUntil under the file key', async () => {
    onlyRights(w.annie.userId, ['dossier']);
    const res = await w.annie.c.get(`/clients/${w.truus.clientId}/home`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(['file']);
    expect(res.json.file.latest.kind).toMatch(/report/);
    expect(res.json.file.syncedUntil).toEqual(expect.any(String));
    onlyRights(w.annie.userId, ['appointments']);
    expect((await w.annie.c.get(`/clients/${w.truus.clientId}/home`)).json.file).toBeUndefined();
  });
});

describe('audit', () => {
  it('one success row per read and per write, with the client and the resource', async () => {
    const rows = () =>
      w.tp.portal.db
        .prepare(
          `SELECT action, resource, outcome, client_id AS clientId, user_id AS userId FROM audit_log
           WHERE action LIKE 'dossier.%' ORDER BY id`,
        )
        .all() as Array<Record<string, unknown>>;
    const start = rows().length;
    for (const route of ROUTES) await request(w.truus.c, route);
    const who = { outcome: 'success', clientId: w.truus.clientId, userId: w.truus.userId };
    const added = rows().slice(start);
    expect(added).toHaveLength(ROUTES.length);
    expect(added).toEqual([
      { action: 'dossier.read', resource: 'dossier:overview', ...who },
      { action: 'dossier.read', resource: 'dossier:2026-10-01/2026-10-31', ...who },
      { action: 'dossier.read', resource: `dossier-item:${w.itemId}`, ...who },
      { action: 'dossier.read', resource: 'dossier-day:2026-10-05', ...who },
      { action: 'dossier.create', resource: expect.stringMatching(/^dossier-item:\d+$/), ...who },
      { action: 'dossier.read', resource: `care-plan:${w.currentPlanId}`, ...who },
      { action: 'dossier.read', resource: 'care-plan:history', ...who },
      { action: 'dossier.read', resource: `care-plan:${w.expiredPlanIds[0]}`, ...who },
    ]);
  });

  it('a refused request leaves a denied row and no success row', async () => {
    const success = () =>
      count(w.tp, 'audit_log', `user_id = ? AND outcome = 'success' AND action LIKE 'dossier.%'`, w.maria.userId);
    const n = success();
    await w.maria.c.get(path());
    expect(
      count(w.tp, 'audit_log', `user_id = ? AND action = 'dossier.access' AND outcome = 'denied'`, w.maria.userId),
    ).toBeGreaterThan(0);
    expect(success()).toBe(n);
  });
});

describe('days', () => {
  it('an Amsterdam day starts at local midnight, also across the DST change', () => {
    expect(dayStart('2026-10-05')).toBe('2026-10-04T22:00:00.000Z');
    expect(dayStart('2026-10-25', 1)).toBe('2026-10-25T23:00:00.000Z');
  });
});
