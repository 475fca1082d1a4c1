// The whole first sign-in of DESIGN §3 over real HTTP, with the server's own (production) password hashing:
// temporary password → SMS code → forced password change → session → logout → remembered device.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiPath } from '../../shared/api/paths.ts';
import {
  closeAll,
  codeFrom,
  GOOD_PASSWORD,
  login,
  OTHER_GOOD_PASSWORD,
  otherCode,
  readSmsFile,
  signIn,
  startTestPortal,
} from '../helpers/portal.ts';

afterEach(closeAll);

describe('first sign-in with a temporary password (default scrypt hasher)', () => {
  it('goes password → SMS → password change → session, and remembers the device', async () => {
    const tp = await startTestPortal({}, { hasher: 'default' });
    const user = await tp.createUser({
      name: 'Truus van Dorp',
      username: 'truus',
      email: 'truus@example.nl',
      mobile: '+31612345678',
      password: 'Tijdelijk-AbCd-EfGh',
      mustChangePassword: true,
    });
    // The server's own parameters, not the test's fast ones.
    const row = tp.portal.db.prepare('SELECT password_hash FROM users WHERE id = ?').get(user.userId) as {
      password_hash: string;
    };
    expect(row.password_hash).toMatch(/^scrypt\$17\$8\$1\$/);

    const browser = tp.client();
    let res = await login(browser, 'truus', 'Tijdelijk-AbCd-EfGh');
    expect(res.status).toBe(200);
    expect(res.json.next).toBe('verify-device');
    expect(res.json.verification.maskedMobile).toBe('06******78');
    expect(res.json).not.toHaveProperty('loginToken');
    expect(browser.cookie('cp_login')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(browser.cookie('cp_session')).toBeUndefined();

    // The SMS: one JSON line {to, body, at} in outbox/sms.jsonl.
    await tp.deliver();
    const lines = readSmsFile(tp.dataDir);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.to).toBe('+31612345678');
    expect(new Date(lines[0]!.at).toString()).not.toBe('Invalid Date');
    const code = codeFrom(lines[0]!.body);
    expect(lines[0]!.body).toContain('Careyn');

    res = await browser.post(ApiPath.verifyDevice, { code: otherCode(code) });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('invalid_code');
    expect(res.json.error.details.attemptsLeft).toBe(4);

    res = await browser.post(ApiPath.verifyDevice, { code });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ next: 'change-password' });
    expect(browser.cookie('cp_device')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(browser.cookie('cp_session')).toBeUndefined();
    // Not signed in yet: the password must be changed first.
    expect((await browser.get(ApiPath.me)).status).toBe(401);

    const weak: Array<[string, string]> = [
      ['kort1', 'too_short'],
      ['wachtwoord123', 'too_weak'],
      ['truus-Kastanjeboom-Regenjas', 'contains_username'],
    ];
    for (const [newPassword, reason] of weak) {
      res = await browser.post(ApiPath.changePassword, { currentPassword: 'Tijdelijk-AbCd-EfGh', newPassword });
      expect(res.status, newPassword).toBe(400);
      expect(res.json.error.code).toBe('weak_password');
      const fields = res.json.error.details.fields as Array<{ path: string; code: string }>;
      expect(fields.every((f) => f.path === 'newPassword')).toBe(true);
      expect(fields.map((f) => f.code)).toContain(reason);
    }
    res = await browser.post(ApiPath.changePassword, {
      currentPassword: 'fout-wachtwoord',
      newPassword: GOOD_PASSWORD,
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('wrong_current_password');

    res = await browser.post(ApiPath.changePassword, {
      currentPassword: 'Tijdelijk-AbCd-EfGh',
      newPassword: GOOD_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.json.next).toBe('done');
    expect(res.json.me).toMatchObject({ username: 'truus', displayName: 'Truus van Dorp', kind: 'client' });
    expect(browser.cookie('cp_session')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(browser.cookie('cp_login')).toBeUndefined();

    res = await browser.get(ApiPath.me);
    expect(res.status).toBe(200);
    expect(res.json.me.username).toBe('truus');
    expect(Date.parse(res.json.session.idleExpiresAt)).toBeGreaterThan(tp.clock.now().getTime());

    // The temporary password is gone.
    expect((await login(tp.client(), 'truus', 'Tijdelijk-AbCd-EfGh')).status).toBe(401);

    res = await browser.post(ApiPath.logout);
    expect(res.status).toBe(204);
    expect(browser.cookie('cp_session')).toBeUndefined();
    res = await browser.get(ApiPath.me);
    expect(res.status).toBe(401);

    // Same browser: the remembered device skips the SMS.
    const smsBefore = (await tp.sms()).length;
    res = await login(browser, 'truus', GOOD_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.json.next).toBe('done');
    expect((await tp.sms()).length).toBe(smsBefore);
    expect((await browser.get(ApiPath.me)).status).toBe(200);

    // Another browser is another device: SMS again.
    const other = tp.client();
    res = await login(other, 'truus', GOOD_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.json.next).toBe('verify-device');
    expect((await tp.sms()).length).toBe(smsBefore + 1);
  });

  it('a stolen session cookie value from logout no longer works, and every login gets a new session token', async () => {
    const tp = await startTestPortal();
    const u = await tp.createUser();
    const browser = tp.client();
    await login(browser, u.username, u.password);
    let res = await browser.post(ApiPath.verifyDevice, { code: await tp.lastCode() });
    expect(res.json.next).toBe('done');
    const first = browser.cookie('cp_session')!;
    await browser.post(ApiPath.logout);
    res = await login(browser, u.username, u.password);
    expect(res.json.next).toBe('done');
    const second = browser.cookie('cp_session')!;
    expect(second).not.toBe(first);
    const thief = tp.client();
    thief.setCookie('cp_session', first);
    expect((await thief.get(ApiPath.me)).status).toBe(401);
    // The bearer form of the same token is refused as well.
    expect((await tp.client({ authorization: `Bearer ${first}` }).get(ApiPath.me)).status).toBe(401);
    expect((await tp.client({ authorization: `Bearer ${second}` }).get(ApiPath.me)).status).toBe(200);
  });

  it('changing the password by choice ends the other sessions and trusts, keeps this one, and queues a notice mail', async () => {
    const tp = await startTestPortal();
    const u = await tp.createUser({ username: 'truus' });
    const here = tp.client();
    const there = tp.client();
    await signIn(tp, here, u);
    await signIn(tp, there, u);
    const res = await here.post(ApiPath.changePassword, {
      currentPassword: u.password,
      newPassword: OTHER_GOOD_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.json.next).toBe('done');
    expect((await here.get(ApiPath.me)).status).toBe(200);
    expect((await there.get(ApiPath.me)).status).toBe(401);
    // The other browser's remembered device needs the SMS again; this one does not.
    expect((await login(there, 'truus', OTHER_GOOD_PASSWORD)).json.next).toBe('verify-device');
    await here.post(ApiPath.logout);
    expect((await login(here, 'truus', OTHER_GOOD_PASSWORD)).json.next).toBe('done');
    // Without SMTP configured the mail goes to outbox/mail/*.eml.
    await tp.deliver();
    const dir = path.join(tp.dataDir, 'outbox', 'mail');
    const mails = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain('To: client1@example.nl');
    expect(mails[0]).not.toContain(OTHER_GOOD_PASSWORD);
  });
});
