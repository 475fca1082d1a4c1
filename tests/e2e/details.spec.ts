// Mijn gegevens through the real UI (issue 3, §3 panel and §4 Gegevens), on an SVRZ server (moodOnBoard): the EHR
// data is read-only, the own mobile number changes with the SMS code and the e-mail with the link from the mail,
// the prikbord takes a post with a photo and a smiley, Annie's reaction shows for Truus, an own post can be
// deleted, and a contact without the Gegevens right gets "geen toegang".
import sharp from 'sharp';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { expectAccessibleAtAllSizes } from './axe.ts';
import { startPortalServer, type PortalServer } from './portal-server.ts';

const test = base.extend<Record<never, never>, { portal: PortalServer }>({
  portal: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern for fixtures
    async ({}, use) => {
      const portal = await startPortalServer({ PORTAL_ORG_PRESET: 'svrz' });
      await use(portal);
      await portal.stop();
    },
    { scope: 'worker' },
  ],
});
// Long walks through several pages with axe at two sizes each, on a machine shared with other test runs.
test.describe.configure({ mode: 'serial', timeout: 240_000 });

const NO_ACCESS = 'U heeft geen toegang tot dit onderdeel.';

async function signIn(page: Page, portal: PortalServer, username: string, password: string, name: string) {
  await page.goto(`${portal.url}/inloggen`);
  const before = portal.sms().length;
  await page.getByLabel('Gebruikersnaam', { exact: true }).fill(username);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByRole('heading', { name: 'Apparaat verificatie' })).toBeVisible();
  await page.getByLabel('Code', { exact: true }).fill(await portal.nextCode(before));
  await page.getByRole('button', { name: 'Code controleren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Welkom, ${name}` })).toBeVisible();
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  return context.newPage();
}

const truus = (page: Page, portal: PortalServer) =>
  signIn(page, portal, 'truus', 'Zonnebloem-Truus-1947', 'Truus van Dorp');
const annie = (page: Page, portal: PortalServer) =>
  signIn(page, portal, 'annie', 'Tulpenveld-Annie-1972', 'Annie van Dorp');

test.beforeAll(async ({ portal }) => {
  await portal.admin('demo:seed');
});

test('the EHR data read-only, the contacts alphabetically; own mobile and e-mail changed', async ({
  portal,
  browser,
}, testInfo) => {
  const page = await newPage(browser);
  await truus(page, portal);

  const panel = page.getByRole('link', { name: /Mijn gegevens/ });
  await expect(panel).toContainText('Truus van Dorp');
  await expect(panel).toContainText('Vandaag heerlijk in de tuin gezeten');
  await expect(panel.getByRole('img', { name: 'Foto van Truus van Dorp' })).toBeVisible();
  await expect(panel).toContainText('bijgewerkt tot');
  await panel.click();
  await expect(page).toHaveURL(/\/gegevens$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn gegevens' })).toBeVisible();

  const ehr = page.getByTestId('ehr-details');
  await expect(ehr.getByRole('heading', { name: 'Gegevens uit het zorgdossier' })).toBeVisible();
  await expect(ehr).toContainText('U kunt ze hier niet wijzigen');
  await expect(ehr).toContainText('12 maart 1947');
  await expect(ehr).toContainText('Dorpsstraat 12, 3811 AB Amersfoort');
  await expect(ehr.getByRole('textbox')).toHaveCount(0);
  await expect(ehr.getByRole('button')).toHaveCount(0);
  await expect(page.getByTestId('contact')).toHaveText([
    /Annie van Dorp/,
    /Dokter de Wit/,
    /Ellen Smits/,
    /Kees van Dorp/,
  ]);
  await expectAccessibleAtAllSizes(page, 'Mijn gegevens', (size) => testInfo.outputPath(`details-${size}.png`));

  // Mobile: a landline is refused; the new number gets the code and is saved only after it.
  const own = page.getByTestId('own-contact');
  await own.getByRole('button', { name: 'Mobiel nummer wijzigen' }).click();
  await own.getByLabel('Nieuw mobiel nummer').fill('033-4567890');
  await own.getByRole('button', { name: 'Code versturen' }).click();
  await expect(own.getByText('Een vast nummer kan geen SMS ontvangen.')).toBeVisible();
  const before = portal.sms().length;
  await own.getByLabel('Nieuw mobiel nummer').fill('06-22334455');
  await own.getByRole('button', { name: 'Code versturen' }).click();
  await expect(own.getByText('We hebben een SMS met een code gestuurd naar 06******55.')).toBeVisible();
  const code = await portal.nextCode(before);
  expect(portal.sms().at(-1)!.to).toBe('+31622334455');
  await expect(own.getByTestId('own-mobile')).toHaveCount(0);
  await expectAccessibleAtAllSizes(page, 'Code invullen');
  await own.getByLabel('Code uit de SMS').fill(code);
  await own.getByRole('button', { name: 'Bevestigen' }).click();
  await expect(own.getByText('Uw mobiele nummer is gewijzigd.')).toBeVisible();
  await expect(own.getByTestId('own-mobile')).toHaveText('06-22334455');

  // E-mail: the link in the mail confirms.
  await own.getByRole('button', { name: 'E-mailadres wijzigen' }).click();
  await own.getByLabel('Nieuw e-mailadres').fill('truus.nieuw@example.nl');
  await own.getByRole('button', { name: 'Bevestigingsmail versturen' }).click();
  await expect(own.getByText('We hebben een e-mail gestuurd naar truus.nieuw@example.nl.')).toBeVisible();
  await expect(own.getByTestId('own-email')).toHaveText('truus@example.nl');
  // The mail to the NEW address (the old one also hears that the mobile number changed).
  const toNew = () => portal.mails().find((m) => m.includes('To: truus.nieuw@example.nl'));
  await expect.poll(toNew, { timeout: 10_000 }).toBeTruthy();
  const mail = toNew()!;
  const text = mail.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const link = /(http:\/\/\S+\/gegevens\/e-mail-bevestigen#token=[A-Za-z0-9_-]{43})/.exec(text)![1]!;
  expect(link.startsWith(`${portal.url}/gegevens/e-mail-bevestigen#token=`)).toBe(true);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'E-mailadres bevestigen' })).toBeVisible();
  await expect(page.getByText('Uw e-mailadres is gewijzigd in truus.nieuw@example.nl.')).toBeVisible();
  await expectAccessibleAtAllSizes(page, 'E-mailadres bevestigd');
  await page.getByRole('link', { name: 'Naar Mijn gegevens' }).click();
  await expect(page.getByTestId('own-email')).toHaveText('truus.nieuw@example.nl');
});

test('a post with a photo and a smiley, a reaction by Annie, deleting an own post', async ({
  portal,
  browser,
}, testInfo) => {
  await portal.admin('member:rights', '--client', 'truus', '--username', 'annie', '--sections', 'gegevens');
  const page = await newPage(browser);
  await truus(page, portal);
  await page.goto(`${portal.url}/gegevens`);
  const board = page.getByTestId('board');
  await expect(board.getByTestId('post').first()).toContainText('Vandaag heerlijk in de tuin gezeten');

  const photo = await sharp({ create: { width: 120, height: 80, channels: 3, background: '#e07030' } })
    .jpeg()
    .toBuffer();
  await board.getByLabel('Uw mededeling').fill('Vandaag bezoek gehad van de kleinkinderen.');
  await board
    .getByTestId('photo-input')
    .setInputFiles({ name: 'kleinkinderen.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(board.getByRole('img', { name: 'Voorbeeld van de gekozen foto' })).toBeVisible();
  await board.getByRole('button', { name: 'Blij' }).click();
  await expect(board.getByRole('button', { name: 'Blij' })).toHaveAttribute('aria-pressed', 'true');
  await expectAccessibleAtAllSizes(page, 'Prikbord: nieuwe mededeling', (size) =>
    testInfo.outputPath(`board-compose-${size}.png`),
  );
  await board.getByRole('button', { name: 'Plaatsen' }).click();
  const mine = board.getByTestId('post').first();
  await expect(mine).toContainText('Vandaag bezoek gehad van de kleinkinderen.');
  await expect(mine.getByRole('img', { name: 'Smiley: Blij' })).toBeVisible();
  const img = mine.getByRole('img', { name: 'Foto bij de mededeling van Truus van Dorp' });
  await expect(img).toBeVisible();
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(120);

  // Annie reacts (no smiley picker for her).
  const other = await newPage(browser);
  await annie(other, portal);
  await other.goto(`${portal.url}/gegevens`);
  const annieBoard = other.getByTestId('board');
  await expect(annieBoard.getByRole('button', { name: 'Blij' })).toHaveCount(0);
  const post = annieBoard.getByTestId('post').filter({ hasText: 'kleinkinderen' });
  await expect(post.getByRole('img', { name: 'Foto bij de mededeling van Truus van Dorp' })).toBeVisible();
  await expect(post.getByRole('button', { name: /verwijderen/i })).toHaveCount(0);
  await post.getByRole('button', { name: 'Reageren op de mededeling van Truus van Dorp' }).click();
  await post.getByLabel('Uw reactie').fill('Wat leuk, mam!');
  await post.getByRole('button', { name: 'Versturen' }).click();
  await expect(post.getByTestId('reaction')).toContainText('Wat leuk, mam!');

  // Truus sees it.
  await page.reload();
  const seen = board.getByTestId('post').filter({ hasText: 'kleinkinderen' });
  await expect(seen.getByTestId('reaction')).toContainText('Annie van Dorp');
  await expect(seen.getByTestId('reaction')).toContainText('Wat leuk, mam!');
  await expectAccessibleAtAllSizes(page, 'Prikbord met reactie', (size) => testInfo.outputPath(`board-${size}.png`));

  // Delete her own post: Nee keeps it, Ja removes it.
  await seen.getByRole('button', { name: /Mijn mededeling van .* verwijderen/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Verwijderen?' });
  await expect(dialog).toContainText('Weet u zeker dat u deze mededeling wilt verwijderen?');
  await expectAccessibleAtAllSizes(page, 'Verwijderen?');
  await dialog.getByRole('button', { name: 'Nee' }).click();
  await expect(seen).toHaveCount(1);
  await seen.getByRole('button', { name: /Mijn mededeling van .* verwijderen/ }).click();
  await dialog.getByRole('button', { name: 'Ja' }).click();
  await expect(board.getByTestId('post').filter({ hasText: 'kleinkinderen' })).toHaveCount(0);
  await other.reload();
  await expect(annieBoard.getByTestId('post').first()).toContainText('Vandaag heerlijk in de tuin gezeten');
});

test('a contact without the Gegevens right gets "geen toegang"', async ({ portal, browser }, testInfo) => {
  await portal.admin('member:rights', '--client', 'truus', '--username', 'annie', '--sections', 'afspraken');
  const page = await newPage(browser);
  await annie(page, portal);
  await expect(page.getByRole('link', { name: /Mijn gegevens/ })).toHaveCount(0);
  await page.goto(`${portal.url}/gegevens`);
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn gegevens' })).toBeVisible();
  await expect(page.getByText(NO_ACCESS)).toBeVisible();
  await expect(page.getByTestId('board')).toHaveCount(0);
  await expectAccessibleAtAllSizes(page, 'Gegevens zonder recht', (size) =>
    testInfo.outputPath(`details-no-access-${size}.png`),
  );
});
