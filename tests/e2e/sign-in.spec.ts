// The whole sign-in of the manuals through the real UI, as a resident would do it (issue 2, §7).
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { resetLinkFrom } from './portal-server.ts';
import { expectAccessible } from './axe.ts';

test.use({ portalFor: 'sign-in' });

const NEW_PASSWORD = 'blauwe-fiets-in-de-regen';
const RESET_PASSWORD = 'groene-tram-naar-de-markt';

async function fillLogin(page: Page, username: string, password: string) {
  await page.getByLabel('Gebruikersnaam', { exact: true }).fill(username);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

async function enterCode(page: Page, code: string) {
  await expect(page.getByRole('heading', { name: 'Apparaat verificatie' })).toBeVisible();
  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Code controleren' }).click();
}

async function expectHome(page: Page) {
  for (const panel of ['Mijn afspraken', 'Mijn berichten', 'Mijn dossier', 'Mijn gegevens']) {
    await expect(page.getByRole('heading', { name: panel })).toBeVisible();
  }
}

test('a resident goes through the whole sign-in of the manuals', async ({ portal, browser }) => {
  const created = await portal.admin(
    'client:create',
    '--name',
    'Gerrit Jansen',
    '--username',
    'gerrit',
    '--email',
    'gerrit@example.nl',
    '--mobile',
    '06 11223344',
  );
  const temporary = /Tijdelijk wachtwoord[^:]*: (\S+)/.exec(created)![1]!;

  const context = await browser.newContext();
  const page = await context.newPage();

  // First login with the temporary password → Apparaat verificatie by SMS.
  await page.goto(portal.url);
  await expect(page.getByRole('heading', { name: 'Inloggen' })).toBeVisible();
  // The eye toggle shows what was typed.
  await page.getByLabel('Wachtwoord', { exact: true }).fill(temporary);
  await expect(page.getByLabel('Wachtwoord', { exact: true })).toHaveAttribute('type', 'password');
  await page.getByRole('button', { name: 'Wachtwoord tonen' }).click();
  await expect(page.getByLabel('Wachtwoord', { exact: true })).toHaveAttribute('type', 'text');
  const smsAtStart = portal.sms().length;
  await fillLogin(page, 'gerrit', temporary);
  const code = await portal.nextCode(smsAtStart);
  expect(portal.sms().at(-1)!.to).toBe('+31611223344');
  await expect(page.getByText('06******44')).toBeVisible();
  await enterCode(page, code);

  // Forced Wachtwoord wijzigen (old + new).
  await expect(page.getByRole('heading', { name: 'Wachtwoord wijzigen' })).toBeVisible();
  await page.getByLabel('Huidig wachtwoord', { exact: true }).fill(temporary);
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Herhaal nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();

  // Home with the four panels, the organisation and the user's name in the top bar.
  await expectHome(page);
  await expect(page.getByRole('banner')).toContainText('Gerrit Jansen');

  // Uitloggen: Nee stays, Ja logs out.
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Weet u zeker dat u wilt uitloggen?');
  await dialog.getByRole('button', { name: 'Nee' }).click();
  await expect(dialog).toBeHidden();
  await expectHome(page);
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Ja' }).click();
  await expect(page.getByRole('heading', { name: 'Inloggen' })).toBeVisible();
  // The session really ended on the server.
  expect((await page.request.get(`${portal.url}/api/v1/auth/me`)).status()).toBe(401);

  // Same browser: remembered device, no SMS.
  const smsBefore = portal.sms().length;
  await fillLogin(page, 'gerrit', NEW_PASSWORD);
  await expectHome(page);
  expect(portal.sms().length).toBe(smsBefore);

  // A fresh browser needs the SMS; a wrong password first shows the message.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(portal.url);
  await fillLogin(other, 'gerrit', 'niet-het-goede-wachtwoord');
  await expect(other.getByTestId('form-alert')).toContainText('Gebruikersnaam of wachtwoord is onjuist');
  await fillLogin(other, 'gerrit', NEW_PASSWORD);
  await enterCode(other, await portal.nextCode(smsBefore));
  await expectHome(other);
  await fresh.close();

  // Wachtwoord vergeten? → mail → link → new password → next login needs the SMS again.
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Ja' }).click();
  await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
  await page.getByLabel('Gebruikersnaam', { exact: true }).fill('gerrit');
  await page.getByLabel('E-mailadres', { exact: true }).fill('gerrit@example.nl');
  const mailsBefore = portal.mails().length;
  await page.getByRole('button', { name: /Versturen|Wachtwoord herstellen/ }).click();
  await expect(page.getByText(/5 minuten geldig/)).toBeVisible();
  const link = resetLinkFrom(await portal.waitForMail(mailsBefore));
  expect(link.startsWith(`${portal.url}/wachtwoord-herstellen#token=`)).toBe(true);

  await page.goto(link);
  await page.getByLabel('Gebruikersnaam', { exact: true }).fill('gerrit');
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(RESET_PASSWORD);
  await page.getByLabel('Herhaal nieuw wachtwoord', { exact: true }).fill(RESET_PASSWORD);
  await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
  await expect(page.getByText(/Uw wachtwoord is gewijzigd/)).toBeVisible();

  const smsBeforeReset = portal.sms().length;
  await page.goto(portal.url);
  await fillLogin(page, 'gerrit', RESET_PASSWORD);
  await enterCode(page, await portal.nextCode(smsBeforeReset));
  await expectHome(page);

  // The used link shows a clear message.
  await page.goto(link);
  await expect(page.getByTestId('form-alert')).toContainText('Deze link werkt niet (meer)');
  await context.close();
});

test('an expired SMS code shows a clear message and a new code works', async ({ portal, page }) => {
  await portal
    .admin(
      'client:create',
      '--name',
      'Kees de Vries',
      '--username',
      'keesdevries',
      '--email',
      'kees.devries@example.nl',
      '--mobile',
      '+31699887766',
    )
    .then((out) => /Tijdelijk wachtwoord[^:]*: (\S+)/.exec(out)![1]!)
    .then(async (temporary) => {
      const before = portal.sms().length;
      await page.goto(portal.url);
      await fillLogin(page, 'keesdevries', temporary);
      const code = await portal.nextCode(before);
      await portal.advanceClock(5 * 60 + 1);
      await enterCode(page, code);
      await expect(page.getByTestId('form-alert')).toContainText(/verlopen/);
      await page.getByRole('button', { name: /Nieuwe code sturen/ }).click();
      await enterCode(page, await portal.nextCode(before + 1));
      await expect(page.getByRole('heading', { name: 'Wachtwoord wijzigen' })).toBeVisible();
    });
});

test('after 5 wrong passwords the login page says when to try again', async ({ portal, page }) => {
  await portal.admin(
    'client:create',
    '--name',
    'Wim Smit',
    '--username',
    'wim',
    '--email',
    'wim@example.nl',
    '--mobile',
    '0655443322',
  );
  await page.goto(portal.url);
  for (let i = 0; i < 5; i++) {
    await fillLogin(page, 'wim', `verkeerd-wachtwoord-${i}`);
    await expect(page.getByTestId('form-alert')).toContainText('Gebruikersnaam of wachtwoord is onjuist');
  }
  await fillLogin(page, 'wim', 'nog-een-keer-fout');
  await expect(page.getByTestId('form-alert')).toContainText('Probeer het over 1 minuut opnieuw');
});

test('in the desktop app without a keychain (or on a ward computer) the SMS step says the device is not remembered', async ({
  portal,
  browser,
}) => {
  const out = await portal.admin(
    'client:create',
    ...['--name', 'Jo Smit', '--username', 'josmit', '--email', 'jo.smit@example.nl', '--mobile', '+31655443322'],
  );
  const temporary = /Tijdelijk wachtwoord[^:]*: (\S+)/.exec(out)![1]!;
  for (const reason of ['no-keychain', 'kiosk', null] as const) {
    const context = await browser.newContext();
    // The preload's bridge, as Electron would expose it (no Electron binary here): only what the page asks.
    if (reason) {
      await context.addInitScript((why) => {
        Object.assign(window, {
          bridge: {
            appInfo: async () => ({
              version: '0.1.0',
              platform: 'linux',
              mode: why === 'kiosk' ? 'kiosk' : 'personal',
            }),
            openExternal: async () => undefined,
            deviceTrust: async () => ({ canRemember: false, reason: why }),
          },
        });
      }, reason);
    }
    const page = await context.newPage();
    const before = portal.sms().length;
    await page.goto(portal.url);
    await fillLogin(page, 'josmit', temporary);
    await expect(page.getByRole('heading', { name: 'Apparaat verificatie' })).toBeVisible();
    await portal.nextCode(before);
    const notice = page.getByTestId('not-remembered');
    if (reason === 'no-keychain') {
      await expect(notice).toContainText('Deze computer kan uw apparaat niet onthouden');
      await expectAccessible(page, 'Apparaat verificatie zonder sleutelopslag');
    } else if (reason === 'kiosk') {
      await expect(notice).toContainText('Dit is een computer van de afdeling');
    } else {
      // A browser remembers by its cookie: no such notice.
      await expect(page.getByTestId('verify-intro')).toBeVisible();
      await expect(notice).toHaveCount(0);
    }
    await context.close();
  }
});
