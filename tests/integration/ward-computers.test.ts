// Ward computers and the assisted first login (issue 5 §3) against the real server and its SQLite file: a staff
// member registers the computer (password + SMS), residents of that location get their first login confirmed by a
// staff member of that location instead of by SMS, and every refusal writes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiPath, WARD_COMPUTER_HEADER, WARD_COMPUTER_SECRET_HEADER } from '../../shared/api/paths.ts';
import { createClientAccount, createStaffAccount } from '../../server/accounts/create-account.ts';
import { hashToken } from '../../server/auth/crypto.ts';
import { HttpClient } from '../helpers/http-client.ts';
import {
  closeAll,
  count,
  GOOD_PASSWORD,
  OTHER_GOOD_PASSWORD,
  signIn,
  startTestPortal,
  type TestPortal,
} from '../helpers/portal.ts';

const ELECTRON_UA = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Electron/45.0.0 Safari/537.36';
const TEMP = 'Tijdelijk-Wachtwoord-2026';

let tp: TestPortal;
beforeEach(async () => {
  tp = await startTestPortal();
});
afterEach(closeAll);

const deps = () => ({ db: tp.portal.db, clock: tp.clock, hasher: tp.hasher });

async function staff(username: string, location: string, mobile: string, mustChangePassword = false) {
  await createStaffAccount(
    deps(),
    { name: `Medewerker ${username}`, username, email: `${username}@example.nl`, mobile, location },
    GOOD_PASSWORD,
    { mustChangePassword },
  );
  return { username, password: GOOD_PASSWORD, mobile: `+31${mobile.slice(1)}` };
}

async function resident(username: string, location: string | null, mustChangePassword = true) {
  return createClientAccount(
    deps(),
    { name: `Bewoner ${username}`, username, email: `${username}@example.nl`, mobile: '0699999999' },
    TEMP,
    { mustChangePassword, ...(location ? { location } : {}) },
  );
}

/** A ward computer's app: the main process sends the computer's secret with every call (as api-proxy.ts does). */
function wardClient(secret: string | null): HttpClient {
  return tp.client({ 'user-agent': ELECTRON_UA, ...(secret ? { [WARD_COMPUTER_HEADER]: secret } : {}) });
}

/** Anna of De Linde signs in on the computer (with her SMS code) and registers it. */
async function registerWard(
  label = 'Huiskamer De Linde',
  who?: { username: string; password: string; mobile: string },
) {
  const anna = who ?? (await staff('anna', 'De Linde', '0611223344'));
  const c = wardClient(null);
  await signIn(tp, c, anna);
  const res = await c.post(ApiPath.wardComputer, { label });
  expect(res.status, res.text).toBe(201);
  return { secret: res.headers.get(WARD_COMPUTER_SECRET_HEADER)!, res, anna, c };
}

describe('registering a ward computer', () => {
  it('a signed-in staff member binds the computer to his location; only the hash is kept', async () => {
    const { secret, res } = await registerWard();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.json).toEqual({ registered: true, location: 'De Linde', label: 'Huiskamer De Linde' });
    expect(res.text).not.toContain(secret);
    const row = tp.portal.db.prepare('SELECT * FROM ward_computers').get() as Record<string, unknown>;
    expect(row.secret_hash).toBe(hashToken(secret));
    expect(JSON.stringify(row)).not.toContain(secret);

    expect((await wardClient(secret).get(ApiPath.wardComputer)).json).toEqual(res.json);
    expect((await wardClient(null).get(ApiPath.wardComputer)).json).toEqual({ registered: false });
    expect((await wardClient('x'.repeat(43)).get(ApiPath.wardComputer)).json).toEqual({ registered: false });
    expect(count(tp, 'audit_log', "action = 'ward.register' AND outcome = 'success' AND username = 'anna'")).toBe(1);
  });

  it('registering the same computer again replaces the old secret', async () => {
    const first = await registerWard();
    const again = await first.c.post(
      ApiPath.wardComputer,
      { label: 'Huiskamer 2' },
      { headers: { [WARD_COMPUTER_HEADER]: first.secret } },
    );
    expect(again.status).toBe(201);
    const second = again.headers.get(WARD_COMPUTER_SECRET_HEADER)!;
    expect(second).not.toBe(first.secret);
    expect((await wardClient(first.secret).get(ApiPath.wardComputer)).json).toEqual({ registered: false });
    expect((await wardClient(second).get(ApiPath.wardComputer)).json.label).toBe('Huiskamer 2');
    expect(count(tp, 'ward_computers', 'revoked_at IS NULL')).toBe(1);
  });

  it('a resident or relative cannot register; a bad label is refused with its field; nothing is written', async () => {
    await resident('truus', 'De Linde', false);
    const c = wardClient(null);
    await signIn(tp, c, { username: 'truus', password: TEMP, mobile: '+31699999999' });
    const denied = await c.post(ApiPath.wardComputer, { label: 'Mijn kamer' });
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe('staff_only');
    expect(denied.headers.get(WARD_COMPUTER_SECRET_HEADER)).toBeNull();

    const anna = await staff('anna', 'De Linde', '0611223344');
    const s = wardClient(null);
    await signIn(tp, s, anna);
    for (const body of [
      { label: 'x' },
      { label: '' },
      {},
      { label: 'Huiskamer', extra: 1 },
      { label: 'y'.repeat(81) },
    ]) {
      const res = await s.post(ApiPath.wardComputer, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('validation_failed');
      expect(res.json.error.details.fields.length).toBeGreaterThan(0);
    }
    expect((await wardClient(null).post(ApiPath.wardComputer, { label: 'Huiskamer' })).status).toBe(401);
    expect(count(tp, 'ward_computers')).toBe(0);
  });

  it('a staff member of the location can end the registration; afterwards the computer is an ordinary one', async () => {
    const { secret, anna } = await registerWard();
    const other = await staff('piet', 'Het Anker', '0622334455');
    const p = wardClient(secret);
    await signIn(tp, p, other);
    const refused = await p.send('DELETE', ApiPath.wardComputer, undefined);
    expect(refused.status).toBe(403);
    expect((await wardClient(secret).get(ApiPath.wardComputer)).json.registered).toBe(true);

    const a = wardClient(secret);
    await signIn(tp, a, anna, OTHER_GOOD_PASSWORD);
    const res = await a.send('DELETE', ApiPath.wardComputer, undefined);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ registered: false });
    await resident('bep', 'De Linde');
    const start = await wardClient(secret).post(ApiPath.assistedLogin, { username: 'bep', password: TEMP });
    expect(start.status).toBe(403);
    expect(start.json.error.code).toBe('not_a_ward_computer');
  });
});

describe('Eerste keer inloggen met hulp van een medewerker', () => {
  it('resident, then a staff member of the location instead of the SMS, then his own password; audited', async () => {
    const { secret } = await registerWard();
    await resident('bep', 'De Linde');
    const smsBefore = (await tp.sms()).length;
    const c = wardClient(secret);

    let res = await c.post(ApiPath.assistedLogin, { username: 'bep', password: TEMP });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ next: 'staff-confirm', location: 'De Linde' });
    expect((await c.get(ApiPath.loginState)).json).toEqual({ next: 'staff-confirm', location: 'De Linde' });
    // No SMS for the resident, and none can be asked for or entered.
    expect((await c.post(ApiPath.resendCode, {})).status).toBe(409);
    expect((await c.post(ApiPath.verifyDevice, { code: '123456' })).status).toBe(409);
    expect((await c.get(ApiPath.me)).status).toBe(401);

    // A wrong staff password: refused, the login still waits for a staff member.
    res = await c.post(ApiPath.assistedLoginConfirm, { staffUsername: 'anna', staffPassword: 'Verkeerd-Wachtwoord-1' });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('invalid_credentials');
    // A staff member of another location cannot vouch.
    await staff('piet', 'Het Anker', '0622334455');
    res = await c.post(ApiPath.assistedLoginConfirm, { staffUsername: 'piet', staffPassword: GOOD_PASSWORD });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('other_location');
    // Nor can a resident or a relative.
    await resident('kees', 'De Linde', false);
    res = await c.post(ApiPath.assistedLoginConfirm, { staffUsername: 'kees', staffPassword: TEMP });
    expect(res.status).toBe(403);
    expect((await c.get(ApiPath.loginState)).json.next).toBe('staff-confirm');

    res = await c.post(ApiPath.assistedLoginConfirm, { staffUsername: 'anna', staffPassword: GOOD_PASSWORD });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ next: 'change-password' });
    // A second confirmation of the same login does not count again.
    expect(
      (await c.post(ApiPath.assistedLoginConfirm, { staffUsername: 'anna', staffPassword: GOOD_PASSWORD })).status,
    ).toBe(409);

    res = await c.post(ApiPath.changePassword, { currentPassword: TEMP, newPassword: OTHER_GOOD_PASSWORD });
    expect(res.status, res.text).toBe(200);
    expect(res.json.next).toBe('done');
    expect(res.json.me.username).toBe('bep');
    expect((await c.get(ApiPath.me)).status).toBe(200);
    expect((await tp.sms()).length).toBe(smsBefore);

    const audit = tp.portal.db
      .prepare(
        `SELECT username, action, outcome, detail FROM audit_log WHERE action IN ('ward.vouch', 'device.verify')`,
      )
      .all();
    expect(audit).toEqual(
      expect.arrayContaining([
        { username: 'anna', action: 'ward.vouch', outcome: 'failure', detail: 'wrong-password' },
        { username: 'piet', action: 'ward.vouch', outcome: 'denied', detail: 'for bep' },
        { username: 'anna', action: 'ward.vouch', outcome: 'success', detail: 'for bep' },
        { username: 'bep', action: 'device.verify', outcome: 'success', detail: 'vouched by staff anna (De Linde)' },
      ]),
    );
    // The ward computer is listed under his devices as the ward computer, and remembers nobody.
    const devices = tp.portal.db
      .prepare("SELECT d.kind, d.label FROM devices d JOIN users u ON u.id = d.user_id WHERE u.username = 'bep'")
      .all();
    expect(devices).toEqual([{ kind: 'kiosk', label: 'Huiskamer De Linde (De Linde)' }]);
  });

  it('does not exist without a registered ward computer', async () => {
    await resident('bep', 'De Linde');
    for (const secret of [null, 'A'.repeat(43)]) {
      const res = await wardClient(secret).post(ApiPath.assistedLogin, { username: 'bep', password: TEMP });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('not_a_ward_computer');
    }
    expect(count(tp, 'login_attempts')).toBe(0);
  });

  it('only for a resident of this location at his very first login', async () => {
    const { secret } = await registerWard();
    await resident('truus', 'De Linde', false); // already chose her own password
    await resident('joop', 'Het Anker');
    await resident('mien', null);
    const c = wardClient(secret);
    let res = await c.post(ApiPath.assistedLogin, { username: 'truus', password: TEMP });
    expect([res.status, res.json.error.code]).toEqual([409, 'not_first_login']);
    res = await c.post(ApiPath.assistedLogin, { username: 'anna', password: GOOD_PASSWORD });
    expect([res.status, res.json.error.code]).toEqual([409, 'not_first_login']);
    for (const username of ['joop', 'mien']) {
      res = await c.post(ApiPath.assistedLogin, { username, password: TEMP });
      expect([res.status, res.json.error.code], username).toEqual([403, 'other_location']);
    }
    // A wrong or unknown password gets the login's own answer, and counts towards its throttle.
    res = await c.post(ApiPath.assistedLogin, { username: 'joop', password: 'Niet-Het-Wachtwoord-9' });
    expect([res.status, res.json.error.code]).toEqual([401, 'invalid_credentials']);
    res = await c.post(ApiPath.assistedLogin, { username: 'niemand', password: 'Niet-Het-Wachtwoord-9' });
    expect([res.status, res.json.error.code]).toEqual([401, 'invalid_credentials']);
    for (const body of [{}, { username: 'joop' }, { username: 'joop', password: TEMP, code: '1' }]) {
      res = await c.post(ApiPath.assistedLogin, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.details.fields.length).toBeGreaterThan(0);
    }
    expect(count(tp, 'login_attempts')).toBe(1); // anna's own sign-in only
  });

  it('a staff member with a temporary password, or another ward computer, cannot confirm', async () => {
    const { secret } = await registerWard();
    await staff('nieuw', 'De Linde', '0633445566', true);
    await resident('bep', 'De Linde');
    const c = wardClient(secret);
    expect((await c.post(ApiPath.assistedLogin, { username: 'bep', password: TEMP })).status).toBe(200);
    let res = await c.post(ApiPath.assistedLoginConfirm, { staffUsername: 'nieuw', staffPassword: GOOD_PASSWORD });
    expect([res.status, res.json.error.code]).toEqual([409, 'staff_must_change_password']);

    // Piet registers a second computer at De Linde; the login begun on the first cannot be finished there.
    const piet = await staff('piet', 'De Linde', '0622334455');
    const second = await registerWard('Kantoor', piet);
    const elsewhere = wardClient(second.secret);
    elsewhere.setCookie('cp_login', c.cookie('cp_login')!);
    res = await elsewhere.post(ApiPath.assistedLoginConfirm, { staffUsername: 'piet', staffPassword: GOOD_PASSWORD });
    expect([res.status, res.json.error.code]).toEqual([403, 'not_a_ward_computer']);
    expect((await c.get(ApiPath.loginState)).json.next).toBe('staff-confirm');
    for (const body of [{}, { staffUsername: 'piet' }, { staffUsername: '', staffPassword: 'x' }]) {
      res = await c.post(ApiPath.assistedLoginConfirm, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });
});
