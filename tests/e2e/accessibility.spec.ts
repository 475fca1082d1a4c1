// axe-core on every sign-in page (and the home screen): no serious or critical WCAG 2.1 AA violations,
// at desktop size and at phone size.
import { test, expect } from './fixtures.ts';
import { expectAccessible } from './axe.ts';

test.use({ portalFor: 'accessibility' });

for (const size of [
  { name: 'desktop', width: 1024, height: 768 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test(`sign-in pages are accessible (${size.name})`, async ({ portal, browser }) => {
    const username = `axe${size.name}`;
    const out = await portal.admin(
      'client:create',
      '--name',
      'Ria Bakker',
      '--username',
      username,
      '--email',
      `${username}@example.nl`,
      '--mobile',
      '0612121212',
    );
    const temporary = /Tijdelijk wachtwoord[^:]*: (\S+)/.exec(out)![1]!;
    const context = await browser.newContext({ viewport: { width: size.width, height: size.height } });
    const page = await context.newPage();

    await page.goto(`${portal.url}/inloggen`);
    await expect(page.getByRole('heading', { name: 'Inloggen' })).toBeVisible();
    await expectAccessible(page, 'Inloggen');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // The error state of the login page too.
    await page.getByLabel('Gebruikersnaam', { exact: true }).fill(username);
    await page.getByLabel('Wachtwoord', { exact: true }).fill('fout-wachtwoord');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect(page.getByTestId('form-alert')).toBeVisible();
    await expectAccessible(page, 'Inloggen met foutmelding');

    await page.goto(`${portal.url}/wachtwoord-vergeten`);
    await expect(page.getByLabel('E-mailadres', { exact: true })).toBeVisible();
    await expectAccessible(page, 'Wachtwoord vergeten');

    await page.goto(`${portal.url}/wachtwoord-herstellen#token=${'a'.repeat(43)}`);
    await expect(page.getByTestId('form-alert')).toBeVisible();
    await expectAccessible(page, 'Wachtwoord herstellen (ongeldige link)');

    const before = portal.sms().length;
    await page.goto(`${portal.url}/inloggen`);
    await page.getByLabel('Gebruikersnaam', { exact: true }).fill(username);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(temporary);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect(page.getByRole('heading', { name: 'Apparaat verificatie' })).toBeVisible();
    await expectAccessible(page, 'Apparaat verificatie');

    await page.getByLabel('Code', { exact: true }).fill(await portal.nextCode(before));
    await page.getByRole('button', { name: 'Code controleren' }).click();
    await expect(page.getByRole('heading', { name: 'Wachtwoord wijzigen' })).toBeVisible();
    await expectAccessible(page, 'Wachtwoord wijzigen');

    await page.getByLabel('Huidig wachtwoord', { exact: true }).fill(temporary);
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('zeven-zwanen-zwemmen-zacht');
    await page.getByLabel('Herhaal nieuw wachtwoord', { exact: true }).fill('zeven-zwanen-zwemmen-zacht');
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await expect(page.getByRole('heading', { name: 'Mijn afspraken' })).toBeVisible();
    await expectAccessible(page, 'Startscherm');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectAccessible(page, 'Uitloggen-dialoog');
    await context.close();
  });
}
