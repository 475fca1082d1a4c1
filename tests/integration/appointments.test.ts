// The agenda over HTTP with the real server: rights on every route, care appointments read-only, other clients'
// ids, the panel's first + next three, audit rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRights } from '../../server/db/repos/memberships.ts';
import { insertOwnAppointment, upsertCareAppointment } from '../../server/db/repos/appointments.ts';
import { upsertStaffMember } from '../../server/db/repos/staff-members.ts';
import { solidPng } from '../../server/appointments/solid-png.ts';
import {
  createAnnie,
  closeAll,
  count,
  signIn,
  startTestPortal,
  GOOD_PASSWORD,
  type TestPortal,
} from '../helpers/portal.ts';
import type { HttpClient, Res } from '../helpers/http-client.ts';
import type { Rights } from '../../shared/sections.ts';

interface AgendaWorld {
  tp: TestPortal;
  truus: { userId: number; clientId: number; c: HttpClient };
  annie: { userId: number; c: HttpClient };
  maria: { userId: number; clientId: number; c: HttpClient };
  careId: number;
  staffId: number;
}

const at = (daysFromNow: number, hour = 10, tp?: TestPortal): string => {
  const base = tp ? tp.clock.now() : new Date();
  const d = new Date(base.getTime() + daysFromNow * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

async function agendaWorld(): Promise<AgendaWorld> {
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
  const staffId = upsertStaffMember(db, {
    displayName: 'Maria de Bruin',
    role: "EVV'er",
    photo: { data: solidPng(64, [46, 125, 107]), type: 'image/png' },
    source: 'test-ehr',
    externalId: 'm-1553',
    syncedAt,
  });
  const careId = upsertCareAppointment(db, {
    clientId: t.clientId,
    startsAt: at(3, 13, tp),
    endsAt: at(3, 14, tp),
    description: "Bijzonderheden bespreken met de EVV'er",
    location: null,
    staffMemberId: staffId,
    source: 'test-ehr',
    externalId: 'a-1',
    syncedAt,
  });
  return {
    tp,
    truus: { userId: t.userId, clientId: t.clientId, c: await browser('truus', '+31612345678') },
    annie: { userId: annieId, c: await browser('annie', '+31687654321') },
    maria: { userId: m.userId, clientId: m.clientId, c: await browser('maria', '+31611111111') },
    careId,
    staffId,
  };
}

/** Sets exactly the given rights (all others off) for a member of the client's network. */
function onlyRights(w: AgendaWorld, userId: number, on: Array<keyof Rights>): void {
  const all: Array<keyof Rights> = ['messages', 'appointments', 'dossier', 'data', 'settings'];
  setRights(w.tp.portal.db, w.truus.clientId, userId, Object.fromEntries(all.map((s) => [s, on.includes(s)])));
}

function ownAppointment(w: AgendaWorld, clientId: number, userId: number, description = 'Bezoek'): number {
  return insertOwnAppointment(w.tp.portal.db, {
    clientId,
    kind: 'visit',
    startsAt: at(1, 17, w.tp),
    endsAt: at(1, 19, w.tp),
    description,
    location: null,
    createdByUserId: userId,
    at: w.tp.clock.now().toISOString(),
  });
}

const agendaPath = (clientId: number | string, rest = '') => `/clients/${clientId}/appointments${rest}`;

function patch(c: HttpClient, path: string, body: unknown, raw?: string): Promise<Res> {
  return c.send('PATCH', path, body, raw === undefined ? {} : { raw, headers: { 'content-type': 'application/json' } });
}

function del(c: HttpClient, path: string): Promise<Res> {
  return c.send('DELETE', path, undefined);
}

const validCreate = (tp: TestPortal) => ({
  kind: 'visit',
  startsAt: at(2, 17, tp),
  endsAt: at(2, 19, tp),
  description: 'Dochter komt eten',
  location: 'Thuis',
});

let w: AgendaWorld;
beforeAll(async () => {
  w = await agendaWorld();
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
const ROUTES = ['GET list', 'GET upcoming', 'POST', 'PATCH', 'DELETE'] as const;
type Route = (typeof ROUTES)[number];
const OK: Record<Route, number> = { 'GET list': 200, 'GET upcoming': 200, POST: 201, PATCH: 200, DELETE: 204 };
const OUTCOME: Record<Who, 'ok' | 403 | 404> = {
  truus: 'ok',
  'annie without rights': 403,
  'annie with Afspraken': 'ok',
  'annie with Berichten': 403,
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
  if (route === 'GET list') return c.get(agendaPath(cid));
  if (route === 'GET upcoming') return c.get(agendaPath(cid, '/upcoming'));
  if (route === 'POST') return c.post(agendaPath(cid), validCreate(w.tp));
  if (route === 'PATCH') return patch(c, agendaPath(cid, `/${id}`), { description: 'Zoon komt eten' });
  return del(c, agendaPath(cid, `/${id}`));
}

const row = (id: number) => w.tp.portal.db.prepare('SELECT * FROM appointments WHERE id = ?').get(id);

describe("rights on every agenda route (Truus's agenda)", () => {
  it.each(TABLE)('%s: %s → %i', async (who, route, status) => {
    const c = browserOf(who);
    const id = ownAppointment(w, w.truus.clientId, w.truus.userId);
    const before = { row: row(id), n: count(w.tp, 'appointments') };
    const res = await request(c, route, id);
    expect(res.status, res.text).toBe(status);
    if (status === 403)
      expect(res.json.error).toMatchObject({ code: 'forbidden', message: 'No access to this section' });
    if (status === 404) expect(res.json.error.code).toBe('not_found');
    if (status >= 400) {
      expect(row(id)).toEqual(before.row);
      expect(count(w.tp, 'appointments')).toBe(before.n);
    }
  });
});

describe('the agenda', () => {
  it('lists care and own appointments by start with staff, author, editable and syncedUntil', async () => {
    onlyRights(w, w.annie.userId, ['appointments']);
    const mine = (
      await w.annie.c.post(agendaPath(w.truus.clientId), {
        ...validCreate(w.tp),
        startsAt: at(4, 8, w.tp),
        endsAt: at(4, 9, w.tp),
        description: '  Bellen met Annie  ',
        kind: 'call',
      })
    ).json;
    expect(mine).toMatchObject({
      kind: 'call',
      description: 'Bellen met Annie',
      location: 'Thuis',
      staff: null,
      createdBy: { userId: w.annie.userId, name: 'Annie van Dorp' },
      editable: true,
    });
    const res = await w.truus.c.get(agendaPath(w.truus.clientId));
    expect(res.status).toBe(200);
    const items = res.json.appointments as Array<{ id: number; startsAt: string; kind: string; editable: boolean }>;
    expect(items.map((a) => a.startsAt)).toEqual([...items.map((a) => a.startsAt)].sort());
    const care = items.find((a) => a.id === w.careId);
    expect(care).toEqual({
      id: w.careId,
      kind: 'care',
      startsAt: at(3, 13, w.tp),
      endsAt: at(3, 14, w.tp),
      description: "Bijzonderheden bespreken met de EVV'er",
      location: null,
      staff: {
        name: 'Maria de Bruin',
        role: "EVV'er",
        photoUrl: expect.stringMatching(/^data:image\/png;base64,iVBORw0KGgo/),
      },
      createdBy: null,
      editable: false,
    });
    // Any member with the Afspraken right may change the network's own appointments, not only their author.
    expect(items.find((a) => a.id === mine.id)?.editable).toBe(true);
    expect(res.json.syncedUntil).toBe((row(w.careId) as { synced_at: string }).synced_at);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('the staff photo travels inline as a data: URL, so it is exactly as visible as the appointment', async () => {
    const res = await w.truus.c.get(agendaPath(w.truus.clientId));
    const care = res.json.appointments.find((a: { id: number }) => a.id === w.careId);
    const png = Buffer.from((care.staff.photoUrl as string).split(',')[1]!, 'base64');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(64);
    expect((await w.maria.c.get(agendaPath(w.truus.clientId))).status).toBe(404);
  });

  it('honours from and to', async () => {
    const q = `?from=${encodeURIComponent(at(3, 0, w.tp))}&to=${encodeURIComponent(at(3, 23, w.tp))}`;
    const res = await w.truus.c.get(agendaPath(w.truus.clientId, q));
    expect(res.json.appointments.map((a: { id: number }) => a.id)).toEqual([w.careId]);
  });

  it('care appointments are read-only: PATCH and DELETE are 403 and change nothing', async () => {
    const before = row(w.careId);
    for (const res of [
      await patch(w.truus.c, agendaPath(w.truus.clientId, `/${w.careId}`), { description: 'Anders' }),
      await del(w.truus.c, agendaPath(w.truus.clientId, `/${w.careId}`)),
    ]) {
      expect(res.status).toBe(403);
      expect(res.json.error).toEqual({ code: 'forbidden', message: 'care appointments are read-only' });
    }
    expect(row(w.careId)).toEqual(before);
    expect(
      count(
        w.tp,
        'audit_log',
        `action = 'appointments.update' AND outcome = 'denied' AND resource = ?`,
        `appointment:${w.careId}`,
      ),
    ).toBe(1);
  });

  it("another client's appointment id via my client id, or a deleted one, is 404", async () => {
    const marias = ownAppointment(w, w.maria.clientId, w.maria.userId, 'Geheim');
    const before = row(marias);
    for (const res of [
      await patch(w.truus.c, agendaPath(w.truus.clientId, `/${marias}`), { description: 'Overgenomen' }),
      await del(w.truus.c, agendaPath(w.truus.clientId, `/${marias}`)),
    ]) {
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('not_found');
    }
    expect(row(marias)).toEqual(before);
    const gone = ownAppointment(w, w.truus.clientId, w.truus.userId);
    expect((await del(w.truus.c, agendaPath(w.truus.clientId, `/${gone}`))).status).toBe(204);
    expect(row(gone)).toMatchObject({ deleted_at: expect.any(String) });
    expect((await del(w.truus.c, agendaPath(w.truus.clientId, `/${gone}`))).status).toBe(404);
    expect((await patch(w.truus.c, agendaPath(w.truus.clientId, `/${gone}`), { description: 'x' })).status).toBe(404);
    const list = (await w.truus.c.get(agendaPath(w.truus.clientId))).json.appointments;
    expect(list.some((a: { id: number }) => a.id === gone || a.id === marias)).toBe(false);
  });

  it('PATCH changes only the given fields and keeps the end after the start', async () => {
    const id = ownAppointment(w, w.truus.clientId, w.truus.userId);
    let res = await patch(w.truus.c, agendaPath(w.truus.clientId, `/${id}`), { location: 'Restaurant', kind: 'other' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id,
      kind: 'other',
      description: 'Bezoek',
      location: 'Restaurant',
      startsAt: at(1, 17, w.tp),
    });
    res = await patch(w.truus.c, agendaPath(w.truus.clientId, `/${id}`), { endsAt: at(1, 16, w.tp) });
    expect(res.status).toBe(400);
    expect(res.json.error.details.fields).toEqual([
      expect.objectContaining({ path: 'endsAt', code: 'ends_before_start' }),
    ]);
    res = await patch(w.truus.c, agendaPath(w.truus.clientId, `/${id}`), { location: '' });
    expect(res.json.location).toBeNull();
  });
});

describe('Mijn afspraken panel: GET upcoming', () => {
  it('gives the first coming appointment and the next three, in order; a running one counts, a past one not', async () => {
    const tp2 = await startTestPortal();
    const u = await tp2.createUser({ username: 'henk', mobile: '0622222222' });
    const c = tp2.client();
    await signIn(tp2, c, { username: 'henk', password: GOOD_PASSWORD, mobile: '+31622222222' });
    const now = tp2.clock.now().getTime();
    const add = (fromMin: number, toMin: number, description: string) =>
      insertOwnAppointment(tp2.portal.db, {
        clientId: u.clientId,
        kind: 'visit',
        startsAt: new Date(now + fromMin * 60_000).toISOString(),
        endsAt: new Date(now + toMin * 60_000).toISOString(),
        description,
        location: null,
        createdByUserId: u.userId,
        at: new Date(now).toISOString(),
      });
    let res = await c.get(agendaPath(u.clientId, '/upcoming'));
    expect(res.json).toEqual({ first: null, next: [], syncedUntil: null });
    add(-120, -60, 'voorbij');
    add(3000, 3060, 'vijfde');
    add(2000, 2060, 'derde');
    add(-30, 30, 'bezig');
    add(1000, 1060, 'tweede');
    add(2500, 2560, 'vierde');
    res = await c.get(agendaPath(u.clientId, '/upcoming'));
    expect(res.json.first.description).toBe('bezig');
    expect(res.json.next.map((a: { description: string }) => a.description)).toEqual(['tweede', 'derde', 'vierde']);
  });
});

describe('audit', () => {
  it('one success row per read and per write, with the client and the resource', async () => {
    const rows = () =>
      w.tp.portal.db
        .prepare(
          `SELECT action, resource, outcome, client_id AS clientId, user_id AS userId FROM audit_log WHERE action LIKE 'appointments.%' ORDER BY id`,
        )
        .all() as Array<Record<string, unknown>>;
    const start = rows().length;
    await w.truus.c.get(agendaPath(w.truus.clientId));
    await w.truus.c.get(agendaPath(w.truus.clientId, '/upcoming'));
    const id = (await w.truus.c.post(agendaPath(w.truus.clientId), validCreate(w.tp))).json.id as number;
    await patch(w.truus.c, agendaPath(w.truus.clientId, `/${id}`), { description: 'Anders' });
    await del(w.truus.c, agendaPath(w.truus.clientId, `/${id}`));
    const who = { outcome: 'success', clientId: w.truus.clientId, userId: w.truus.userId };
    expect(rows().slice(start)).toEqual([
      { action: 'appointments.read', resource: expect.stringMatching(/^appointments:\d{4}-.*\/\d{4}-/), ...who },
      { action: 'appointments.read', resource: 'appointments:upcoming', ...who },
      { action: 'appointments.create', resource: `appointment:${id}`, ...who },
      { action: 'appointments.update', resource: `appointment:${id}`, ...who },
      { action: 'appointments.delete', resource: `appointment:${id}`, ...who },
    ]);
  });

  it('a refused request leaves a denied row (from the access check) and no success row', async () => {
    const n = count(
      w.tp,
      'audit_log',
      `user_id = ? AND outcome = 'success' AND action LIKE 'appointments.%'`,
      w.maria.userId,
    );
    await w.maria.c.get(agendaPath(w.truus.clientId));
    expect(
      count(w.tp, 'audit_log', `user_id = ? AND action = 'appointments.access' AND outcome = 'denied'`, w.maria.userId),
    ).toBeGreaterThan(0);
    expect(
      count(w.tp, 'audit_log', `user_id = ? AND outcome = 'success' AND action LIKE 'appointments.%'`, w.maria.userId),
    ).toBe(n);
  });
});
