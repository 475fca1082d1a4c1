// Response headers on every API answer (errors included) and the cross-origin refusal (DESIGN §6, §7).
import { afterEach, describe, expect, it } from 'vitest';
import { ApiPath } from '../../shared/api/paths.ts';
import { closeAll, count, isApiError, login, signIn, startTestPortal } from '../helpers/portal.ts';
import type { Res } from '../helpers/http-client.ts';

afterEach(closeAll);

function expectSecurityHeaders(res: Res, what: string): void {
  expect(res.headers.get('cache-control'), what).toBe('no-store');
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('x-frame-options'), what).toBe('DENY');
  expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
  // Plain http: no HSTS (it would be ignored anyway).
  expect(res.headers.get('strict-transport-security'), what).toBeNull();
}

describe('API response headers', () => {
  it('no-store, CSP and nosniff on successes and on every kind of error', async () => {
    const tp = await startTestPortal();
    const u = await tp.createUser();
    const c = tp.client();
    const answers: Array<[string, Res]> = [
      ['info 200', await c.get(ApiPath.info)],
      ['health 200', await c.get(ApiPath.health)],
      ['me 401', await c.get(ApiPath.me)],
      ['unknown 404', await c.get('/api/v1/bestaat-niet')],
      ['login 400', await c.post(ApiPath.login, {})],
      ['login 415', await c.post(ApiPath.login, undefined, { raw: 'a=b', headers: { 'content-type': 'text/plain' } })],
      ['login 401', await login(c, u.username, 'fout')],
      ['login 200', await login(c, u.username, u.password)],
      ['verify 400', await c.post(ApiPath.verifyDevice, { code: 'abc' })],
      ['resend 429', await c.post(ApiPath.resendCode)],
      ['forgot 202', await c.post(ApiPath.forgotPassword, { username: 'x', email: 'x@example.nl' })],
      ['origin 403', await c.post(ApiPath.logout, undefined, { headers: { origin: 'https://evil.example' } })],
    ];
    expect(answers.map(([, r]) => r.status)).toEqual([200, 200, 401, 404, 400, 415, 401, 200, 400, 429, 202, 403]);
    for (const [what, res] of answers) {
      expectSecurityHeaders(res, what);
      if (res.status >= 400) {
        expect(isApiError(res.json), what).toBe(true);
        expect(res.headers.get('content-type'), what).toContain('application/json');
      }
    }
  });

  it('a 404 under /api is a JSON error, and a wrong method is refused without a 5xx', async () => {
    const tp = await startTestPortal();
    const c = tp.client();
    let res = await c.get('/api/v1/auth/nope');
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('not_found');
    res = await c.get(ApiPath.login);
    expect(res.status).toBe(405);
    expect(res.status).toBeLessThan(500);
    expectSecurityHeaders(res, 'GET login');
    res = await c.post(ApiPath.me, {});
    expect(res.status).toBe(405);
  });

  it('never shows internals: no stack traces or file paths in error bodies', async () => {
    const tp = await startTestPortal();
    const c = tp.client();
    for (const res of [
      await c.post(ApiPath.login, undefined, { raw: '{"a":', headers: { 'content-type': 'application/json' } }),
      await c.post(ApiPath.login, { username: 1 }),
      await c.get(ApiPath.loginState),
    ]) {
      expect(res.text).not.toMatch(/at .+\(|node_modules|\/server\/|\.ts:/);
    }
  });
});

describe('cross-origin requests', () => {
  it('a POST with a foreign Origin is 403 bad_origin and does nothing', async () => {
    const tp = await startTestPortal({ PORTAL_PUBLIC_URL: 'https://portaal.careyn.example' });
    const u = await tp.createUser();
    const attacker = tp.client({ origin: 'https://evil.example' });
    let res = await login(attacker, u.username, u.password);
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('bad_origin');
    expect(attacker.cookie('cp_login')).toBeUndefined();
    expect(count(tp, 'login_attempts')).toBe(0);

    res = await attacker.post(ApiPath.forgotPassword, { username: u.username, email: u.email });
    expect(res.status).toBe(403);
    expect(count(tp, 'password_resets')).toBe(0);
    // A look-alike of the public origin is foreign too.
    res = await login(tp.client({ origin: 'https://portaal.careyn.example.evil.example' }), u.username, u.password);
    expect(res.json.error.code).toBe('bad_origin');
    res = await login(tp.client({ origin: 'null' }), u.username, u.password);
    expect(res.json.error.code).toBe('bad_origin');

    // The portal's own public origin, and a request without Origin (desktop app, curl), are fine.
    res = await login(tp.client({ origin: 'https://portaal.careyn.example' }), u.username, u.password);
    expect(res.status).toBe(200);
    res = await login(tp.client(), u.username, u.password);
    expect(res.status).toBe(200);
    // The origin the request itself was sent to (e.g. reached by IP instead of the public name) is not foreign.
    res = await login(tp.client({ origin: tp.url }), u.username, u.password);
    expect(res.status).toBe(200);
  });

  it('a signed-in user cannot be logged out cross-origin', async () => {
    const tp = await startTestPortal();
    const u = await tp.createUser();
    const c = tp.client();
    await signIn(tp, c, u);
    const res = await c.post(ApiPath.logout, undefined, { headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect((await c.get(ApiPath.me)).status).toBe(200);
  });
});
