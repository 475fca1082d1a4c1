// The desktop app's first start (issue 5 §1) through the real UI in web mode: the preload's `bridge` is stood in
// (there is no Electron binary here) and says "no server, no mode yet". Its check asks the running test server's
// public info, as main would, and brings a logo as a data: URL; its save only records what it was asked to save.
import path from 'node:path';
import { test, expect } from './fixtures.ts';
import { expectAccessibleAtAllSizes } from './axe.ts';
import { solidPng } from '../../server/appointments/solid-png.ts';

test.use({ portalFor: 'connection-setup' });

const SHOTS = path.resolve(import.meta.dirname, '../../.tmp');
const LOGO = `data:image/png;base64,${solidPng(48, [0, 90, 112]).toString('base64')}`;

interface Recorded {
  checked: string[];
  saved: unknown[];
}

test('first start: check the organisation’s server, choose a ward computer, save', async ({ portal, browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  await context.addInitScript((logo) => {
    const recorded: Recorded = { checked: [], saved: [] };
    Object.assign(window, {
      recorded,
      bridge: {
        appInfo: async () => ({ version: '0.1.0', platform: 'linux', mode: 'personal', idleLogoutSeconds: null }),
        openExternal: async () => undefined,
        deviceTrust: async () => ({ canRemember: true }),
        endSession: async () => false,
        connection: async () => ({ serverOrigin: null, mode: null, serverLocked: false, modeLocked: false }),
        checkServer: async (address: string) => {
          recorded.checked.push(address);
          let origin: string;
          try {
            origin = new URL(address).origin;
          } catch {
            return { ok: false, reason: 'invalid-url' };
          }
          // Main asks GET <origin>/api/v1/info; here that is the page's own server.
          const res = await fetch(`${origin}/api/v1/info`).catch(() => null);
          if (!res) return { ok: false, reason: 'unreachable' };
          if (!res.ok) return { ok: false, reason: 'not-portal' };
          const info = (await res.json()) as { organisationName: string };
          return { ok: true, origin, organisationName: info.organisationName, logo };
        },
        // Main would write connection.json and restart the app.
        saveConnection: async (choice: unknown) => (recorded.saved.push(choice), { saved: true }),
      },
    });
  }, LOGO);
  const page = await context.newPage();
  const recorded = () => page.evaluate(() => (window as unknown as { recorded: Recorded }).recorded);

  // Every page leads to the first-start page while nothing is configured.
  await page.goto(`${portal.url}/dossier`);
  await expect(page).toHaveURL(/\/verbinding$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Verbinding instellen' })).toBeVisible();
  await expect(page).toHaveTitle(/^Verbinding instellen – Cliëntportaal/);

  // Saving before anything is checked or chosen explains what is missing.
  const save = page.getByRole('button', { name: 'Opslaan en starten' });
  await save.click();
  await expect(page.getByText('Vul het adres van de server in.')).toBeVisible();
  await expect(page.getByText('Kies hoe deze computer wordt gebruikt.')).toBeVisible();

  // A wrong address: the reason main gives is shown at the field.
  const address = page.getByLabel('Adres van de server');
  await address.fill('http://127.0.0.1:9');
  await page.getByRole('button', { name: 'Controleren' }).click();
  await expect(page.getByText('De server is niet bereikbaar.', { exact: false })).toBeVisible();

  await address.fill('geen adres');
  await page.getByRole('button', { name: 'Controleren' }).click();
  await expect(page.getByText('Dit is geen geldig adres.', { exact: false })).toBeVisible();

  // The test server's address: its organisation and logo appear.
  await address.fill(portal.url);
  await address.press('Enter');
  const found = page.getByTestId('connection-found');
  await expect(found).toContainText('Gevonden: Careyn');
  await expect(found).toContainText(portal.url);
  const logo = page.getByRole('img', { name: 'Logo van Careyn' });
  await expect(logo).toBeVisible();
  await expect
    .poll(() => logo.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0))
    .toBe(true);

  await page.getByRole('radio', { name: /Afdelings-pc \(kiosk\)/ }).check();
  await expectAccessibleAtAllSizes(page, 'Verbinding instellen', (size) => path.join(SHOTS, `connection-${size}.png`));
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Opgeslagen. Cliëntportaal start opnieuw…' })).toBeVisible();

  const r = await recorded();
  expect(r.checked).toEqual(['http://127.0.0.1:9', 'geen adres', portal.url]);
  expect(r.saved).toEqual([{ server: portal.url, mode: 'kiosk' }]);
  await context.close();
});

test('Instellingen on a personal install: the connection, set by IT, and a change of mode', async ({
  portal,
  browser,
}) => {
  test.setTimeout(120_000);
  await portal.admin('demo:seed');
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  await context.addInitScript(
    ([logo, origin]) => {
      const recorded: Recorded = { checked: [], saved: [] };
      Object.assign(window, {
        recorded,
        bridge: {
          appInfo: async () => ({ version: '0.1.0', platform: 'linux', mode: 'personal', idleLogoutSeconds: null }),
          openExternal: async () => undefined,
          deviceTrust: async () => ({ canRemember: true }),
          endSession: async () => false,
          connection: async () => ({ serverOrigin: origin, mode: 'personal', serverLocked: true, modeLocked: false }),
          checkServer: async (address: string) => (
            recorded.checked.push(address),
            { ok: true, origin, organisationName: 'Careyn', logo }
          ),
          saveConnection: async (choice: unknown) => (recorded.saved.push(choice), { saved: true }),
        },
      });
    },
    [LOGO, portal.url],
  );
  const page = await context.newPage();
  const before = portal.sms().length;
  await page.goto(portal.url);
  await page.getByLabel('Gebruikersnaam', { exact: true }).fill('truus');
  await page.getByLabel('Wachtwoord', { exact: true }).fill('Zonnebloem-Truus-1947');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByLabel('Code', { exact: true }).fill(await portal.nextCode(before));
  await page.getByRole('button', { name: 'Code controleren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Welkom, Truus van Dorp' })).toBeVisible();

  await page.goto(`${portal.url}/instellingen`);
  const section = page.getByRole('region', { name: 'Verbinding' });
  await expect(section).toContainText('Careyn');
  await expect(section).toContainText(portal.url);
  await expect(section).toContainText('Ingesteld door uw IT-afdeling');
  await expect(section).toContainText('Persoonlijk');
  await section.getByRole('button', { name: 'Verbinding wijzigen' }).click();
  // IT's server: shown, not editable, and checked at once.
  await expect(section.getByLabel('Adres van de server')).toHaveAttribute('readonly', '');
  await expect(section.getByRole('button', { name: 'Controleren' })).toHaveCount(0);
  await expect(section.getByTestId('connection-found')).toContainText('Gevonden: Careyn');
  await section.getByRole('radio', { name: /Afdelings-pc \(kiosk\)/ }).check();
  await expectAccessibleAtAllSizes(page, 'Instellingen, Verbinding', (size) =>
    path.join(SHOTS, `connection-settings-${size}.png`),
  );
  await section.getByRole('button', { name: 'Opslaan en starten' }).click();
  await expect(section.getByText('Opgeslagen. Cliëntportaal start opnieuw…')).toBeVisible();
  const r = await page.evaluate(() => (window as unknown as { recorded: Recorded }).recorded);
  expect(r.checked).toEqual([portal.url]);
  expect(r.saved).toEqual([{ server: portal.url, mode: 'kiosk' }]);
  await context.close();
});

test('in a browser the first-start page is not there: it leads to the login page', async ({ portal, page }) => {
  await page.goto(`${portal.url}/verbinding`);
  await expect(page).toHaveURL(/\/inloggen$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
});
