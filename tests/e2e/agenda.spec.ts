// Mijn afspraken through the real UI (issue 3, §3 panel and §4 agenda): the home panel shows the first coming
// appointment with its staff member, the agenda lists eight weeks by day, care appointments are read-only, and the
// client adds, changes and deletes his own appointments.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { expectAccessibleAtAllSizes } from './axe.ts';
import type { PortalServer } from './portal-server.ts';

test.use({ portalFor: 'agenda' });

async function signInTruus(page: Page, portal: PortalServer) {
  await page.goto(`${portal.url}/inloggen`);
  const before = portal.sms().length;
  await page.getByLabel('Gebruikersnaam', { exact: true }).fill('truus');
  await page.getByLabel('Wachtwoord', { exact: true }).fill('Zonnebloem-Truus-1947');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByRole('heading', { name: 'Apparaat verificatie' })).toBeVisible();
  await page.getByLabel('Code', { exact: true }).fill(await portal.nextCode(before));
  await page.getByRole('button', { name: 'Code controleren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Welkom, Truus van Dorp' })).toBeVisible();
}

/** The Amsterdam date `days` days from now, 'YYYY-MM-DD'. */
function amsterdamDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

test.beforeAll(async ({ portal }) => {
  await portal.admin('demo:seed');
});

test('the client sees his coming appointments and keeps his own agenda', async ({ portal, browser }, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await signInTruus(page, portal);

  // Home panel: the first coming appointment, then the next ones, with the care staff member's photo.
  const panel = page.getByRole('link', { name: /Mijn afspraken/ });
  await expect(panel).toContainText('Dochter komt eten');
  await expect(panel).toContainText('18:00 – 20:00');
  await expect(panel).toContainText('Maria de Bruin');
  await expect(panel.getByRole('img', { name: 'Maria de Bruin' })).toBeVisible();
  await expect(panel).toContainText('bijgewerkt tot');
  await page.screenshot({ path: testInfo.outputPath('home-1024.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath('home-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1024, height: 768 });

  // The agenda.
  await panel.click();
  await expect(page).toHaveURL(/\/afspraken$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn afspraken' })).toBeVisible();
  const items = page.getByTestId('appointment');
  const care = items.filter({ hasText: 'Maria de Bruin' }).first();
  await expect(care).toContainText('Zorg');
  await expect(care.getByRole('img', { name: 'Maria de Bruin' })).toBeVisible();
  await expect(care.getByRole('button', { name: /wijzigen/i })).toHaveCount(0);
  await expect(care.getByRole('button', { name: /verwijderen/i })).toHaveCount(0);
  await expect(items.filter({ hasText: 'Dochter komt eten' }).getByRole('button', { name: /wijzigen/i })).toBeVisible();
  await expectAccessibleAtAllSizes(page, 'Agenda', (size) => testInfo.outputPath(`agenda-${size}.png`));

  // Add.
  await page.getByRole('button', { name: 'Afspraak toevoegen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Afspraak toevoegen' });
  await expect(dialog.getByRole('heading', { name: 'Afspraak toevoegen' })).toBeVisible();
  await expectAccessibleAtAllSizes(page, 'Afspraak toevoegen', (size) =>
    testInfo.outputPath(`agenda-dialog-${size}.png`),
  );
  // Errors under the fields.
  await dialog.getByRole('button', { name: 'Opslaan' }).click();
  await expect(dialog.getByText('Vul dit veld in.').first()).toBeVisible();
  await dialog.getByLabel('Datum').fill(amsterdamDate(10));
  await dialog.getByLabel('Van', { exact: true }).fill('14:00');
  await dialog.getByLabel('Tot', { exact: true }).fill('13:00');
  await dialog.getByLabel('Omschrijving').fill('Bezoek van Annie');
  await dialog.getByLabel('Locatie (optioneel)').fill('Thuis');
  await dialog.getByRole('button', { name: 'Opslaan' }).click();
  await expect(dialog.getByText('De eindtijd moet na de begintijd liggen.')).toBeVisible();
  await dialog.getByLabel('Tot', { exact: true }).fill('15:30');
  await dialog.getByRole('button', { name: 'Opslaan' }).click();
  await expect(dialog).toHaveCount(0);
  const annie = items.filter({ hasText: 'Bezoek van Annie' });
  await expect(annie).toBeVisible();
  await expect(annie).toContainText('14:00 – 15:30');
  await expect(annie).toContainText('Locatie: Thuis');
  await expect(annie).toContainText('gemaakt door Truus van Dorp');

  // Change.
  const editDialog = page.getByRole('dialog', { name: 'Afspraak wijzigen' });
  await annie.getByRole('button', { name: /wijzigen/i }).click();
  await expect(editDialog.getByLabel('Omschrijving')).toHaveValue('Bezoek van Annie');
  await expect(editDialog.getByLabel('Van', { exact: true })).toHaveValue('14:00');
  await editDialog.getByLabel('Omschrijving').fill('Bezoek van Annie en Kees');
  await editDialog.getByRole('button', { name: 'Opslaan' }).click();
  await expect(editDialog).toHaveCount(0);
  const changed = items.filter({ hasText: 'Bezoek van Annie en Kees' });
  await expect(changed).toBeVisible();

  // Delete: Nee keeps it, Ja removes it.
  await changed.getByRole('button', { name: /verwijderen/i }).click();
  await expect(
    page
      .getByRole('dialog', { name: 'Afspraak verwijderen' })
      .getByText('Weet u zeker dat u deze afspraak wilt verwijderen?'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Nee' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(changed).toBeVisible();
  await changed.getByRole('button', { name: /verwijderen/i }).click();
  await page.getByRole('button', { name: 'Ja', exact: true }).click();
  await expect(items.filter({ hasText: 'Bezoek van Annie' })).toHaveCount(0);
  await expect(items.filter({ hasText: 'Dochter komt eten' })).toBeVisible();

  // Eight-week windows: later and back.
  const period = page.getByTestId('period');
  const first = await period.textContent();
  await page.getByRole('button', { name: 'Latere afspraken' }).click();
  await expect(period).not.toHaveText(first ?? '');
  await expect(items.filter({ hasText: 'Dochter komt eten' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Eerdere afspraken' }).click();
  await expect(period).toHaveText(first ?? '');
  await expect(items.filter({ hasText: 'Dochter komt eten' })).toBeVisible();
  await context.close();
});
