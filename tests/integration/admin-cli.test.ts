// The admin CLI (`npm run admin -- ...`) against the same data directory as a running portal: accounts with a
// one-time temporary password, E.164 mobiles, clear refusals that write nothing, device reset, demo seed.
import { spawnSync } from 'node:child_process';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiPath } from '../../shared/api/paths.ts';
import { CliError } from '../../server/cli/admin.ts';
import { AccountError } from '../../server/accounts/create-account.ts';
import { DEMO_LOGINS } from '../../server/demo/seed.ts';
import { SCALE_PASSWORD, scaleUsername } from '../../server/demo/scale/build.ts';
import { HomePath } from '../../shared/api/home.ts';
import { count, GOOD_PASSWORD, login, signIn, type TestPortal } from '../helpers/portal.ts';
import { useAdminPortal } from '../helpers/admin-cli.ts';

const harness = useAdminPortal();
const admin = harness.admin;
let tp: TestPortal;
beforeEach(() => {
  tp = harness.portal();
});

const create = (username: string, mobile: string, email = `${username}@example.nl`) =>
  admin('client:create', '--name', 'Truus van Dorp', '--username', username, '--email', email, '--mobile', mobile);

describe('client:create', () => {
  it('prints a temporary password once; the first login must verify the device and change it', async () => {
    const out = await create('truus', '06-12345678');
    const m = /Tijdelijk wachtwoord[^:]*: (\S+)/.exec(out);
    expect(m, out).not.toBeNull();
    const temp = m![1]!;
    expect(temp).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    expect(out.split(temp)).toHaveLength(2); // shown exactly once
    // Stored hashed with the server's parameters, never in the clear.
    const row = tp.portal.db.prepare("SELECT * FROM users WHERE username = 'truus'").get() as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain(temp);
    expect(row.must_change_password).toBe(1);
    expect(count(tp, 'client_members', 'user_id = ? AND locked = 1', row.id)).toBe(1);

    const c = tp.client();
    let res = await login(c, 'truus', temp);
    expect(res.json.next).toBe('verify-device');
    res = await c.post(ApiPath.verifyDevice, { code: await tp.lastCode('+31612345678') });
    expect(res.json).toEqual({ next: 'change-password' });
    expect((await c.get(ApiPath.me)).status).toBe(401);
    res = await c.post(ApiPath.changePassword, { currentPassword: temp, newPassword: GOOD_PASSWORD });
    expect(res.json.next).toBe('done');

    // A second account gets a different temporary password.
    const out2 = await create('annie', '+31 6 8765 4321');
    expect(/Tijdelijk wachtwoord[^:]*: (\S+)/.exec(out2)![1]).not.toBe(temp);
  });

  it('stores 06…, +316… and 00316… as E.164', async () => {
    await create('a-06', '06 12345678');
    await create('b-plus', '+31612345679');
    await create('c-0031', '0031-6-12345670');
    const mobiles = tp.portal.db.prepare('SELECT username, mobile FROM users ORDER BY username').all();
    expect(mobiles).toEqual([
      { username: 'a-06', mobile: '+31612345678' },
      { username: 'b-plus', mobile: '+31612345679' },
      { username: 'c-0031', mobile: '+31612345670' },
    ]);
  });

  it('refuses a landline, a bad e-mail and a taken username with a clear error, writing nothing', async () => {
    const rows = () => count(tp, 'users') + count(tp, 'clients') + count(tp, 'client_members') + count(tp, 'audit_log');
    const before = rows();
    await expect(create('truus', '010-1234567')).rejects.toThrow(/mobiel nummer/);
    await expect(create('truus', '010-1234567')).rejects.toBeInstanceOf(AccountError);
    await expect(create('truus', '0612345678', 'geen-email')).rejects.toThrow(/e-mailadres/);
    await expect(create('t', '0612345678')).rejects.toThrow(/gebruikersnaam/);
    expect(rows()).toBe(before);

    await create('truus', '0612345678');
    const after = rows();
    await expect(create('TRUUS', '0687654321')).rejects.toThrow(/bestaat al/);
    expect(rows()).toBe(after);
  });

  it('as a process: exit code 2 and the reason on stderr', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/cli/admin.ts',
        'client:create',
        '--name',
        'Kees',
        '--username',
        'kees',
        '--email',
        'kees@example.nl',
        '--mobile',
        '010-1234567',
      ],
      { env: { ...process.env, PORTAL_DATA_DIR: tp.dataDir }, encoding: 'utf8', timeout: 20_000 },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^Fout: .*mobiel nummer/m);
    expect(r.stdout).not.toContain('Tijdelijk wachtwoord');
    expect(count(tp, 'users')).toBe(0);
  });
});

describe('other commands', () => {
  it('user:reset-devices makes the next login need the SMS again', async () => {
    const u = await tp.createUser({ username: 'truus' });
    const c = tp.client();
    await signIn(tp, c, u);
    await c.post(ApiPath.logout);
    expect((await login(c, 'truus', u.password)).json.next).toBe('done');
    await c.post(ApiPath.logout);

    const out = await admin('user:reset-devices', '--username', 'truus');
    expect(out).toContain('1 onthouden');
    const res = await login(c, 'truus', u.password);
    expect(res.json.next).toBe('verify-device');
    await expect(admin('user:reset-devices', '--username', 'niemand')).rejects.toThrow(/bestaat niet/);
  });

  it('unknown command, missing or unknown option: a CliError', async () => {
    await expect(admin('client:delete')).rejects.toBeInstanceOf(CliError);
    await expect(admin()).rejects.toBeInstanceOf(CliError);
    await expect(admin('user:unlock')).rejects.toThrow(/--username/);
    await expect(admin('user:unlock', '--username', '')).rejects.toBeInstanceOf(CliError);
    await expect(admin('client:create', '--name', 'Truus van Dorp', '--username', 'truus')).rejects.toThrow(
      /--email, --mobile/,
    );
    await expect(admin('user:unlock', '--username', 'truus', '--force')).rejects.toBeInstanceOf(CliError);
    await expect(admin('demo:seed', 'extra')).rejects.toBeInstanceOf(CliError);
    expect(await admin('help')).toContain('client:create');
    expect(count(tp, 'users')).toBe(0);
  });

  it('demo:seed is idempotent and its logins work', async () => {
    const first = await admin('demo:seed');
    expect(first).toContain('Aangemaakt: truus, annie, anna, kees');
    const second = await admin('demo:seed');
    expect(second).toContain('bestonden al');
    // Truus, Annie, Kees (the demo's second contact for Berichten) and Anna, a staff member where Truus lives
    expect(count(tp, 'users')).toBe(4);
    expect(
      tp.portal.db
        .prepare(
          `SELECT l.name FROM staff_accounts s JOIN users u ON u.id = s.user_id JOIN locations l ON l.id = s.location_id
           WHERE u.username = 'anna' AND u.kind = 'staff'`,
        )
        .get(),
    ).toEqual({ name: 'De Linde' });
    expect(count(tp, 'clients')).toBe(1);
    expect(count(tp, 'client_members')).toBe(3);
    const annie = tp.portal.db
      .prepare("SELECT m.* FROM client_members m JOIN users u ON u.id = m.user_id WHERE u.username = 'annie'")
      .get() as Record<string, number>;
    expect([
      annie.right_messages,
      annie.right_appointments,
      annie.right_dossier,
      annie.right_data,
      annie.right_settings,
    ]).toEqual([0, 0, 0, 0, 0]);
    for (const l of DEMO_LOGINS) {
      const res = await login(tp.client(), l.username, l.password);
      expect(res.status, l.username).toBe(200);
      expect(res.json.next).toBe('verify-device');
    }
  });

  it('demo:seed --clients N --years Y builds the scale data; its users sign in and see their panels', async () => {
    const out = await admin('demo:seed', '--clients', '3', '--years', '1');
    expect(out).toMatch(/Schaaldata: 3 cliënten over 1 jaar, [\d.]+ rijen/);
    expect(count(tp, 'users', "username LIKE 'schaal-%' AND kind = 'client'")).toBe(3);
    const c = tp.client();
    await signIn(tp, c, { username: scaleUsername(2), password: SCALE_PASSWORD, mobile: '+31600000020' });
    const clients = await c.get(ApiPath.clients);
    const id = clients.json.clients[0].id as number;
    const home = await c.get(HomePath.home.replace(':clientId', String(id)));
    expect(home.status).toBe(200);
    expect(home.json.appointments.first).not.toBeNull();
  });

  it('demo:seed refuses bad scale options and writes nothing', async () => {
    for (const args of [
      ['--clients', '0'],
      ['--clients', 'veel'],
      ['--clients', '5', '--years', '0'],
      ['--years', '2'],
      ['--clients', '5', '--jaren', '2'],
    ]) {
      await expect(admin('demo:seed', ...args), args.join(' ')).rejects.toBeInstanceOf(CliError);
    }
    expect(count(tp, 'users')).toBe(0);
  });
});
