// The ward computer's idle sign-out (issue 5 §3) through the real UI in web mode, with kiosk mode switched on: the
// preload's `bridge` is stood in (there is no Electron binary here) and says "kiosk, sign out after 2 minutes".
// Playwright's clock moves the browser's time; the server's sessions are not involved in the idle rule.
import path from 'node:path';
import { test, expect } from './fixtures.ts';
import { expectAccessibleAtAllSizes } from './axe.ts';

test.use({ portalFor: 'kiosk' });

const SHOTS = path.resolve(import.meta.dirname, '../../.tmp');

test('on a ward computer a resident is signed out after the idle time, with a countdown and "Ik ben er nog"', async ({
  portal,
  browser,
}) => {
  test.setTimeout(120_000);
  await portal.admin('demo:seed');
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  await context.addInitScript(() => {
    Object.assign(window, {
      bridge: {
        appInfo: async () => ({ version: '0.1.0', platform: 'linux', mode: 'kiosk', idleLogoutSeconds: 120 }),
        openExternal: async () => undefined,
        deviceTrust: async () => ({ canRemember: false, reason: 'kiosk' }),
        // As main does: note the end (across the reload), clear the page's storage and load the app afresh.
        endSession: async (reason: string) => {
          const ended = Number(localStorage.getItem('ended-sessions') ?? '0') + 1;
          sessionStorage.clear();
          localStorage.clear();
          localStorage.setItem('ended-sessions', String(ended));
          location.assign(`/?uitgelogd=${reason}`);
          return true;
        },
      },
    });
  });
  const page = await context.newPage();
  await page.clock.install();
  const before = portal.sms().length;
  await page.goto(portal.url);
  await page.getByLabel('Gebruikersnaam', { exact: true }).fill('truus');
  await page.getByLabel('Wachtwoord', { exact: true }).fill('Zonnebloem-Truus-1947');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByTestId('not-remembered')).toContainText('Dit is een computer van de afdeling');
  await page.getByLabel('Code', { exact: true }).fill(await portal.nextCode(before));
  await page.getByRole('button', { name: 'Code controleren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Welkom, Truus van Dorp' })).toBeVisible();

  // Input keeps her signed in: 50 seconds, a click, another 50 seconds: no question yet.
  const dialog = page.getByRole('dialog', { name: 'Bent u er nog?' });
  await page.clock.runFor(50_000);
  await page.getByRole('heading', { level: 1 }).click();
  await page.clock.runFor(50_000);
  await expect(dialog).toHaveCount(0);

  // Then, a minute before the end, the question counts down; "Ik ben er nog" keeps her signed in.
  await page.clock.runFor(15_000);
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(/Over 5\d seconden wordt u automatisch uitgelogd/);
  await expectAccessibleAtAllSizes(page, 'Bent u er nog?', (size) => path.join(SHOTS, `kiosk-idle-${size}.png`));
  await page.clock.runFor(10_000);
  await expect(dialog).toContainText(/Over 4\d seconden/);
  await dialog.getByRole('button', { name: 'Ik ben er nog' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Welkom, Truus van Dorp' })).toBeVisible();

  // Nobody answers: after the two minutes she is signed out, and main is asked to clear the session.
  await page.clock.runFor(61_000);
  await expect(dialog).toBeVisible();
  await page.clock.runFor(60_000);
  await expect(page.getByRole('heading', { name: 'Inloggen' })).toBeVisible();
  // After the fresh start the login page still says why, and the address no longer carries the reason.
  await expect(page.getByText('U bent automatisch uitgelogd', { exact: false })).toBeVisible();
  await expect(page).toHaveURL(/\/inloggen$/);
  await expect(dialog).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('ended-sessions'))).toBe('1');
  await expect(page.getByLabel('Gebruikersnaam', { exact: true })).toHaveValue('');
  // The server ended the session too.
  expect((await page.request.get(`${portal.url}/api/v1/auth/me`)).status()).toBe(401);
  await context.close();
});
