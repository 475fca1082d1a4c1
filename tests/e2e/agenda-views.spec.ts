// The agenda's week and month views through the real UI (issue 3 §4): the view is chosen with Lijst / Week / Maand
// and kept in the address, the demo appointments show on their day, Vorige / Volgende / Vandaag move the period, an
// own appointment opens the change dialog and a care appointment opens read-only; on a phone the days stack.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { expectAccessibleAtAllSizes } from './axe.ts';
import type { PortalServer } from './portal-server.ts';

test.use({ portalFor: 'agenda-views' });

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

/** The Amsterdam date `days` days from now, 'YYYY-MM-DD' (the demo seed counts days the same way). */
function amsterdamDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}
const isMonday = (day: string) => new Date(`${day}T12:00:00Z`).getUTCDay() === 1;

test.beforeAll(async ({ portal }) => {
  await portal.admin('demo:seed');
});

test('week and month views show the agenda and open its appointments', async ({ portal, browser }, testInfo) => {
  test.setTimeout(240_000); // a long walk through both views at two sizes, with axe four times
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await signInTruus(page, portal);
  await page.goto(`${portal.url}/afspraken`);
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn afspraken' })).toBeVisible();
  const period = page.getByTestId('period');
  const items = page.getByTestId('calendar-appointment');
  const tomorrow = amsterdamDate(1);

  // Week: chosen with the switch, remembered in the address.
  await page.getByRole('button', { name: 'Week', exact: true }).click();
  await expect(page).toHaveURL(/weergave=week/);
  await expect(period).toHaveText(/^Week \d+: /);
  const thisWeek = (await period.textContent()) ?? '';
  // "Dochter komt eten" is tomorrow: next week when today is Sunday.
  if (isMonday(tomorrow)) await page.getByRole('button', { name: 'Volgende week' }).click();
  await expect(page.getByTestId('week-day')).toHaveCount(7);
  const dinner = items.filter({ hasText: 'Dochter komt eten' });
  await expect(dinner).toBeVisible();
  await expect(dinner).toContainText('18:00 – 20:00');
  await expectAccessibleAtAllSizes(page, 'Agenda week', (size) => testInfo.outputPath(`week-${size}.png`));

  // Volgende / Vorige / Vandaag.
  const shown = (await period.textContent()) ?? '';
  await page.getByRole('button', { name: 'Volgende week' }).click();
  await expect(period).not.toHaveText(shown);
  await expect(dinner).toHaveCount(0);
  await page.getByRole('button', { name: 'Vorige week' }).click();
  await expect(period).toHaveText(shown);
  await page.getByRole('button', { name: 'Volgende week' }).click();
  await page.getByRole('button', { name: 'Volgende week' }).click();
  await page.getByRole('button', { name: 'Vandaag', exact: true }).click();
  await expect(period).toHaveText(thisWeek);
  await expect(page.locator('[aria-current="date"]')).toHaveCount(1);

  // An own appointment opens the change dialog.
  await page.goto(`${portal.url}/afspraken?weergave=week&datum=${tomorrow}`);
  await dinner.click();
  const editDialog = page.getByRole('dialog', { name: 'Afspraak wijzigen' });
  await expect(editDialog.getByLabel('Omschrijving')).toHaveValue('Dochter komt eten');
  await expect(editDialog.getByLabel('Van', { exact: true })).toHaveValue('18:00');
  await editDialog.getByRole('button', { name: 'Annuleren' }).click();
  await expect(editDialog).toHaveCount(0);

  // A care appointment opens read-only (the one with Maria de Bruin is in three days).
  await page.goto(`${portal.url}/afspraken?weergave=week&datum=${amsterdamDate(3)}`);
  await items.filter({ hasText: "Bijzonderheden bespreken met de EVV'er" }).click();
  const view = page.getByRole('dialog', { name: 'Afspraak bekijken' });
  await expect(view).toContainText('Maria de Bruin');
  await expect(view).toContainText('Zorg');
  await expect(view.getByRole('button', { name: 'Opslaan' })).toHaveCount(0);
  await expectAccessibleAtAllSizes(page, 'Zorgafspraak bekijken', (size) => testInfo.outputPath(`care-${size}.png`));
  await view.getByRole('button', { name: 'Sluiten' }).click();
  await expect(view).toHaveCount(0);

  // Month: a calendar grid of whole weeks; a reload keeps the view.
  await page.goto(`${portal.url}/afspraken?weergave=week&datum=${tomorrow}`);
  await page.getByRole('button', { name: 'Maand', exact: true }).click();
  await expect(page).toHaveURL(/weergave=maand/);
  const monthName = new Intl.DateTimeFormat('nl', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${tomorrow}T12:00:00Z`),
  );
  await expect(period).toHaveText(monthName);
  await expect(page.getByRole('columnheader', { name: 'maandag' })).toBeVisible();
  const cell = page.getByTestId('month-day').filter({ has: items.filter({ hasText: 'Dochter komt eten' }) });
  await expect(cell).toHaveCount(1);
  await expect(cell).toContainText('18:00');
  await page.reload();
  await expect(period).toHaveText(monthName);
  await expectAccessibleAtAllSizes(page, 'Agenda maand', (size) => testInfo.outputPath(`month-${size}.png`));
  await page.getByRole('button', { name: 'Volgende maand' }).click();
  await expect(period).not.toHaveText(monthName);
  await page.getByRole('button', { name: 'Vorige maand' }).click();
  await expect(period).toHaveText(monthName);
  await items.filter({ hasText: 'Dochter komt eten' }).click();
  await expect(page.getByRole('dialog', { name: 'Afspraak wijzigen' })).toBeVisible();
  await page.getByRole('button', { name: 'Annuleren' }).click();

  // Phone size: the month becomes a list of days with appointments, the week's days stack.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.locator('table')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2 }).filter({ hasText: /\d/ }).first()).toBeVisible();
  await expect(items.filter({ hasText: 'Dochter komt eten' })).toContainText('18:00 – 20:00');
  await page.getByRole('button', { name: 'Week', exact: true }).click();
  const days = page.getByTestId('week-day');
  const first = await days.nth(0).boundingBox();
  const second = await days.nth(1).boundingBox();
  expect(second!.y).toBeGreaterThan(first!.y + first!.height - 1);
  expect(second!.x).toBeCloseTo(first!.x, 0);
  await page.getByRole('button', { name: 'Lijst', exact: true }).click();
  await expect(page).toHaveURL(/weergave=lijst/);
  await expect(page.getByTestId('appointment').filter({ hasText: 'Dochter komt eten' })).toBeVisible();
  await context.close();
});
