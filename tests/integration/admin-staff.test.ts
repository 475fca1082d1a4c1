// The admin CLI's staff commands (issue 5 §3): staff:create with a location, and where a client lives.
import { describe, expect, it } from 'vitest';
import { CliError } from '../../server/cli/admin.ts';
import { AccountError } from '../../server/accounts/create-account.ts';
import { count, login } from '../helpers/portal.ts';
import { useAdminPortal } from '../helpers/admin-cli.ts';

const harness = useAdminPortal();
const admin = harness.admin;

const staffArgs = (username: string, location: string) => [
  'staff:create',
  '--name',
  'Anna de Vries',
  '--username',
  username,
  '--email',
  `${username}@example.nl`,
  '--mobile',
  '06 11223344',
  '--location',
  location,
];

const locationOf = (username: string, table: 'staff_accounts' | 'clients') =>
  harness
    .portal()
    .portal.db.prepare(
      `SELECT l.name FROM ${table} t JOIN users u ON u.id = t.user_id JOIN locations l ON l.id = t.location_id
       WHERE u.username = ?`,
    )
    .all(username)
    .map((r) => (r as { name: string }).name)[0];

describe('staff:create', () => {
  it('creates a staff member of a location with a one-time temporary password; the location once', async () => {
    const out = await admin(...staffArgs('anna', 'De Linde'));
    expect(out).toContain(
      'Medewerker aangemaakt: Anna de Vries (gebruikersnaam anna), locatie De Linde (nieuwe locatie)',
    );
    const temp = /Tijdelijk wachtwoord[^:]*: (\S+)/.exec(out)![1]!;
    const row = harness.portal().portal.db.prepare("SELECT * FROM users WHERE username = 'anna'").get() as Record<
      string,
      unknown
    >;
    expect([row.kind, row.mobile, row.must_change_password]).toEqual(['staff', '+31611223344', 1]);
    expect(JSON.stringify(row)).not.toContain(temp);
    expect(locationOf('anna', 'staff_accounts')).toBe('De Linde');
    // Staff have no client of their own and no network.
    expect(count(harness.portal(), 'client_members', 'user_id = ?', row.id)).toBe(0);
    expect(count(harness.portal(), 'clients', 'user_id = ?', row.id)).toBe(0);
    // The first sign-in asks the SMS and then a password of her own.
    expect((await login(harness.portal().client(), 'anna', temp)).json.next).toBe('verify-device');

    const second = await admin(...staffArgs('piet', 'de linde'));
    expect(second).toContain('locatie De Linde');
    expect(second).not.toContain('nieuwe locatie');
    expect(count(harness.portal(), 'locations')).toBe(1);
  });

  it('refuses missing options, a short location and a taken username, writing nothing', async () => {
    await expect(admin('staff:create', '--name', 'Anna', '--username', 'anna')).rejects.toThrow(CliError);
    await expect(admin(...staffArgs('anna', 'x'))).rejects.toThrow(AccountError);
    await expect(admin(...staffArgs('anna', 'x'))).rejects.toThrow(/locatie: minimaal 2 tekens/);
    expect(count(harness.portal(), 'users')).toBe(0);
    expect(count(harness.portal(), 'locations')).toBe(0);
    await admin(...staffArgs('anna', 'De Linde'));
    await expect(admin(...staffArgs('anna', 'Het Anker'))).rejects.toThrow(/bestaat al/);
    expect(count(harness.portal(), 'locations')).toBe(1);
  });
});

describe('where a client lives', () => {
  it('client:create --location and client:location record it; only for clients', async () => {
    await admin(
      'client:create',
      '--name',
      'Bep Jansen',
      '--username',
      'bep',
      '--email',
      'bep@example.nl',
      '--mobile',
      '0612345678',
      '--location',
      'De Linde',
    );
    expect(locationOf('bep', 'clients')).toBe('De Linde');
    const out = await admin('client:location', '--username', 'bep', '--location', 'Het Anker');
    expect(out).toBe('Bep Jansen woont op locatie Het Anker.');
    expect(locationOf('bep', 'clients')).toBe('Het Anker');
    expect(count(harness.portal(), 'audit_log', "action = 'admin.client-location' AND detail = 'Het Anker'")).toBe(1);

    await admin(...staffArgs('anna', 'De Linde'));
    await expect(admin('client:location', '--username', 'anna', '--location', 'De Linde')).rejects.toThrow(
      'anna is geen cliënt.',
    );
    await expect(admin('client:location', '--username', 'bep', '--location', 'x')).rejects.toThrow(CliError);
    await expect(admin('client:location', '--username', 'niemand', '--location', 'De Linde')).rejects.toThrow(
      /bestaat niet/,
    );
    expect(locationOf('bep', 'clients')).toBe('Het Anker');
  });
});
