// The week and month views ask the agenda for whole weeks: Monday 00:00 to Monday 00:00 Amsterdam time, and a month
// grid of up to six weeks. These periods must be accepted (the limit is 400 days) and return what lies in them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiPath } from '../../shared/api/paths.ts';
import { MAX_RANGE_DAYS } from '../../shared/api/appointments.ts';
import { periodOf } from '../../renderer/src/lib/agenda-calendar.ts';
import { wallTimeToUtcIso } from '../../renderer/src/lib/agenda-time.ts';
import { closeAll, GOOD_PASSWORD, signIn, startTestPortal, type TestPortal } from '../helpers/portal.ts';
import type { HttpClient } from '../helpers/http-client.ts';

let tp: TestPortal;
let clientId: number;
let asTruus: HttpClient;
const agenda = () => ApiPath.appointments.replace(':clientId', String(clientId));
const query = (p: { from: string; to: string }) =>
  `${agenda()}?from=${encodeURIComponent(p.from)}&to=${encodeURIComponent(p.to)}`;

beforeAll(async () => {
  tp = await startTestPortal();
  const truus = await tp.createUser({ name: 'Truus van Dorp', username: 'truus', mobile: '0612345678' });
  clientId = truus.clientId;
  asTruus = tp.client();
  await signIn(tp, asTruus, { username: 'truus', password: GOOD_PASSWORD, mobile: '+31612345678' });
  // Sunday 29 November 2026, the last day of week 48 and of the month's fifth grid row; and Monday 30 November.
  for (const [day, description] of [
    ['2026-11-29', 'Dochter komt eten'],
    ['2026-11-30', 'Boodschappen'],
  ] as const) {
    const res = await asTruus.post(agenda(), {
      kind: 'visit',
      startsAt: wallTimeToUtcIso(day, '18:00'),
      endsAt: wallTimeToUtcIso(day, '20:00'),
      description,
    });
    expect(res.status).toBe(201);
  }
});
afterAll(closeAll);

const descriptions = (json: { appointments: { description: string }[] }) => json.appointments.map((a) => a.description);

describe('agenda periods of the week and month views', () => {
  it('a week holds its Sunday evening and not the next Monday', async () => {
    const res = await asTruus.get(query(periodOf('week', '2026-11-25')));
    expect(res.status).toBe(200);
    expect(descriptions(res.json)).toEqual(['Dochter komt eten']);
    const next = await asTruus.get(query(periodOf('week', '2026-11-30')));
    expect(descriptions(next.json)).toEqual(['Boodschappen']);
  });

  it("a six-week month grid is accepted and holds the month's appointments", async () => {
    const p = periodOf('maand', '2026-11-01');
    expect(p.days).toHaveLength(42);
    expect((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000).toBeLessThan(MAX_RANGE_DAYS);
    const res = await asTruus.get(query(p));
    expect(res.status).toBe(200);
    expect(descriptions(res.json)).toEqual(['Dochter komt eten', 'Boodschappen']);
  });
});
