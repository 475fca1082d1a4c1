// The organisation's logo (issue 3 §5): with PORTAL_ORG_LOGO set, the sign-in screen and the top bar show it with
// the organisation's name as its text alternative. Its own server, because the logo is a start-up setting.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { expectAccessibleAtAllSizes } from './axe.ts';
import { startPortalServer, type PortalServer } from './portal-server.ts';
import { solidPng } from '../../server/appointments/solid-png.ts';

let portal: PortalServer;

test.beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-logo-'));
  const logo = path.join(dir, 'logo.png');
  fs.writeFileSync(logo, solidPng(48, [0, 90, 112]));
  portal = await startPortalServer({ PORTAL_ORG_LOGO: logo });
  await portal.admin('demo:seed');
});
test.afterAll(async () => {
  await portal?.stop();
});

const loaded = (img: import('@playwright/test').Locator) =>
  img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0);

test('the sign-in screen and the top bar show the logo', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await page.goto(`${portal.url}/inloggen`);
  const logo = page.getByRole('img', { name: 'Careyn' });
  await expect(logo).toBeVisible();
  await expect.poll(() => loaded(logo)).toBe(true);
  await expectAccessibleAtAllSizes(page, 'Inloggen met logo', (size) => testInfo.outputPath(`login-logo-${size}.png`));

  const before = portal.sms().length;
  await page.getByLabel('Gebruikersnaam', { exact: true }).fill('truus');
  await page.getByLabel('Wachtwoord', { exact: true }).fill('Zonnebloem-Truus-1947');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByLabel('Code', { exact: true }).fill(await portal.nextCode(before));
  await page.getByRole('button', { name: 'Code controleren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Welkom, Truus van Dorp' })).toBeVisible();
  // The logo is the link home in the top bar, named by the organisation.
  const home = page.getByRole('banner').getByRole('link', { name: 'Careyn' });
  await expect(home.getByRole('img', { name: 'Careyn' })).toBeVisible();
  await expect.poll(() => loaded(home.getByRole('img'))).toBe(true);
  await expectAccessibleAtAllSizes(page, 'Startscherm met logo', (size) =>
    testInfo.outputPath(`home-logo-${size}.png`),
  );
  await context.close();
});
