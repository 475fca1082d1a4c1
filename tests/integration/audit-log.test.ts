// NEN 7513 audit log (DESIGN §7): every sign-in event leaves a row with time, user, action, outcome, address and
// device; no row holds a password, code or token; the table refuses UPDATE and DELETE.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiPath } from '../../shared/api/paths.ts';
import { closeAll, login, otherCode, startTestPortal } from '../helpers/portal.ts';
import { resetLinkFrom, startSmtp } from '../helpers/smtp.ts';

afterEach(closeAll);

interface AuditRow {
  id: number;
  at: string;
  user_id: number | null;
  username: string | null;
  action: string;
  outcome: string;
  ip: string | null;
  device: string | null;
  detail: string | null;
}

describe('audit log', () => {
  it('records login, verification, password change and reset without secrets; refuses UPDATE and DELETE', async () => {
    const smtp = await startSmtp();
    const tp = await startTestPortal({ PORTAL_SMTP_URL: smtp.url });
    const TEMP = 'Tijdelijk-Wxyz-Abcd';
    const FIRST = 'Zeilboot-Molenwiek-Hagel-31';
    const SECOND_PW = 'Kwartel-Duinpan-Stroop-88';
    const u = await tp.createUser({
      username: 'truus',
      email: 'truus@example.nl',
      password: TEMP,
      mustChangePassword: true,
    });
    const c = tp.client();
    const secrets: string[] = [TEMP, FIRST, SECOND_PW, 'Fout-Wachtwoord-123'];

    expect((await login(c, 'truus', 'Fout-Wachtwoord-123')).status).toBe(401);
    expect((await login(c, 'truus', TEMP)).json.next).toBe('verify-device');
    const code = await tp.lastCode();
    secrets.push(code, c.cookie('cp_login')!);
    expect((await c.post(ApiPath.verifyDevice, { code: otherCode(code) })).status).toBe(400);
    expect((await c.post(ApiPath.verifyDevice, { code })).json.next).toBe('change-password');
    secrets.push(c.cookie('cp_device')!);
    const changed = await c.post(ApiPath.changePassword, { currentPassword: TEMP, newPassword: FIRST });
    expect(changed.json.next).toBe('done');
    secrets.push(c.cookie('cp_session')!);

    // Throttled: 5 failures on another name, then one more.
    const other = tp.client();
    for (let i = 0; i < 6; i++) await login(other, 'spook', `fout-${i}-geheim`);
    secrets.push('fout-5-geheim');

    expect(
      (await tp.client().post(ApiPath.forgotPassword, { username: 'truus', email: 'truus@example.nl' })).status,
    ).toBe(202);
    await tp.deliver();
    const { token } = resetLinkFrom((await smtp.waitForMail()).text);
    secrets.push(token);
    expect(
      (await tp.client().post(ApiPath.resetPassword, { token, username: 'truus', newPassword: SECOND_PW })).status,
    ).toBe(200);

    const rows = tp.portal.db.prepare('SELECT * FROM audit_log ORDER BY id').all() as AuditRow[];
    const find = (action: string, outcome: string, detail?: string) =>
      rows.find((r) => r.action === action && r.outcome === outcome && (detail === undefined || r.detail === detail));

    const expected: Array<[string, string, string?]> = [
      ['login', 'failure', 'wrong-password'],
      ['login', 'failure', 'unknown-user'],
      ['login', 'denied', 'throttled'],
      ['login.password', 'success'],
      ['device.code.send', 'success'],
      ['device.verify', 'failure', 'wrong-code'],
      ['device.verify', 'success'],
      ['password.change', 'success', 'first-login'],
      ['login', 'success'],
      ['password.reset.request', 'success'],
      ['password.reset', 'success'],
    ];
    for (const [action, outcome, detail] of expected) {
      const row = find(action, outcome, detail);
      expect(row, `${action} ${outcome} ${detail ?? ''}`).toBeDefined();
      // NEN 7513: when (UTC), who, what, outcome, from where, with what.
      expect(row!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(row!.username, action).toBeTruthy();
      expect(row!.ip, action).toMatch(/127\.0\.0\.1$/);
      expect(row!.device, action).toContain('Chrome');
      expect(row!.device, action).toContain('browser');
    }
    for (const r of rows.filter((x) => x.username === 'truus' && x.action !== 'account.create')) {
      expect(r.user_id, `${r.action}`).toBe(u.userId);
    }
    expect(find('login', 'failure', 'unknown-user')!.user_id).toBeNull();
    // Times run forward with the clock.
    const ats = rows.map((r) => Date.parse(r.at));
    expect([...ats].sort((a, b) => a - b)).toEqual(ats);

    const everything = JSON.stringify(rows);
    for (const s of secrets) expect(everything, 'a secret leaked into the audit log').not.toContain(s);

    expect(() =>
      tp.portal.db.prepare("UPDATE audit_log SET outcome = 'success' WHERE id = ?").run(rows[0]!.id),
    ).toThrow(/append-only/);
    expect(() => tp.portal.db.prepare('DELETE FROM audit_log WHERE id = ?').run(rows[0]!.id)).toThrow(/append-only/);
    expect(() => tp.portal.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    const after = tp.portal.db.prepare('SELECT * FROM audit_log ORDER BY id').all();
    expect(after).toEqual(rows);
  });

  it('session timeouts and logouts are logged too', async () => {
    const tp = await startTestPortal();
    const u = await tp.createUser();
    const c = tp.client();
    await login(c, u.username, u.password);
    await c.post(ApiPath.verifyDevice, { code: await tp.lastCode() });
    expect((await c.post(ApiPath.logout)).status).toBe(204);
    await login(c, u.username, u.password);
    tp.advance(31 * 60 * 1000);
    expect((await c.get(ApiPath.me)).status).toBe(401);
    const actions = (
      tp.portal.db.prepare('SELECT action, detail FROM audit_log WHERE user_id = ?').all(u.userId) as Array<{
        action: string;
        detail: string | null;
      }>
    ).map((r) => `${r.action}:${r.detail ?? ''}`);
    expect(actions).toContain('logout:');
    expect(actions).toContain('session.expired:idle-timeout');
  });
});
