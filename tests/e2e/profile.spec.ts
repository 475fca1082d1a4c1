// Instellingen through the real UI (issue 4 §5): reached from the own name in the top bar; language and large text
// apply at once and are stored for the user; a remembered device is revoked (its next login asks for the SMS); the
// password is changed; at phone size all devices are revoked. axe finds no serious or critical problems.
import type { Browser, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { expectAccessible, expectAccessibleAtAllSizes } from './axe.ts';
import type { PortalServer } from './portal-server.ts';

test.use({ portalFor: 'profile' });

const DEMO_PASSWORD = 'Zonnebloem-Truus-1947';
const NEW_PASSWORD = 'Fietsbel-Zeemeeuw-Dijk-77';
const PHONE = { width: 390, height: 844 };
let password = DEMO_PASSWORD;

test.beforeAll(async ({ portal }) => {
  await portal.admin('demo:seed');
});

/** Signs Truus in; `expectSms`: whether this browser must pass the SMS step (not yet remembered). */
async function signIn(page: Page, portal: PortalServer, expectSms = true): Promise<void> {
  await page.goto(`${portal.url}/inloggen`);
  const before = portal.sms().length;
  await page.getByLabel('Gebruikersnaam', { exact: true }).fill('truus');
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  if (expectSms) {
    await expect(page.getByRole('heading', { name: 'Apparaat verificatie' })).toBeVisible();
    await page.getByLabel('Code', { exact: true }).fill(await portal.nextCode(before));
    await page.getByRole('button', { name: 'Code controleren' }).click();
  }
  await expect(page.getByRole('heading', { level: 1, name: 'Welkom, Truus van Dorp' })).toBeVisible();
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Truus van Dorp' }).click();
  await page.getByRole('link', { name: 'Instellingen' }).click();
  await expect(page).toHaveURL(/\/instellingen$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Instellingen' })).toBeVisible();
}

async function newPage(browser: Browser, viewport = { width: 1024, height: 768 }) {
  const context = await browser.newContext({ viewport });
  return { context, page: await context.newPage() };
}

const rootFontSize = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);

test('language, large text, revoking another device and a new password (1024×768)', async ({
  portal,
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const other = await newPage(browser);
  await signIn(other.page, portal);
  const { context, page } = await newPage(browser);
  await signIn(page, portal);
  await openSettings(page);
  await expect(page.getByTestId('device')).toHaveCount(2);
  await expectAccessibleAtAllSizes(page, 'Instellingen', (size) => testInfo.outputPath(`settings-${size}.png`));

  // Taal: applies at once, and is stored for the user (still English after a reload)
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.getByRole('button', { name: 'Nederlands' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Instellingen' })).toBeVisible();

  // Grote tekst: applies at once, stays after a reload
  expect(await rootFontSize(page)).toBe('16px');
  await page.getByLabel('Grote tekst').check();
  await expect(page.locator('html')).toHaveClass(/large-text/);
  expect(await rootFontSize(page)).toBe('20px');
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/large-text/);
  await expectAccessible(page, 'Instellingen, grote tekst');
  await page.screenshot({ path: testInfo.outputPath('settings-large-text-desktop.png'), fullPage: true });
  await page.getByLabel('Grote tekst').uncheck();
  await expect(page.locator('html')).not.toHaveClass(/large-text/);

  // Mijn apparaten: revoke the other browser; its session ends and its next login asks for the SMS
  const devices = page.getByTestId('device');
  await expect(devices.filter({ hasText: 'Dit apparaat' })).toHaveCount(1);
  const otherRow = devices.filter({ hasNotText: 'Dit apparaat' });
  await otherRow.getByRole('button', { name: /intrekken/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Weet u zeker dat u');
  await expectAccessible(page, 'Intrekken, vraag');
  await dialog.getByRole('button', { name: 'Ja' }).click();
  await expect(page.getByText(/is ingetrokken\./)).toBeVisible();
  await expect(devices).toHaveCount(1);
  await other.page.reload();
  await expect(other.page.getByRole('heading', { name: 'Inloggen' })).toBeVisible();
  await signIn(other.page, portal, true);
  await other.context.close();

  // Wachtwoord wijzigen with the strength meter
  await page.getByLabel('Huidig wachtwoord', { exact: true }).fill(password);
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Herhaal nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
  await expect(page.locator('#settings-password-strength')).toContainText(/sterk/i);
  await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
  await expect(page.getByText('Uw wachtwoord is gewijzigd.', { exact: false })).toBeVisible();
  password = NEW_PASSWORD;
  await expectAccessible(page, 'Instellingen, wachtwoord gewijzigd');
  await context.close();
});

test('at phone size: large text and revoking all devices, after which this device needs the SMS too', async ({
  portal,
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  // Five SMS codes for Truus in this file, the most the hourly limit allows (DESIGN §7): no more sign-ins here.
  const { context, page } = await newPage(browser, PHONE);
  await signIn(page, portal);
  await openSettings(page);
  await page.getByLabel('Grote tekst').check();
  await expect(page.locator('html')).toHaveClass(/large-text/);
  await expectAccessible(page, 'Instellingen, telefoon, grote tekst');
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('settings-large-text-phone.png'), fullPage: true });
  await page.getByLabel('Grote tekst').uncheck();

  await page.getByRole('button', { name: 'Alle apparaten intrekken' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Ja' }).click();
  await expect(page.getByText('Alle apparaten zijn ingetrokken.', { exact: false })).toBeVisible();
  await expect(page.getByTestId('device')).toHaveCount(0);
  // Still signed in here; the next login on this very browser asks for the SMS.
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Ja' }).click();
  await expect(page.getByRole('heading', { name: 'Inloggen' })).toBeVisible();
  await signIn(page, portal, true);
  await context.close();
});
