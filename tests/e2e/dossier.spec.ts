// Mijn dossier through the real UI (issue 3, §3 panel and §4 dossier): the home panel's newest report, Tijdslijn
// (cards, arrows, open a card), Lezen (list, chosen item, previous/next date), Plannen with Historie opening an
// expired plan, the client writing a report, a contact without the Dossier right, axe on every tab at both sizes.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { expectAccessibleAtAllSizes } from './axe.ts';
import type { PortalServer } from './portal-server.ts';

test.use({ portalFor: 'dossier' });

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

test.beforeAll(async ({ portal }) => {
  await portal.admin('demo:seed');
});

test('the client reads his dossier, opens an expired plan and writes a report', async ({
  portal,
  browser,
}, testInfo) => {
  // Long: one walk through three tabs with axe at two sizes on seven screens, on a machine shared with other work.
  test.setTimeout(300_000);
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await signIn(page, portal, 'truus', 'Zonnebloem-Truus-1947', 'Truus van Dorp');

  // Home panel: the newest report card.
  const panel = page.getByRole('link', { name: /Mijn dossier/ });
  await expect(panel).toContainText('Bijzonderheden');
  await expect(panel).toContainText('De wond heeft zich goed hersteld.');
  await expect(panel).toContainText('Maria de Bruin');
  await expect(panel).toContainText('bijgewerkt tot');
  await panel.click();
  await expect(page).toHaveURL(/\/dossier/);
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn dossier' })).toBeVisible();

  // Tijdslijn: cards, newest at the right; the arrows page back and forward.
  const timeline = page.getByTestId('dossier-timeline');
  await expect(timeline).toHaveAttribute('data-ready', 'true');
  const cards = page.getByTestId('timeline-card');
  await expect(cards.filter({ hasText: 'Bijzonderheden' })).toBeVisible();
  await expectAccessibleAtAllSizes(page, 'Tijdslijn', (size) => testInfo.outputPath(`timeline-${size}.png`));
  const period = page.getByTestId('timeline-period');
  const first = await period.textContent();
  await page.getByRole('button', { name: 'Eerdere onderdelen' }).click();
  await expect(period).not.toHaveText(first ?? '');
  await expect(cards.filter({ hasText: 'Bijzonderheden' })).not.toBeInViewport();
  await expect(cards.first()).toBeVisible();
  const earlier = await period.textContent();
  await page.getByRole('button', { name: 'Latere onderdelen' }).click();
  // Back to the newest days. (Not compared with `first`: that was read while the width settled after axe's resize.)
  await expect(period).not.toHaveText(earlier ?? '');
  await expect(cards.filter({ hasText: 'Bijzonderheden' })).toBeInViewport();

  // Open a card: the whole item in a dialog.
  await cards.filter({ hasText: 'Bijzonderheden' }).click();
  const dialog = page.getByRole('dialog', { name: 'Bijzonderheden' });
  await expect(dialog).toContainText('De wond heeft zich goed hersteld.');
  await expect(dialog).toContainText("EVV'er");
  await expectAccessibleAtAllSizes(page, 'Kaart geopend', (size) => testInfo.outputPath(`card-${size}.png`));
  await dialog.getByRole('button', { name: 'Sluiten' }).click();
  await expect(dialog).toHaveCount(0);

  // Dragging the timeline with the mouse moves it back in time.
  const scroller = page.getByRole('region', { name: 'Tijdslijn van het dossier' });
  const box = (await scroller.boundingBox())!;
  await page.mouse.move(box.x + 200, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 500, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(period).not.toHaveText(first ?? '');

  // Lezen: the list of the newest date, the chosen item, arrows to other dates.
  await page.getByRole('tab', { name: 'Lezen' }).click();
  const reader = page.getByTestId('dossier-read');
  await expect(reader).toHaveAttribute('data-ready', 'true');
  const entries = page.getByTestId('read-entry');
  await expect(entries.filter({ hasText: 'Bijzonderheden' })).toBeVisible();
  await expect(reader.getByTestId('dossier-item')).toContainText('De wond heeft zich goed hersteld.');
  await expectAccessibleAtAllSizes(page, 'Lezen', (size) => testInfo.outputPath(`read-${size}.png`));
  const date = page.getByTestId('read-date');
  const newest = await date.textContent();
  await page.getByRole('button', { name: 'Vorige datum' }).click();
  await expect(date).not.toHaveText(newest ?? '');
  await expect(entries.filter({ hasText: 'Bijzonderheden' })).toHaveCount(0);
  await expect(entries.first()).toBeVisible();
  // Back to the form "Afspraak = afspraak" six days ago: step back until it is listed.
  for (let i = 0; i < 6 && (await entries.filter({ hasText: 'Afspraak = afspraak' }).count()) === 0; i++) {
    await page.getByRole('button', { name: 'Vorige datum' }).click();
    await expect(reader).toHaveAttribute('data-ready', 'true');
  }
  await entries.filter({ hasText: 'Afspraak = afspraak' }).click();
  await expect(reader.getByTestId('dossier-item')).toContainText('Mevrouw belt de zusterpost');
  await page.getByRole('button', { name: 'Volgende datum' }).click();
  await expect(entries.filter({ hasText: 'Afspraak = afspraak' })).toHaveCount(0);

  // Plannen: the current plan; Historie opens an expired one, clearly marked.
  await page.getByRole('tab', { name: 'Plannen' }).click();
  const plan = page.getByTestId('plan');
  await expect(plan).toContainText('Zorgleefplan, versie 3');
  await expect(plan).toContainText('Hoofddoelen');
  await expect(plan).toContainText('Fysiotherapeut');
  await expect(plan).toContainText('De wond is goed hersteld.');
  await expect(page.getByTestId('plan-expired')).toHaveCount(0);
  await expectAccessibleAtAllSizes(page, 'Plannen', (size) => testInfo.outputPath(`plans-${size}.png`));
  await page.getByRole('button', { name: 'Historie' }).click();
  const versions = page.getByTestId('plan-version');
  await expect(versions).toHaveCount(2);
  await expect(versions.first()).toContainText('versie 2');
  await expect(versions.first()).toContainText('Geldig van');
  await expectAccessibleAtAllSizes(page, 'Historie', (size) => testInfo.outputPath(`history-${size}.png`));
  await versions.last().click();
  await expect(plan).toContainText('Zorgleefplan, versie 1');
  await expect(page.getByTestId('plan-expired')).toContainText(/Vervallen plan.*geldig van .* tot /);
  await expectAccessibleAtAllSizes(page, 'Vervallen plan', (size) => testInfo.outputPath(`expired-${size}.png`));
  await page.getByRole('button', { name: 'Terug naar het huidige plan' }).click();
  await expect(plan).toContainText('Zorgleefplan, versie 3');

  // Rapportage schrijven: empty is refused; saved, it waits for the next synchronisation.
  await page.getByRole('button', { name: 'Rapportage schrijven' }).click();
  const write = page.getByRole('dialog', { name: 'Rapportage schrijven' });
  await write.getByRole('button', { name: 'Opslaan' }).click();
  await expect(write.getByText('Vul dit veld in.')).toBeVisible();
  await expectAccessibleAtAllSizes(page, 'Rapportage schrijven', (size) => testInfo.outputPath(`write-${size}.png`));
  await write.getByLabel('Uw rapportage').fill('Vandaag met Annie naar de markt geweest. Het was gezellig.');
  await write.getByRole('button', { name: 'Opslaan' }).click();
  await expect(write).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Lezen' })).toHaveAttribute('aria-selected', 'true');
  const mine = reader.getByTestId('dossier-item');
  await expect(mine).toContainText('Vandaag met Annie naar de markt geweest.');
  await expect(mine).toContainText('Truus van Dorp');
  await expect(mine.getByTestId('pending-sync')).toContainText(
    'wordt bij de volgende synchronisatie naar het zorgdossier gestuurd',
  );
  await page.screenshot({ path: testInfo.outputPath('written-1024.png'), fullPage: true });
  await context.close();
});

test('a contact without the Dossier right sees no dossier', async ({ portal, browser }, testInfo) => {
  await portal.admin('member:rights', '--client', 'truus', '--username', 'annie', '--sections', 'afspraken');
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await signIn(page, portal, 'annie', 'Tulpenveld-Annie-1972', 'Annie van Dorp');
  await expect(page.getByRole('link', { name: /Mijn afspraken/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Mijn dossier/ })).toHaveCount(0);
  await page.goto(`${portal.url}/dossier`);
  await expect(page.getByTestId('no-access')).toHaveText('U heeft geen toegang tot dit onderdeel.');
  await expect(page.getByRole('tab')).toHaveCount(0);
  await expect(page.getByText('De wond heeft zich goed hersteld.')).toHaveCount(0);
  await expectAccessibleAtAllSizes(page, 'Dossier zonder recht', (size) =>
    testInfo.outputPath(`no-access-${size}.png`),
  );
  await context.close();
});
