// The SMS code rules of DESIGN §7, driven by the server's AdjustableClock: 5 minutes, single use, 5 tries, resend
// after 60 s, 5 codes an hour, bound to its login attempt, and the 90-day rule for remembered devices.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiPath } from '../../shared/api/paths.ts';
import { DAY, MINUTE, SECOND } from '../../server/clock.ts';
import { closeAll, count, login, otherCode, signIn, startTestPortal, type TestPortal } from '../helpers/portal.ts';

afterEach(closeAll);

async function pendingLogin(tp: TestPortal) {
  const u = await tp.createUser();
  const c = tp.client();
  const res = await login(c, u.username, u.password);
  expect(res.json.next).toBe('verify-device');
  return { u, c, code: await tp.lastCode(u.mobile) };
}

describe('SMS code', () => {
  it('works until 5 minutes, then code_expired', async () => {
    const tp = await startTestPortal();
    const { c, code } = await pendingLogin(tp);
    tp.advance(5 * MINUTE + SECOND);
    const res = await c.post(ApiPath.verifyDevice, { code });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('code_expired');
    expect(c.cookie('cp_session')).toBeUndefined();
  });

  it('still works just before 5 minutes', async () => {
    const tp = await startTestPortal();
    const { c, code } = await pendingLogin(tp);
    tp.advance(4 * MINUTE + 50 * SECOND);
    const res = await c.post(ApiPath.verifyDevice, { code });
    expect(res.status).toBe(200);
    expect(res.json.next).toBe('done');
  });

  it('is single use: replaying the pending-login cookie with the used code fails', async () => {
    const tp = await startTestPortal();
    const { c, code } = await pendingLogin(tp);
    const loginCookie = c.cookie('cp_login')!;
    expect((await c.post(ApiPath.verifyDevice, { code })).status).toBe(200);
    const replay = tp.client();
    replay.setCookie('cp_login', loginCookie);
    const res = await replay.post(ApiPath.verifyDevice, { code });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('login_expired');
    expect(replay.cookie('cp_session')).toBeUndefined();
    expect(replay.cookie('cp_device')).toBeUndefined();
  });

  it('5 wrong tries end the code: then even the right code fails', async () => {
    const tp = await startTestPortal();
    const { c, code } = await pendingLogin(tp);
    const left: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await c.post(ApiPath.verifyDevice, { code: otherCode(code) });
      expect(res.json.error.code).toBe('invalid_code');
      left.push(res.json.error.details.attemptsLeft);
    }
    expect(left).toEqual([4, 3, 2, 1]);
    let res = await c.post(ApiPath.verifyDevice, { code: otherCode(code) });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('code_tries_exceeded');
    res = await c.post(ApiPath.verifyDevice, { code });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('code_tries_exceeded');
    expect(c.cookie('cp_session')).toBeUndefined();
  });

  it('resend: not within 60 s; afterwards a new code replaces the old one', async () => {
    const tp = await startTestPortal();
    const { u, c, code } = await pendingLogin(tp);
    tp.advance(30 * SECOND);
    let res = await c.post(ApiPath.resendCode);
    expect(res.status).toBe(429);
    expect(res.json.error.code).toBe('resend_too_soon');
    expect(res.json.error.details.retryAfterSeconds).toBe(30);
    expect(res.headers.get('retry-after')).toBe('30');
    expect((await tp.sms()).length).toBe(1);

    tp.advance(31 * SECOND);
    res = await c.post(ApiPath.resendCode);
    expect(res.status).toBe(200);
    expect(res.json.verification.maskedMobile).toMatch(/^06\*+\d\d$/);
    const fresh = await tp.lastCode(u.mobile);
    expect((await tp.sms()).length).toBe(2);
    if (fresh !== code) {
      res = await c.post(ApiPath.verifyDevice, { code });
      expect(res.json.error.code).toBe('invalid_code');
    }
    res = await c.post(ApiPath.verifyDevice, { code: fresh });
    expect(res.status).toBe(200);
    expect(res.json.next).toBe('done');
  });

  it('at most 5 codes an hour per user, also across logins', async () => {
    const tp = await startTestPortal();
    const { u, c } = await pendingLogin(tp);
    for (let i = 0; i < 4; i++) {
      tp.advance(61 * SECOND);
      expect((await c.post(ApiPath.resendCode)).status).toBe(200);
    }
    expect((await tp.sms()).length).toBe(5);
    tp.advance(61 * SECOND);
    let res = await c.post(ApiPath.resendCode);
    expect(res.status).toBe(429);
    expect(res.json.error.code).toBe('too_many_codes');
    const retry = res.json.error.details.retryAfterSeconds as number;
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(3600 - 5 * 61 + 1);
    // A new login does not get around the limit.
    res = await login(tp.client(), u.username, u.password);
    expect(res.status).toBe(429);
    expect(res.json.error.code).toBe('too_many_codes');
    expect((await tp.sms()).length).toBe(5);
    // An hour after the first code, one may be sent again (the first pending login itself expired meanwhile).
    tp.advance(retry * SECOND);
    expect((await c.post(ApiPath.resendCode)).json.error.code).toBe('login_expired');
    res = await login(tp.client(), u.username, u.password);
    expect(res.status).toBe(200);
    expect(res.json.next).toBe('verify-device');
    expect((await tp.sms()).length).toBe(6);
  });

  it('a code belongs to its login attempt: it does not work for another one', async () => {
    const tp = await startTestPortal();
    const u = await tp.createUser();
    const a = tp.client();
    const b = tp.client();
    await login(a, u.username, u.password);
    const codeA = await tp.lastCode();
    await login(b, u.username, u.password);
    const codeB = await tp.lastCode();
    if (codeA !== codeB) {
      const res = await b.post(ApiPath.verifyDevice, { code: codeA });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('invalid_code');
    }
    expect((await b.post(ApiPath.verifyDevice, { code: codeB })).json.next).toBe('done');
    expect((await a.post(ApiPath.verifyDevice, { code: codeA })).json.next).toBe('done');
  });

  it('codes are stored only as hashes', async () => {
    const tp = await startTestPortal();
    const { code } = await pendingLogin(tp);
    const rows = tp.portal.db.prepare('SELECT * FROM sms_codes').all();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(code);
  });
});

describe('remembered device and the 90-day rule', () => {
  async function signedInOnce(tp: TestPortal) {
    const u = await tp.createUser();
    const c = tp.client();
    await signIn(tp, c, u);
    expect((await c.post(ApiPath.logout)).status).toBe(204);
    return { u, c };
  }

  it('89 days without login: no SMS on the remembered device', async () => {
    const tp = await startTestPortal();
    const { u, c } = await signedInOnce(tp);
    const before = (await tp.sms()).length;
    tp.advance(89 * DAY);
    const res = await login(c, u.username, u.password);
    expect(res.json.next).toBe('done');
    expect((await tp.sms()).length).toBe(before);
  });

  it('more than 90 days without login: SMS again, and the new trust replaces the old one', async () => {
    const tp = await startTestPortal();
    const { u, c } = await signedInOnce(tp);
    const before = (await tp.sms()).length;
    tp.advance(90 * DAY + MINUTE);
    let res = await login(c, u.username, u.password);
    expect(res.json.next).toBe('verify-device');
    expect((await tp.sms()).length).toBe(before + 1);
    res = await c.post(ApiPath.verifyDevice, { code: await tp.lastCode() });
    expect(res.json.next).toBe('done');
    expect(count(tp, 'devices', 'user_id = ? AND revoked_at IS NULL', u.userId)).toBe(1);
    await c.post(ApiPath.logout);
    expect((await login(c, u.username, u.password)).json.next).toBe('done');
  });
});
