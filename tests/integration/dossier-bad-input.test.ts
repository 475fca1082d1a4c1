// Bad input on the dossier routes: 400 with field details, never a 500, and nothing changes in the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { closeAll, count, isApiError, signIn, startTestPortal, type TestPortal } from '../helpers/portal.ts';
import type { HttpClient, Res } from '../helpers/http-client.ts';

let tp: TestPortal;
let c: HttpClient;
let base: string;

beforeAll(async () => {
  tp = await startTestPortal();
  const u = await tp.createUser({ username: 'truus' });
  c = tp.client();
  await signIn(tp, c, u);
  base = `/clients/${u.clientId}/dossier`;
});
afterAll(closeAll);

const fields = (res: Res): Array<{ path: string; code: string }> => res.json.error.details.fields;

function expect400(res: Res, path?: string, code?: string): void {
  expect(res.status, res.text).toBe(400);
  expect(isApiError(res.json)).toBe(true);
  expect(res.json.error.code).toBe('validation_failed');
  if (path !== undefined) expect(fields(res).map((f) => f.path)).toContain(path);
  if (code !== undefined) expect(fields(res).find((f) => f.path === path)?.code).toBe(code);
}

describe('dossier bad input', () => {
  it('POST reports: empty, too long, wrong type, extra fields, not an object, broken JSON', async () => {
    const cases: Array<[unknown, string, string?]> = [
      [{}, 'text'],
      [{ text: '' }, 'text', 'required'],
      [{ text: '   \n ' }, 'text', 'required'],
      [{ text: 'x'.repeat(5001) }, 'text', 'too_long'],
      [{ text: 42 }, 'text', 'invalid_type'],
      [{ text: ['x'] }, 'text', 'invalid_type'],
      [{ text: 'Goed', author: 'Maria' }, '', 'unrecognized_keys'],
      [{ text: 'Goed', sentToEhrAt: '2026-01-01T00:00:00Z' }, '', 'unrecognized_keys'],
    ];
    for (const [body, path, code] of cases) expect400(await c.post(`${base}/reports`, body), path, code);
    for (const body of [[], 'x', 42, null]) expect400(await c.post(`${base}/reports`, body), '');
    expect400(
      await c.post(`${base}/reports`, undefined, { raw: '{"text":', headers: { 'content-type': 'application/json' } }),
      '',
      'invalid_json',
    );
    expect(count(tp, 'dossier_items')).toBe(0);
    // 5000 characters exactly is fine
    expect((await c.post(`${base}/reports`, { text: 'x'.repeat(5000) })).status).toBe(201);
  });

  it('GET items: dates, order, range, limit and cursor are checked', async () => {
    const cases: Array<[string, string, string?]> = [
      ['', 'from'],
      ['?from=2026-10-01', 'to'],
      ['?from=2026-13-01&to=2026-12-01', 'from', 'invalid_date'],
      ['?from=2026-02-30&to=2026-03-01', 'from', 'invalid_date'],
      ['?from=01-10-2026&to=2026-10-01', 'from', 'invalid_date'],
      ['?from=2026-10-02&to=2026-10-01', 'to', 'ends_before_start'],
      ['?from=2020-01-01&to=2026-10-01', 'to', 'range_too_long'],
      ['?from=2026-10-01&to=2026-10-02&limit=0', 'limit'],
      ['?from=2026-10-01&to=2026-10-02&limit=501', 'limit'],
      ['?from=2026-10-01&to=2026-10-02&limit=abc', 'limit'],
      ['?from=2026-10-01&to=2026-10-02&cursor=nonsense', 'cursor', 'invalid_cursor'],
      ['?from=2026-10-01&to=2026-10-02&cursor=%27%20OR%201%3D1_1', 'cursor', 'invalid_cursor'],
      ['?from=2026-10-01&to=2026-10-02&extra=1', '', 'unrecognized_keys'],
      ['?from=2026-10-01&from=2026-10-02&to=2026-10-03', 'from'],
    ];
    for (const [q, path, code] of cases) expect400(await c.get(`${base}/items${q}`), path, code);
  });

  it('GET day, item and plan ids', async () => {
    expect400(await c.get(`${base}/day?date=gisteren`), 'date', 'invalid_date');
    expect400(await c.get(`${base}/day?when=2026-10-01`), '', 'unrecognized_keys');
    for (const id of ['abc', '0', '-1', '1.5', '99999999999']) {
      expect400(await c.get(`${base}/items/${id}`), 'itemId');
      expect400(await c.get(`${base}/plans/${id}`), 'planId');
    }
    expect400(await c.get(`/clients/abc/dossier`), 'clientId');
  });

  it('random report bodies and queries never give a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (body) => {
        const res = await c.post(`${base}/reports`, { text: body });
        expect([201, 400]).toContain(res.status);
      }),
      { numRuns: 40 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (from, to) => {
        const q = new URLSearchParams({ from, to }).toString();
        const res = await c.get(`${base}/items?${q}`);
        expect([200, 400]).toContain(res.status);
      }),
      { numRuns: 40 },
    );
  });
});
