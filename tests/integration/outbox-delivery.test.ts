// Delivery through the outbox (DESIGN §5): SMS through the real Twilio SDK to a local Messages API endpoint, and
// e-mail to an SMTP server that is down at first. An outage never fails the user's request or loses the message.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiPath } from '../../shared/api/paths.ts';
import { SECOND } from '../../server/clock.ts';
import { closeAll, codeFrom, login, startTestPortal } from '../helpers/portal.ts';
import { startTwilioEndpoint } from '../helpers/twilio-endpoint.ts';
import { reserveFreePort, resetLinkFrom, startSmtp } from '../helpers/smtp.ts';

afterEach(closeAll);

const SID = 'AC' + '0123456789abcdef'.repeat(2);
const TOKEN = 'test-auth-token-' + 'x'.repeat(16);
const FROM = '+3197010250000';
const twilioEnv = { PORTAL_SMS: 'twilio', TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_FROM: FROM };

interface OutboxRow {
  status: string;
  attempts: number;
  last_error: string | null;
  payload: string;
  next_attempt_at: string;
}

describe('SMS through Twilio', () => {
  it('sends exactly the Messages API request, and the code in it signs the user in', async () => {
    const twilio = await startTwilioEndpoint();
    const tp = await startTestPortal(twilioEnv, { twilioHttpClient: twilio.httpClient() });
    const u = await tp.createUser({ mobile: '06-12345678' });
    const c = tp.client();
    const res = await login(c, u.username, u.password);
    expect(res.json.next).toBe('verify-device');
    expect(await tp.deliver()).toBe(1);

    expect(twilio.requests).toHaveLength(1);
    const r = twilio.requests[0]!;
    expect(r.method).toBe('POST');
    expect(r.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(r.contentType).toContain('application/x-www-form-urlencoded');
    expect(r.auth).toEqual({ user: SID, password: TOKEN });
    expect(r.form.To).toBe('+31612345678');
    expect(r.form.From).toBe(FROM);
    expect(r.form.Body).toMatch(/\b\d{6}\b/);
    expect(Object.keys(r.form).sort()).toEqual(['Body', 'From', 'To']);

    const verified = await c.post(ApiPath.verifyDevice, { code: codeFrom(r.form.Body!) });
    expect(verified.status).toBe(200);
    expect(verified.json.next).toBe('done');
    // The file transport was not used.
    expect((await tp.sms()).length).toBe(0);
  });

  it('a Twilio outage: login still answers 200, the SMS goes out on a later tick, and the payload is redacted', async () => {
    const twilio = await startTwilioEndpoint();
    twilio.failNext(1, 500);
    const tp = await startTestPortal(twilioEnv, { twilioHttpClient: twilio.httpClient() });
    const u = await tp.createUser();
    const c = tp.client();
    const res = await login(c, u.username, u.password);
    expect(res.status).toBe(200);
    expect(res.json.next).toBe('verify-device');

    expect(await tp.deliver()).toBe(0);
    expect(twilio.requests).toHaveLength(1);
    let row = tp.portal.db.prepare('SELECT * FROM outbox').get() as OutboxRow;
    expect(row.status).toBe('pending');
    expect(row.attempts).toBe(1);
    expect(row.last_error).toBeTruthy();
    expect(Date.parse(row.next_attempt_at)).toBeGreaterThan(tp.clock.now().getTime());

    // Not due yet: nothing is sent.
    expect(await tp.deliver()).toBe(0);
    expect(twilio.requests).toHaveLength(1);

    tp.advance(6 * SECOND);
    expect(await tp.deliver()).toBe(1);
    expect(twilio.requests).toHaveLength(2);
    const body = twilio.requests[1]!.form.Body!;
    expect(twilio.requests[0]!.form.Body).toBe(body);

    row = tp.portal.db.prepare('SELECT * FROM outbox').get() as OutboxRow;
    expect(row.status).toBe('sent');
    expect(JSON.parse(row.payload)).toEqual({ redacted: true });
    expect(row.payload).not.toContain(codeFrom(body));

    expect((await c.post(ApiPath.verifyDevice, { code: codeFrom(body) })).json.next).toBe('done');
    // Delivered once: later ticks send nothing more.
    tp.advance(60 * SECOND);
    expect(await tp.deliver()).toBe(0);
    expect(twilio.requests).toHaveLength(2);
  });
});

describe('mail while the SMTP server is down', () => {
  it('keeps the reset mail pending with the error, and delivers it once the server is up and the backoff passed', async () => {
    const port = await reserveFreePort();
    const tp = await startTestPortal({
      PORTAL_SMTP_URL: `smtp://127.0.0.1:${port}`,
      PORTAL_PUBLIC_URL: 'https://portaal.careyn.example',
    });
    await tp.createUser({ username: 'truus', email: 'truus@example.nl' });
    const res = await tp.client().post(ApiPath.forgotPassword, { username: 'truus', email: 'truus@example.nl' });
    expect(res.status).toBe(202);

    expect(await tp.deliver()).toBe(0);
    let row = tp.portal.db.prepare("SELECT * FROM outbox WHERE channel = 'mail'").get() as OutboxRow;
    expect(row.status).toBe('pending');
    expect(row.attempts).toBeGreaterThan(0);
    expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);

    const smtp = await startSmtp(port);
    // Still inside the backoff: the worker waits.
    expect(await tp.deliver()).toBe(0);
    expect(smtp.mails).toHaveLength(0);

    tp.advance(6 * SECOND);
    expect(await tp.deliver()).toBe(1);
    const mail = await smtp.waitForMail();
    expect(mail.to).toEqual(['truus@example.nl']);
    const { token } = resetLinkFrom(mail.text);
    row = tp.portal.db.prepare("SELECT * FROM outbox WHERE channel = 'mail'").get() as OutboxRow;
    expect(row.status).toBe('sent');
    expect(row.payload).not.toContain(token);
    expect((await tp.client().post(ApiPath.resetCheck, { token })).json).toEqual({ valid: true });
  });

  it('the backoff doubles with each failed attempt', async () => {
    const port = await reserveFreePort();
    const tp = await startTestPortal({ PORTAL_SMTP_URL: `smtp://127.0.0.1:${port}` });
    await tp.createUser({ username: 'truus', email: 'truus@example.nl' });
    await tp.client().post(ApiPath.forgotPassword, { username: 'truus', email: 'truus@example.nl' });
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      await tp.deliver();
      const row = tp.portal.db.prepare('SELECT * FROM outbox').get() as OutboxRow;
      const wait = Date.parse(row.next_attempt_at) - tp.clock.now().getTime();
      waits.push(Math.round(wait / SECOND));
      tp.advance(wait + SECOND);
    }
    expect(waits).toEqual([5, 10, 20]);
  });
});
