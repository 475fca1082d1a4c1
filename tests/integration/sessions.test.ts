// Sessions (DESIGN §7): idle 30 minutes, absolute 12 hours, both enforced by the server; and the cookie flags.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiPath, DEVICE_SECRET_HEADER } from '../../shared/api/paths.ts';
import { HOUR, MINUTE, SECOND } from '../../server/clock.ts';
import { SignInRules } from '../../server/auth/rules.ts';
import { closeAll, count, login, signIn, startTestPortal, type TestPortal } from '../helpers/portal.ts';

afterEach(closeAll);

async function signedIn(tp: TestPortal) {
  const u = await tp.createUser();
  const c = tp.client();
  await signIn(tp, c, u);
  expect((await c.get(ApiPath.me)).status).toBe(200);
  return { u, c };
}

describe('session lifetime', () => {
  it('ends after 30 idle minutes with session_expired, and stays ended', async () => {
    const tp = await startTestPortal();
    const { c } = await signedIn(tp);
    tp.advance(30 * MINUTE + SECOND);
    let res = await c.get(ApiPath.me);
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('session_expired');
    expect(count(tp, 'sessions', "revoke_reason = 'idle-timeout'")).toBe(1);
    // Moving the clock back into the window does not revive it.
    tp.advance(-10 * MINUTE);
    res = await c.get(ApiPath.me);
    expect(res.status).toBe(401);
  });

  it('activity keeps it alive; the reported idle end moves along', async () => {
    const tp = await startTestPortal();
    const { c } = await signedIn(tp);
    let lastIdleEnd = 0;
    for (let i = 0; i < 4; i++) {
      tp.advance(25 * MINUTE);
      const res = await c.get(ApiPath.me);
      expect(res.status).toBe(200);
      const idleEnd = Date.parse(res.json.session.idleExpiresAt);
      expect(idleEnd - tp.clock.now().getTime()).toBeGreaterThan(29 * MINUTE);
      expect(idleEnd).toBeGreaterThan(lastIdleEnd);
      lastIdleEnd = idleEnd;
    }
  });

  it('ends after 12 hours even with steady activity', async () => {
    const tp = await startTestPortal();
    const { c } = await signedIn(tp);
    const first = await c.get(ApiPath.me);
    const absolute = Date.parse(first.json.session.absoluteExpiresAt);
    expect(absolute - tp.clock.now().getTime()).toBeGreaterThan(12 * HOUR - MINUTE);
    expect(absolute - tp.clock.now().getTime()).toBeLessThanOrEqual(12 * HOUR);
    let elapsed = 0;
    while (elapsed + 20 * MINUTE < 12 * HOUR - MINUTE) {
      tp.advance(20 * MINUTE);
      elapsed += 20 * MINUTE;
      expect((await c.get(ApiPath.me)).status).toBe(200);
    }
    // Near the end the idle deadline is capped at the absolute one.
    const near = await c.get(ApiPath.me);
    expect(Date.parse(near.json.session.idleExpiresAt)).toBeLessThanOrEqual(absolute);
    tp.advance(12 * HOUR - elapsed + SECOND);
    const res = await c.get(ApiPath.me);
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('session_expired');
    expect(count(tp, 'sessions', "revoke_reason = 'absolute-timeout'")).toBe(1);
  });

  it('logout with an expired session still clears the cookies', async () => {
    const tp = await startTestPortal();
    const { c } = await signedIn(tp);
    tp.advance(31 * MINUTE);
    const res = await c.post(ApiPath.logout);
    expect(res.status).toBe(401);
    expect(c.cookie('cp_session')).toBeUndefined();
  });
});

describe('cookies', () => {
  it('session, pending-login and device cookies are HttpOnly and SameSite=Strict; the device cookie comes after verification', async () => {
    const tp = await startTestPortal();
    const u = await tp.createUser();
    const c = tp.client();
    await login(c, u.username, u.password);
    const pending = c.lastSetCookie('cp_login')!;
    expect(pending.attributes.map((a) => a.toLowerCase())).toEqual(
      expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']),
    );
    expect(c.lastSetCookie('cp_device')).toBeUndefined();
    expect(c.lastSetCookie('cp_session')).toBeUndefined();

    await c.post(ApiPath.verifyDevice, { code: await tp.lastCode() });
    for (const name of ['cp_session', 'cp_device']) {
      const set = c.lastSetCookie(name)!;
      expect(set, name).toBeDefined();
      const attrs = set.attributes.map((a) => a.toLowerCase());
      expect(attrs, name).toContain('httponly');
      expect(attrs, name).toContain('samesite=strict');
      // Plain http on 127.0.0.1: not Secure here (Secure follows the request's protocol).
      expect(attrs, name).not.toContain('secure');
    }
    expect(c.cookie('cp_device')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The device secret is stored only hashed.
    const rows = tp.portal.db.prepare('SELECT secret_hash FROM devices').all() as Array<{ secret_hash: string }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.secret_hash).not.toBe(c.cookie('cp_device'));
    expect(JSON.stringify(tp.portal.db.prepare('SELECT * FROM sessions').all())).not.toContain(c.cookie('cp_session')!);
  });

  it('Expires counts from the portal clock, the one its Date header shows, also when that clock is days ahead', async () => {
    const tp = await startTestPortal();
    const u = await tp.createUser();
    tp.advance(3 * 24 * HOUR + 5 * MINUTE);
    const c = tp.client();
    const expiresAfterDate = (name: string) => {
      const set = c.lastSetCookie(name)!;
      const expires = set.attributes.find((a) => /^expires=/i.test(a))!;
      return Date.parse(expires.slice(8)) - Date.parse(res.headers.get('date')!);
    };
    let res = await login(c, u.username, u.password);
    expect(Math.abs(Date.parse(res.headers.get('date')!) - tp.clock.now().getTime())).toBeLessThanOrEqual(SECOND);
    // Cookie dates have whole seconds.
    expect(Math.abs(expiresAfterDate('cp_login') - SignInRules.loginAttemptTtlMs)).toBeLessThanOrEqual(SECOND);
    res = await c.post(ApiPath.verifyDevice, { code: await tp.lastCode() });
    expect(Math.abs(expiresAfterDate('cp_session') - SignInRules.sessionAbsoluteMs)).toBeLessThanOrEqual(SECOND);
    expect(Math.abs(expiresAfterDate('cp_device') - SignInRules.deviceCookieMaxAgeMs)).toBeLessThanOrEqual(SECOND);
    expect((await c.get(ApiPath.me)).status).toBe(200);
  });

  it('two family members on one browser each keep their remembered device', async () => {
    const tp = await startTestPortal();
    const a = await tp.createUser({ name: 'Truus van Dorp' });
    const b = await tp.createUser({ name: 'Annie van Dorp', mobile: '+31687654321' });
    const c = tp.client();
    await signIn(tp, c, a);
    await c.post(ApiPath.logout);
    await signIn(tp, c, b);
    await c.post(ApiPath.logout);
    expect(c.cookie('cp_device')!.split('.')).toHaveLength(2);
    const before = (await tp.sms()).length;
    expect((await login(c, a.username, a.password)).json.next).toBe('done');
    await c.post(ApiPath.logout);
    expect((await login(c, b.username, b.password)).json.next).toBe('done');
    expect((await tp.sms()).length).toBe(before);
  });

  it('the desktop app gets the device secret in a header (for its keychain) and is remembered by presenting it', async () => {
    const tp = await startTestPortal();
    const u = await tp.createUser();
    const ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Electron/38.0 Safari/537.36';
    const app = tp.client({ 'user-agent': ua });
    await login(app, u.username, u.password);
    const res = await app.post(ApiPath.verifyDevice, { code: await tp.lastCode() });
    const secret = res.headers.get(DEVICE_SECRET_HEADER);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(res.json)).not.toContain(secret!);
    const device = tp.portal.db.prepare('SELECT kind, label FROM devices').get();
    expect(device).toEqual({ kind: 'desktop', label: 'Cliëntportaal-app op Windows' });

    // A fresh cookie jar, but the keychain's secret in the header: no SMS.
    const before = (await tp.sms()).length;
    const again = tp.client({ 'user-agent': ua, [DEVICE_SECRET_HEADER]: secret! });
    expect((await login(again, u.username, u.password)).json.next).toBe('done');
    expect((await tp.sms()).length).toBe(before);
    // The same secret does not vouch for another user.
    const other = await tp.createUser({ mobile: '+31687654321' });
    expect(
      (await login(tp.client({ 'user-agent': ua, [DEVICE_SECRET_HEADER]: secret! }), other.username, other.password))
        .json.next,
    ).toBe('verify-device');
  });
});
