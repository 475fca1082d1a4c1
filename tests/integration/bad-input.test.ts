// Bad input on every endpoint of shared/api/paths.ts gets a 4xx with `{ error: { code, message, details } }` and
// field details where a field is at fault: never a 500, never a change in the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ApiPath } from '../../shared/api/paths.ts';
import { closeAll, count, isApiError, login, signIn, startTestPortal, type TestPortal } from '../helpers/portal.ts';
import type { HttpClient, Res } from '../helpers/http-client.ts';

type Key = keyof typeof ApiPath;
/** Every endpoint with its method and the string fields of its body schema (null: the endpoint reads no body). */
const ENDPOINTS: Record<Key, { method: 'GET' | 'POST'; fields: string[] | null }> = {
  health: { method: 'GET', fields: null },
  info: { method: 'GET', fields: null },
  // Public; this portal has no logo configured, so 404 (tests/integration/info.test.ts covers the logo itself).
  infoLogo: { method: 'GET', fields: null },
  login: { method: 'POST', fields: ['username', 'password'] },
  loginState: { method: 'GET', fields: null },
  verifyDevice: { method: 'POST', fields: ['code'] },
  resendCode: { method: 'POST', fields: null },
  changePassword: { method: 'POST', fields: ['currentPassword', 'newPassword'] },
  forgotPassword: { method: 'POST', fields: ['username', 'email'] },
  resetCheck: { method: 'POST', fields: ['token'] },
  resetPassword: { method: 'POST', fields: ['token', 'username', 'newPassword'] },
  logout: { method: 'POST', fields: null },
  me: { method: 'GET', fields: null },
  clients: { method: 'GET', fields: null },
  // Its writes take :clientId in the path: tests/integration/appointments-bad-input.test.ts covers their bodies.
  appointments: { method: 'GET', fields: null },
  accessLog: { method: 'GET', fields: null },
  // The GET (status) reads no body; the POST registers this computer as a ward computer.
  wardComputer: { method: 'POST', fields: ['label'] },
  assistedLogin: { method: 'POST', fields: ['username', 'password'] },
  assistedLoginConfirm: { method: 'POST', fields: ['staffUsername', 'staffPassword'] },
  // Staff only (403 for the client of this test); tests/integration/sync-status.test.ts covers it.
  syncStatus: { method: 'GET', fields: null },
};
const WITH_BODY = (Object.keys(ENDPOINTS) as Key[]).filter((k) => ENDPOINTS[k].fields !== null);
const POSTS = (Object.keys(ENDPOINTS) as Key[]).filter((k) => ENDPOINTS[k].method === 'POST');

const VALID: Record<string, string> = {
  username: 'truus',
  password: 'Kastanjeboom-Regenjas-42',
  currentPassword: 'Kastanjeboom-Regenjas-42',
  newPassword: 'Paardenbloem-Wolk-Lantaarn-9',
  code: '123456',
  email: 'truus@example.nl',
  token: 'A'.repeat(43),
  label: 'Huiskamer',
  staffUsername: 'anna',
  staffPassword: 'Kastanjeboom-Regenjas-42',
};
const validBody = (k: Key) => Object.fromEntries(ENDPOINTS[k].fields!.map((f) => [f, VALID[f]]));

let tp: TestPortal;
/** Has a live session, so an endpoint cannot hide its validation behind a 401. */
let signedIn: HttpClient;
/** Is half-way a login (verify-device stage). */
let pending: HttpClient;
const TABLES = [
  'users',
  'sessions',
  'devices',
  'login_attempts',
  'sms_codes',
  'login_throttle',
  'password_resets',
  'outbox',
  'ward_computers',
];
let before: Record<string, number>;

beforeAll(async () => {
  tp = await startTestPortal();
  const u = await tp.createUser({ username: 'truus', email: 'truus@example.nl' });
  signedIn = tp.client();
  await signIn(tp, signedIn, u);
  pending = tp.client();
  expect((await login(pending, 'truus', u.password)).json.next).toBe('verify-device');
  await tp.deliver();
  before = Object.fromEntries(TABLES.map((t) => [t, count(tp, t)]));
});
afterAll(closeAll);

function expectError(res: Res, status: number | number[], code?: string): void {
  const statuses = Array.isArray(status) ? status : [status];
  expect(statuses, res.text).toContain(res.status);
  expect(isApiError(res.json), res.text).toBe(true);
  if (code) expect(res.json.error.code).toBe(code);
  expect(res.headers.get('content-type')).toContain('application/json');
}

function fieldsOf(res: Res): Array<{ path: string; code: string; message: string }> {
  return res.json.error.details.fields;
}

describe('bad input', () => {
  it('the table above covers every path of shared/api/paths.ts', () => {
    expect(Object.keys(ENDPOINTS).sort()).toEqual(Object.keys(ApiPath).sort());
  });

  it.each(WITH_BODY)('%s: missing, mistyped, extra and huge fields are 400 with field details', async (k) => {
    const path = ApiPath[k];
    const fields = ENDPOINTS[k].fields!;
    for (const c of [signedIn, pending]) {
      let res = await c.post(path, {});
      expectError(res, 400, 'validation_failed');
      expect(
        fieldsOf(res)
          .map((f) => f.path)
          .sort(),
      ).toEqual([...fields].sort());
      for (const f of fieldsOf(res)) expect(typeof f.message).toBe('string');

      for (const bad of [123, true, null, ['x'], { nested: 'x' }]) {
        for (const f of fields) {
          res = await c.post(path, { ...validBody(k), [f]: bad });
          expectError(res, 400, 'validation_failed');
          expect(fieldsOf(res)).toEqual([expect.objectContaining({ path: f, code: 'invalid_type' })]);
        }
      }
      res = await c.post(path, { ...validBody(k), isAdmin: true });
      expectError(res, 400, 'validation_failed');
      expect(fieldsOf(res)[0]!.code).toBe('unrecognized_keys');

      for (const f of fields) {
        res = await c.post(path, { ...validBody(k), [f]: 'a'.repeat(20_000) });
        expectError(res, 400, 'validation_failed');
        expect(new Set(fieldsOf(res).map((x) => x.path))).toEqual(new Set([f]));
      }
      for (const f of fields) {
        res = await c.post(path, { ...validBody(k), [f]: '' });
        expectError(res, 400, 'validation_failed');
        expect(fieldsOf(res).map((x) => x.path)).toContain(f);
      }
    }
  });

  it.each(WITH_BODY)('%s: non-object bodies are 400', async (k) => {
    for (const body of [[], [validBody(k)], 'truus', 42, true, null]) {
      const res = await signedIn.post(ApiPath[k], body);
      expectError(res, 400, 'validation_failed');
      expect(fieldsOf(res)[0]!.path).toBe('');
    }
  });

  it.each(POSTS)('%s: invalid JSON 400, wrong content type 415, too large 413', async (k) => {
    const path = ApiPath[k];
    for (const raw of ['{"username":', '{username: "truus"}', "{'a':1}", 'undefined', '\u0000', '{"a":1}}']) {
      const res = await signedIn.post(path, undefined, { raw, headers: { 'content-type': 'application/json' } });
      expectError(res, 400, 'validation_failed');
      expect(fieldsOf(res)[0]!.code).toBe('invalid_json');
    }
    const json = JSON.stringify(validBody(k === 'logout' || k === 'resendCode' ? 'login' : k));
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
    ]) {
      const res = await signedIn.post(path, undefined, { raw: json, headers: { 'content-type': type } });
      expectError(res, 415, 'unsupported_media_type');
    }
    const big = JSON.stringify({ username: 'x'.repeat(70 * 1024) });
    let res = await signedIn.post(path, undefined, { raw: big, headers: { 'content-type': 'application/json' } });
    expectError(res, 413, 'payload_too_large');
    // Also without a Content-Length up front (chunked upload).
    const stream = new ReadableStream<Uint8Array>({
      start(ctl) {
        for (let i = 0; i < 40; i++)
          ctl.enqueue(new TextEncoder().encode(i === 0 ? '{"a":"' + 'y'.repeat(4096) : 'y'.repeat(4096)));
        ctl.close();
      },
    });
    const r = await fetch(signedIn.url(path), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    res = { status: r.status, headers: r.headers, text: '', json: await r.json() };
    expectError(res, 413, 'payload_too_large');
    // The connection is still in order for the next request (a half-read upload used to reset it).
    res = await signedIn.post(path, undefined, { raw: '{', headers: { 'content-type': 'application/json' } });
    expectError(res, 400, 'validation_failed');
  });

  it('a code must be exactly six digits; a token must have the shape of a reset token', async () => {
    for (const code of ['12a456', '12345', '1234567', '１２３４５６', '12 456', '-12345', '1e5000', '0x1234']) {
      const res = await pending.post(ApiPath.verifyDevice, { code });
      expectError(res, 400, 'validation_failed');
      expect(fieldsOf(res)).toEqual([expect.objectContaining({ path: 'code', code: 'six_digits' })]);
    }
    const tokens = [
      'A'.repeat(42),
      'A'.repeat(44),
      'A'.repeat(42) + '=',
      'A'.repeat(42) + '/',
      'A'.repeat(42) + '+',
      `${'A'.repeat(41)}\n`,
    ];
    for (const token of tokens) {
      for (const k of ['resetCheck', 'resetPassword'] as const) {
        const res = await tp.client().post(ApiPath[k], { ...validBody(k), token });
        expectError(res, 400, 'validation_failed');
        expect(fieldsOf(res)).toEqual([expect.objectContaining({ path: 'token', code: 'invalid_token' })]);
      }
    }
    // The pending login survived all of that: its code still counts 5 tries.
    const res = await pending.post(ApiPath.verifyDevice, { code: '000000' });
    const ok = res.status === 200 || res.json.error.details.attemptsLeft === 4;
    expect(ok, res.text).toBe(true);
  });

  it('forgot-password wants a real e-mail address', async () => {
    for (const email of ['truus', 'truus@', '@example.nl', 'truus@example', 'a b@example.nl']) {
      const res = await tp.client().post(ApiPath.forgotPassword, { username: 'truus', email });
      expectError(res, 400, 'validation_failed');
      expect(fieldsOf(res).map((f) => f.path)).toEqual(['email']);
    }
  });

  it('GET endpoints shrug off garbage cookies, headers and query strings', async () => {
    const garbage = [
      'cp_session=%E0%A4%A',
      'cp_session="unterminated',
      'cp_login=' + 'x'.repeat(4000),
      'cp_device=a.b.c.' + '.'.repeat(500),
      '=;=;;',
      'cp_session=\u00ff',
    ];
    for (const k of (Object.keys(ENDPOINTS) as Key[]).filter((x) => ENDPOINTS[x].method === 'GET')) {
      for (const cookie of garbage) {
        const c = tp.client({
          cookie: Buffer.from(cookie, 'latin1').toString('latin1'),
          authorization: 'Bearer ' + 'x'.repeat(43) + '!',
        });
        const res = await c.get(`${ApiPath[k]}?next=%00%ff&a[b]=1&code=${'9'.repeat(5000)}`);
        expect(res.status, `${k} ${cookie}`).toBeLessThan(500);
        if (k === 'info' || k === 'health') expect(res.status).toBe(200);
        else if (k === 'infoLogo') expectError(res, 404);
        else expectError(res, 401);
      }
    }
  });

  it('none of the bad input above changed the database', () => {
    const after = Object.fromEntries(TABLES.map((t) => [t, count(tp, t)]));
    expect(after).toEqual(before);
  });

  it('random JSON bodies on every POST endpoint: never a 5xx, always the error shape (fast-check)', async () => {
    const anyValue = fc.oneof(
      fc.jsonValue(),
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({ maxLength: 600 }),
    );
    for (const k of POSTS) {
      const keys = ENDPOINTS[k].fields ?? ['x'];
      const shaped = fc.record(Object.fromEntries(keys.map((f) => [f, anyValue])), { requiredKeys: [] });
      const withExtra = fc
        .tuple(shaped, fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue(), { maxKeys: 2 }))
        .map(([a, b]) => ({ ...b, ...a }));
      const body = fc.oneof(
        fc.jsonValue(),
        shaped,
        withExtra,
        fc.constantFrom<unknown>(validBody(k === 'logout' || k === 'resendCode' ? 'login' : k)),
      );
      await fc.assert(
        fc.asyncProperty(body, fc.constantFrom(signedIn, pending, null), async (b, who) => {
          const c = who ?? tp.client();
          const res = await c.post(ApiPath[k], b);
          if (res.status >= 500 || (res.status >= 400 && !isApiError(res.json))) {
            throw new Error(`${k} ${JSON.stringify(b).slice(0, 200)} → ${res.status} ${res.text.slice(0, 200)}`);
          }
        }),
        { numRuns: 60 },
      );
      // Raw strings as JSON bodies: mostly not JSON at all.
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 200 }), async (raw) => {
          const res = await tp
            .client()
            .post(ApiPath[k], undefined, { raw, headers: { 'content-type': 'application/json' } });
          if (res.status >= 500 || (res.status >= 400 && !isApiError(res.json))) {
            throw new Error(`${k} raw ${JSON.stringify(raw)} → ${res.status} ${res.text.slice(0, 200)}`);
          }
        }),
        { numRuns: 25 },
      );
    }
  });
});
