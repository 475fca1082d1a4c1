// "Wachtwoord vergeten?" with a real SMTP server: the same answer for every request, a 5-minute single-use link
// built from PORTAL_PUBLIC_URL, and after the reset no session or remembered device survives.
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiPath, API_PREFIX } from '../../shared/api/paths.ts';
import { MINUTE, SECOND } from '../../server/clock.ts';
import {
  closeAll,
  count,
  login,
  OTHER_GOOD_PASSWORD,
  signIn,
  startTestPortal,
  type TestPortal,
} from '../helpers/portal.ts';
import { resetLinkFrom, startSmtp, type TestSmtp } from '../helpers/smtp.ts';

afterEach(closeAll);

const PUBLIC_URL = 'https://portaal.careyn.example';
const NEW_PASSWORD = 'Paardenbloem-Wolk-Lantaarn-9';

async function setup(): Promise<{ tp: TestPortal; smtp: TestSmtp }> {
  const smtp = await startSmtp();
  const tp = await startTestPortal({ PORTAL_SMTP_URL: smtp.url, PORTAL_PUBLIC_URL: PUBLIC_URL });
  return { tp, smtp };
}

/** Asks for a reset link and returns its token from the mail that arrives. */
async function requestLink(tp: TestPortal, smtp: TestSmtp, username: string, email: string) {
  const before = smtp.mails.length;
  const res = await tp.client().post(ApiPath.forgotPassword, { username, email });
  expect(res.status).toBe(202);
  await tp.deliver();
  const mail = await smtp.waitForMail((m) => smtp.mails.indexOf(m) >= before && /opnieuw instellen/.test(m.subject));
  return { mail, ...resetLinkFrom(mail.text) };
}

/** A POST with a forged Host header (fetch does not allow setting Host). */
function postWithHost(
  url: string,
  path: string,
  host: string,
  body: unknown,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request(
      url + API_PREFIX + path,
      {
        method: 'POST',
        headers: { host, 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

describe('forgot password', () => {
  it('answers 202 {accepted:true} alike for match, wrong e-mail and unknown user; only the match gets a mail', async () => {
    const { tp, smtp } = await setup();
    await tp.createUser({ username: 'truus', email: 'truus@example.nl' });
    const c = tp.client();
    const answers = [
      await c.post(ApiPath.forgotPassword, { username: 'truus', email: 'andere@example.nl' }),
      await c.post(ApiPath.forgotPassword, { username: 'onbekend', email: 'truus@example.nl' }),
      await c.post(ApiPath.forgotPassword, { username: 'truus', email: 'Truus@Example.nl' }),
    ];
    for (const a of answers) {
      expect(a.status).toBe(202);
      expect(a.json).toEqual({ accepted: true });
      expect(a.text).toBe(answers[0]!.text);
      expect(a.headers.get('set-cookie')).toBeNull();
    }
    expect(await tp.deliver()).toBe(1);
    const mail = await smtp.waitForMail();
    expect(smtp.mails).toHaveLength(1);
    expect(mail.to).toEqual(['truus@example.nl']);
    expect(mail.parsed.from?.text).toContain('noreply@portaal.careyn.example');
    expect(mail.subject).toContain('Wachtwoord opnieuw instellen');
    expect(mail.text).toContain('5 minuten');
    const { link, token } = resetLinkFrom(mail.text);
    expect(link).toBe(`${PUBLIC_URL}/wachtwoord-herstellen#token=${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Stored only hashed; the outbox row no longer holds the link once sent.
    expect(JSON.stringify(tp.portal.db.prepare('SELECT * FROM password_resets').all())).not.toContain(token);
    expect(JSON.stringify(tp.portal.db.prepare('SELECT * FROM outbox').all())).not.toContain(token);
    expect(count(tp, 'audit_log', "action = 'password.reset.request' AND outcome = 'failure'")).toBe(2);
  });

  it('builds the link from PORTAL_PUBLIC_URL, never from a forged Host header', async () => {
    const { tp, smtp } = await setup();
    await tp.createUser({ username: 'truus', email: 'truus@example.nl' });
    const res = await postWithHost(tp.url, ApiPath.forgotPassword, 'evil.example', {
      username: 'truus',
      email: 'truus@example.nl',
    });
    expect(res.status).toBe(202);
    await tp.deliver();
    const mail = await smtp.waitForMail();
    expect(mail.text).not.toContain('evil.example');
    expect(resetLinkFrom(mail.text).link.startsWith(`${PUBLIC_URL}/wachtwoord-herstellen#token=`)).toBe(true);
  });

  it('sends at most 3 links an hour to one account, with the same answer', async () => {
    const { tp, smtp } = await setup();
    await tp.createUser({ username: 'truus', email: 'truus@example.nl' });
    const c = tp.client();
    for (let i = 0; i < 4; i++) {
      const res = await c.post(ApiPath.forgotPassword, { username: 'truus', email: 'truus@example.nl' });
      expect(res.status).toBe(202);
    }
    expect(await tp.deliver()).toBe(3);
    expect(smtp.mails).toHaveLength(3);
  });
});

describe('reset password with the link', () => {
  it('check → reset: all sessions end, remembered devices stop counting, a notice mail arrives, the link is single use', async () => {
    const { tp, smtp } = await setup();
    const u = await tp.createUser({ username: 'truus', email: 'truus@example.nl' });
    const browser = tp.client();
    await signIn(tp, browser, u);
    expect((await browser.get(ApiPath.me)).status).toBe(200);

    const { token } = await requestLink(tp, smtp, 'truus', 'truus@example.nl');
    let res = await tp.client().post(ApiPath.resetCheck, { token });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ valid: true });

    const resetter = tp.client();
    res = await resetter.post(ApiPath.resetPassword, { token, username: 'truus', newPassword: 'truus-wachtwoord-1' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('weak_password');
    // A refused new password does not use up the link.
    res = await resetter.post(ApiPath.resetPassword, { token, username: 'TRUUS', newPassword: NEW_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ done: true });

    // The session that was open elsewhere has ended.
    res = await browser.get(ApiPath.me);
    expect(res.status).toBe(401);
    // The old password is gone, the new one works, and the remembered device needs the SMS again.
    expect((await login(tp.client(), 'truus', u.password)).status).toBe(401);
    const smsBefore = (await tp.sms()).length;
    res = await login(browser, 'truus', NEW_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.json.next).toBe('verify-device');
    expect((await tp.sms()).length).toBe(smsBefore + 1);

    const notice = await smtp.waitForMail((m) => /gewijzigd/i.test(m.subject));
    expect(notice.to).toEqual(['truus@example.nl']);
    expect(notice.text.toLowerCase()).toContain('wachtwoord');
    expect(notice.text).toContain('gewijzigd');
    expect(notice.text).not.toContain(NEW_PASSWORD);

    res = await tp.client().post(ApiPath.resetPassword, { token, username: 'truus', newPassword: OTHER_GOOD_PASSWORD });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('link_invalid');
    expect((await tp.client().post(ApiPath.resetCheck, { token })).json.error.code).toBe('link_invalid');
  });

  it('a half-done login with the old password cannot be finished after the reset', async () => {
    const { tp, smtp } = await setup();
    const u = await tp.createUser({ username: 'truus', email: 'truus@example.nl' });
    const intruder = tp.client();
    expect((await login(intruder, 'truus', u.password)).json.next).toBe('verify-device');
    const code = await tp.lastCode();
    const { token } = await requestLink(tp, smtp, 'truus', 'truus@example.nl');
    const res = await tp.client().post(ApiPath.resetPassword, { token, username: 'truus', newPassword: NEW_PASSWORD });
    expect(res.status).toBe(200);
    const late = await intruder.post(ApiPath.verifyDevice, { code });
    expect(late.status).toBe(401);
    expect(late.json.error.code).toBe('login_expired');
    expect(intruder.cookie('cp_session')).toBeUndefined();
  });

  it('a link older than 5 minutes is link_expired', async () => {
    const { tp, smtp } = await setup();
    const u = await tp.createUser({ username: 'truus', email: 'truus@example.nl' });
    const { token } = await requestLink(tp, smtp, 'truus', 'truus@example.nl');
    tp.advance(4 * MINUTE + 50 * SECOND);
    expect((await tp.client().post(ApiPath.resetCheck, { token })).status).toBe(200);
    tp.advance(11 * SECOND);
    let res = await tp.client().post(ApiPath.resetCheck, { token });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('link_expired');
    res = await tp.client().post(ApiPath.resetPassword, { token, username: 'truus', newPassword: NEW_PASSWORD });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('link_expired');
    expect((await login(tp.client(), 'truus', u.password)).status).toBe(200);
  });

  it('the link only works with its own username; an unknown token is link_invalid', async () => {
    const { tp, smtp } = await setup();
    const u = await tp.createUser({ username: 'truus', email: 'truus@example.nl' });
    await tp.createUser({ username: 'annie', email: 'annie@example.nl' });
    const { token } = await requestLink(tp, smtp, 'truus', 'truus@example.nl');
    let res = await tp.client().post(ApiPath.resetPassword, { token, username: 'annie', newPassword: NEW_PASSWORD });
    expect(res.status).toBe(400);
    expect(res.json.error.details.fields).toEqual([expect.objectContaining({ path: 'username' })]);
    expect((await login(tp.client(), 'annie', NEW_PASSWORD)).status).toBe(401);
    expect((await login(tp.client(), 'truus', u.password)).status).toBe(200);

    const fake = 'A'.repeat(43);
    res = await tp.client().post(ApiPath.resetCheck, { token: fake });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('link_invalid');
  });
});
