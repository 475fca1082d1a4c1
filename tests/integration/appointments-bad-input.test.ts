// Bad input on the agenda routes (their :clientId paths are outside bad-input.test.ts's table): 400 with field
// details, never a 500, and nothing changes in the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { insertOwnAppointment } from '../../server/db/repos/appointments.ts';
import { closeAll, count, isApiError, signIn, startTestPortal, type TestPortal } from '../helpers/portal.ts';
import type { HttpClient, Res } from '../helpers/http-client.ts';

let tp: TestPortal;
let c: HttpClient;
let list: string;
let one: string;
let before: { appointments: number; row: unknown };
let clientId: number;
let userId: number;

const iso = (hours: number) => new Date(tp.clock.now().getTime() + hours * 3_600_000).toISOString();
const valid = () => ({ kind: 'visit', startsAt: iso(24), endsAt: iso(26), description: 'Bezoek', location: 'Thuis' });
const fields = (res: Res): Array<{ path: string; code: string }> => res.json.error.details.fields;
const row = () => tp.portal.db.prepare('SELECT * FROM appointments').all();

beforeAll(async () => {
  tp = await startTestPortal();
  const u = await tp.createUser({ username: 'truus' });
  ({ clientId, userId } = u);
  c = tp.client();
  await signIn(tp, c, u);
  const id = insertOwnAppointment(tp.portal.db, {
    clientId: u.clientId,
    kind: 'visit',
    startsAt: iso(1),
    endsAt: iso(2),
    description: 'Bezoek',
    location: null,
    createdByUserId: u.userId,
    at: iso(0),
  });
  list = `/clients/${u.clientId}/appointments`;
  one = `${list}/${id}`;
  before = { appointments: count(tp, 'appointments'), row: row() };
});
afterAll(closeAll);

function expect400(res: Res, path?: string, code?: string): void {
  expect(res.status, res.text).toBe(400);
  expect(isApiError(res.json)).toBe(true);
  expect(res.json.error.code).toBe('validation_failed');
  if (path !== undefined) expect(fields(res).map((f) => f.path)).toContain(path);
  if (code !== undefined) expect(fields(res).find((f) => f.path === path)?.code).toBe(code);
}

const patch = (body: unknown, path = one) => c.send('PATCH', path, body);

describe('agenda bad input', () => {
  it('POST: missing, wrong and extra fields are 400 with the field named', async () => {
    const cases: Array<[unknown, string, string?]> = [
      [{}, 'kind'],
      [{ ...valid(), description: undefined }, 'description'],
      [{ ...valid(), description: '   ' }, 'description', 'required'],
      [{ ...valid(), description: 'x'.repeat(201) }, 'description', 'too_long'],
      [{ ...valid(), location: 'x'.repeat(121) }, 'location', 'too_long'],
      [{ ...valid(), kind: 'party' }, 'kind', 'invalid_value'],
      [{ ...valid(), kind: 'care' }, 'kind', 'invalid_value'],
      [{ ...valid(), endsAt: iso(23) }, 'endsAt', 'ends_before_start'],
      [{ ...valid(), endsAt: iso(24) }, 'endsAt', 'ends_before_start'],
      [{ ...valid(), startsAt: '2026-11-23 18:00' }, 'startsAt'],
      [{ ...valid(), startsAt: '2026-11-23T18:00:00' }, 'startsAt'], // no offset: ambiguous local time
      [{ ...valid(), startsAt: 1_790_000_000_000 }, 'startsAt', 'invalid_type'],
      [{ ...valid(), description: ['x'] }, 'description', 'invalid_type'],
      [{ ...valid(), editable: true }, '', 'unrecognized_keys'],
      [{ ...valid(), source: 'ehr' }, '', 'unrecognized_keys'],
    ];
    for (const [body, path, code] of cases) expect400(await c.post(list, body), path, code);
    for (const body of [[], 'x', 42, null]) expect400(await c.post(list, body), '');
    const res = await c.post(list, undefined, { raw: '{"kind":', headers: { 'content-type': 'application/json' } });
    expect400(res, '', 'invalid_json');
  });

  it('PATCH: the same rules, every field optional, nothing to change is 400', async () => {
    expect400(await patch({}), '', 'nothing_to_change');
    expect400(await patch({ kind: 'care' }), 'kind');
    expect400(await patch({ description: '' }), 'description', 'required');
    expect400(await patch({ description: 'x'.repeat(201) }), 'description', 'too_long');
    expect400(await patch({ startsAt: iso(30), endsAt: iso(29) }), 'endsAt', 'ends_before_start');
    expect400(await patch({ startsAt: iso(5) }), 'endsAt', 'ends_before_start'); // after the stored end
    expect400(await patch({ createdBy: 1 }), '', 'unrecognized_keys');
    expect400(await patch(null), '');
  });

  it('ids in the path: not a positive integer is 400, never 500', async () => {
    for (const id of ['abc', '0', '-1', '1.5', '99999999999999999999']) {
      expect400(await patch({ description: 'x' }, `${list}/${id}`), 'appointmentId');
      expect400(await c.send('DELETE', `${list}/${id}`, undefined), 'appointmentId');
    }
    for (const cid of ['abc', '0', '99999999999999']) {
      expect400(await c.get(`/clients/${cid}/appointments`), 'clientId');
      expect400(await c.post(`/clients/${cid}/appointments`, valid()), 'clientId');
    }
  });

  it('GET: from/to must be instants, to after from, at most 400 days', async () => {
    const q = (s: string) => c.get(`${list}?${s}`);
    expect400(await q('from=yesterday'), 'from');
    expect400(await q('to=2026-13-01T00:00:00Z'), 'to');
    expect400(await q('from=2026-01-01T00:00:00Z&from=2026-02-01T00:00:00Z'), 'from', 'invalid_type');
    expect400(await q('from=2027-01-01T00:00:00Z&to=2026-12-01T00:00:00Z'), 'to', 'not_after_from');
    expect400(await q('from=2026-01-01T00:00:00Z&to=2027-02-06T00:00:00Z'), 'to', 'range_too_long');
    expect((await q('from=2026-01-01T00:00:00%2B01:00&to=2026-02-01T00:00:00Z')).status).toBe(200);
  });

  it('random bodies on POST and PATCH: never a 5xx, always the error shape (fast-check)', async () => {
    // Random bodies are sometimes valid: they go to a scratch appointment that is removed afterwards.
    const scratch = insertOwnAppointment(tp.portal.db, {
      clientId,
      kind: 'call',
      startsAt: iso(1),
      endsAt: iso(2),
      description: 'Kladblok',
      location: null,
      createdByUserId: userId,
      at: iso(0),
    });
    const value = fc.oneof(fc.jsonValue(), fc.string({ maxLength: 300 }), fc.constantFrom('care', 'visit', iso(3)));
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        { kind: value, startsAt: value, endsAt: value, description: value, location: value },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (b, post) => {
        const res = post ? await c.post(list, b) : await patch(b, `${list}/${scratch}`);
        if (res.status >= 500 || (res.status >= 400 && !isApiError(res.json))) {
          throw new Error(`${JSON.stringify(b).slice(0, 200)} → ${res.status} ${res.text.slice(0, 200)}`);
        }
        if (res.status === 201) tp.portal.db.prepare('DELETE FROM appointments WHERE id = ?').run(res.json.id);
      }),
      { numRuns: 150 },
    );
    tp.portal.db.prepare('DELETE FROM appointments WHERE id = ?').run(scratch);
  });

  it('none of it changed the agenda', () => {
    expect(count(tp, 'appointments')).toBe(before.appointments);
    expect(row()).toEqual(before.row);
  });
});
