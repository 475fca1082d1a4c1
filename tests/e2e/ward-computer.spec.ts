// A ward computer through the real UI in web mode with kiosk switched on (issue 5 §3): a staff member registers it,
// and a resident's first login is confirmed by that staff member instead of by an SMS. There is no Electron binary
// here, so two parts of the desktop app are stood in at their narrowest boundary: the preload's `bridge` ("kiosk")
// and the main process's API proxy, which keeps the ward computer's secret (in the keychain) and adds it to every
// call. page.route does exactly that: it takes the secret from the registration answer and sends it along after.
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { WARD_COMPUTER_HEADER, WARD_COMPUTER_SECRET_HEADER } from '../../shared/api/paths.ts';
import { test, expect } from './fixtures.ts';
import { expectAccessibleAtAllSizes } from './axe.ts';

test.use({ portalFor: 'ward-computer' });

const SHOTS = path.resolve(import.meta.dirname, '../../.tmp');
const ANNA = { username: 'anna', password: 'Kamperfoelie-Anna-1985' };
const NEW_PASSWORD = 'Zonnestraal-Bloembak-Vijver-8';

/** The kiosk app: fake bridge, and main's proxy as far as the ward computer's secret goes. */
async function wardComputer(context: BrowserContext): Promise<{ secret: () => string | null }> {
  await context.addInitScript(() => {
    Object.assign(window, {
      bridge: {
        appInfo: async () => ({ version: '0.1.0', platform: 'linux', mode: 'kiosk', idleLogoutSeconds: 300 }),
        openExternal: async () => undefined,
        deviceTrust: async () => ({ canRemember: false, reason: 'kiosk' }),
        endSession: async () => true,
        connection: async () => ({
          serverOrigin: location.origin,
          mode: 'kiosk',
          serverLocked: true,
          modeLocked: true,
        }),
        checkServer: async () => ({ ok: false, reason: 'unreachable' }),
        saveConnection: async () => ({ saved: false, reason: 'unreachable' }),
      },
    });
  });
  let secret: string | null = null;
  await context.route('**/api/v1/**', async (route) => {
    const headers = { ...route.request().headers() };
    if (secret) headers[WARD_COMPUTER_HEADER] = secret;
    const response = await route.fetch({ headers });
    const issued = response.headers()[WARD_COMPUTER_SECRET_HEADER];
    if (issued) secret = issued;
    const out = { ...response.headers() };
    delete out[WARD_COMPUTER_SECRET_HEADER];
    await route.fulfill({ response, headers: out });
  });
  return { secret: () => secret };
}

async function signIn(page: Page, username: string, password: string) {
  await page.getByLabel('Gebruikersnaam', { exact: true }).fill(username);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

test('a staff member registers the ward computer; a resident’s first login is confirmed by staff, without SMS', async ({
  portal,
  browser,
}) => {
  test.setTimeout(120_000);
  await portal.admin('demo:seed');
  const created = await portal.admin(
    ...['client:create', '--name', 'Bep Jansen', '--username', 'bep', '--email', 'bep@example.nl'],
    ...['--mobile', '0655555555', '--location', 'De Linde'],
  );
  const temporary = /Tijdelijk wachtwoord[^:]*: (\S+)/.exec(created)![1]!;
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const ward = await wardComputer(context);
  const page = await context.newPage();

  // Not registered yet: the login page says how it gets registered, and offers no assisted login.
  await page.goto(portal.url);
  await expect(page.getByTestId('ward-not-registered')).toContainText('nog geen geregistreerde afdelings-pc');
  await expect(page.getByRole('link', { name: 'Eerste keer inloggen met hulp van een medewerker' })).toHaveCount(0);

  // Anna signs in as every user does (password, then her SMS code) and registers the computer for her location.
  let sms = portal.sms().length;
  await signIn(page, ANNA.username, ANNA.password);
  await page.getByLabel('Code', { exact: true }).fill(await portal.nextCode(sms));
  await page.getByRole('button', { name: 'Code controleren' }).click();
  const staffHome = page.getByTestId('staff-home');
  await expect(staffHome).toContainText('U bent ingelogd als medewerker');
  await expect(page.getByTestId('ward-status')).toHaveText('Deze computer is nog niet geregistreerd als afdelings-pc.');
  const label = page.getByLabel('Naam van deze computer');
  await label.fill('x');
  await page.getByRole('button', { name: 'Registreren voor mijn locatie' }).click();
  await expect(staffHome).toContainText('Geef de computer een naam van 2 tot 80 tekens.');
  expect(ward.secret()).toBeNull();
  await label.fill('Huiskamer');
  await page.getByRole('button', { name: 'Registreren voor mijn locatie' }).click();
  await expect(page.getByTestId('staff-done')).toContainText('De computer is geregistreerd');
  await expect(page.getByTestId('ward-status')).toHaveText(
    'Deze computer is geregistreerd als afdelings-pc "Huiskamer" van De Linde.',
  );
  expect(ward.secret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  // Here, under a staff login, the computer's connection is shown too (set by IT in this stand-in).
  await expect(page.getByTestId('connection-settings')).toContainText('Ingesteld door uw IT-afdeling');
  await expectAccessibleAtAllSizes(page, 'Afdelings-pc (medewerker)', (size) =>
    path.join(SHOTS, `ward-staff-${size}.png`),
  );
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Ja' }).click();

  // Now a resident can get help with his first login.
  await expect(page.getByRole('heading', { name: 'Inloggen' })).toBeVisible();
  await page.getByRole('link', { name: 'Eerste keer inloggen met hulp van een medewerker' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Eerste keer inloggen met hulp' })).toBeVisible();
  sms = portal.sms().length;
  await page.getByLabel('Gebruikersnaam', { exact: true }).fill('bep');
  await page.getByLabel('Tijdelijk wachtwoord', { exact: true }).fill(temporary);
  await page.getByRole('button', { name: 'Volgende' }).click();
  await expect(page.getByTestId('staff-confirm')).toContainText('Een medewerker van De Linde bevestigt nu wie u bent');
  await expectAccessibleAtAllSizes(page, 'Eerste keer inloggen: medewerker bevestigt', (size) =>
    path.join(SHOTS, `ward-assisted-${size}.png`),
  );
  // A wrong staff password: a clear message, and the resident's login still waits.
  await page.getByLabel('Gebruikersnaam medewerker', { exact: true }).fill('anna');
  await page.getByLabel('Wachtwoord medewerker', { exact: true }).fill('Niet-Het-Goede-1');
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await expect(page.getByText('Gebruikersnaam of wachtwoord is onjuist.')).toBeVisible();
  // A reload halfway keeps the step.
  await page.reload();
  await expect(page.getByTestId('staff-confirm')).toContainText('De Linde');
  await page.getByLabel('Gebruikersnaam medewerker', { exact: true }).fill('anna');
  await page.getByLabel('Wachtwoord medewerker', { exact: true }).fill(ANNA.password);
  await page.getByRole('button', { name: 'Bevestigen' }).click();

  // Then he chooses his own password, and is in.
  await expect(page.getByRole('heading', { name: 'Wachtwoord wijzigen' })).toBeVisible();
  await page.getByLabel('Huidig wachtwoord', { exact: true }).fill(temporary);
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Herhaal nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Welkom, Bep Jansen' })).toBeVisible();
  expect(portal.sms().length).toBe(sms);
  await context.close();
});

test('in a browser the assisted login does not exist', async ({ portal, browser }) => {
  await portal.admin('demo:seed');
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(portal.url);
  await expect(page.getByRole('heading', { name: 'Inloggen' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Eerste keer inloggen met hulp van een medewerker' })).toHaveCount(0);
  await expect(page.getByTestId('ward-not-registered')).toHaveCount(0);
  await page.goto(`${portal.url}/eerste-keer-met-hulp`);
  await expect(page.getByTestId('assisted-unavailable')).toContainText('alleen op een geregistreerde afdelings-pc');
  await expect(page.getByLabel('Tijdelijk wachtwoord')).toHaveCount(0);
  await context.close();
});
