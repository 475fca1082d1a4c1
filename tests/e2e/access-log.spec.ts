// "Wie heeft mijn dossier bekeken" and the Informatie page through the real UI (issue 3 §2, §4, §8): the client sees
// the relative's visit to the agenda, newest first and in plain Dutch, can filter by period, and reaches the page
// from the user menu and from Informatie; a contact is told she has no access.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { expectAccessibleAtAllSizes } from './axe.ts';
import type { PortalServer } from './portal-server.ts';

test.use({ portalFor: 'access-log' });

const DEMO = { truus: 'Zonnebloem-Truus-1947', annie: 'Tulpenveld-Annie-1972' } as const;
const NO_ACCESS = 'U heeft geen toegang tot dit onderdeel.';

async function signIn(page: Page, portal: PortalServer, username: keyof typeof DEMO, displayName: string) {
  await page.goto(`${portal.url}/inloggen`);
  const before = portal.sms().length;
  await page.getByLabel('Gebruikersnaam', { exact: true }).fill(username);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO[username]);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByRole('heading', { name: 'Apparaat verificatie' })).toBeVisible();
  await page.getByLabel('Code', { exact: true }).fill(await portal.nextCode(before));
  await page.getByRole('button', { name: 'Code controleren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Welkom, ${displayName}` })).toBeVisible();
}

/** The Amsterdam date `days` days from now, 'YYYY-MM-DD' (what a date field holds). */
function amsterdamDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

test.beforeAll(async ({ portal }) => {
  await portal.admin('demo:seed');
  await portal.admin('member:rights', '--client', 'truus', '--username', 'annie', '--sections', 'afspraken');
});

test('the client sees who looked at her agenda; a contact may not look', async ({ portal, browser }, testInfo) => {
  test.setTimeout(240_000);
  // Annie opens Truus's agenda, then tries the access log: no access, and no menu item for it.
  const annieContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const annie = await annieContext.newPage();
  await signIn(annie, portal, 'annie', 'Annie van Dorp');
  await annie.getByRole('link', { name: /Mijn afspraken/ }).click();
  await expect(annie.getByTestId('appointment').filter({ hasText: 'Dochter komt eten' })).toBeVisible();
  await annie.getByRole('button', { name: 'Annie van Dorp' }).click();
  await expect(annie.getByRole('menuitem', { name: 'Wie heeft mijn dossier bekeken' })).toHaveCount(0);
  await annie.keyboard.press('Escape');
  await annie.goto(`${portal.url}/wie-heeft-mijn-dossier-bekeken`);
  await expect(annie.getByRole('heading', { level: 1, name: 'Wie heeft mijn dossier bekeken' })).toBeVisible();
  await expect(annie.getByText(NO_ACCESS)).toBeVisible();
  await expectAccessibleAtAllSizes(annie, 'Wie heeft bekeken, geen toegang', (size) =>
    testInfo.outputPath(`access-log-denied-${size}.png`),
  );
  await annieContext.close();

  // Truus opens the page from the menu under her name.
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await signIn(page, portal, 'truus', 'Truus van Dorp');
  await page.getByRole('button', { name: 'Truus van Dorp' }).click();
  await page.getByRole('link', { name: 'Wie heeft mijn dossier bekeken' }).click();
  await expect(page).toHaveURL(/\/wie-heeft-mijn-dossier-bekeken$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Wie heeft mijn dossier bekeken' })).toBeVisible();
  await expect(page.getByLabel('Van', { exact: true })).toHaveValue(amsterdamDate(-30));
  await expect(page.getByLabel('Tot en met', { exact: true })).toHaveValue(amsterdamDate(0));

  const rows = page.getByTestId('access-entry');
  const annieRows = rows.filter({ hasText: 'Annie van Dorp' });
  // Newest first: Annie's agenda visit came after her home screen.
  await expect(annieRows.first()).toContainText('Afspraken bekeken');
  await expect(annieRows.first()).toContainText('Eerste relatie/contactpersoon');
  await expect(annieRows.filter({ hasText: 'Startscherm bekeken' })).not.toHaveCount(0);
  // Her own visits are listed too (the newest may be the photo on her Gegevens panel, so any of them).
  await expect(
    rows.filter({ hasText: 'Truus van Dorp (uzelf)' }).filter({ hasText: 'Startscherm bekeken' }),
  ).not.toHaveCount(0);
  await expect(page.getByTestId('truncated')).toHaveCount(0);
  await expectAccessibleAtAllSizes(page, 'Wie heeft mijn dossier bekeken', (size) =>
    testInfo.outputPath(`access-log-${size}.png`),
  );

  // The period filter: a month long ago is empty; a "tot" before "van" is refused; back to now shows Annie again.
  await page.getByLabel('Van', { exact: true }).fill(amsterdamDate(-90));
  await page.getByLabel('Tot en met', { exact: true }).fill(amsterdamDate(-60));
  await page.getByRole('button', { name: 'Tonen' }).click();
  await expect(page.getByText('In deze periode heeft niemand uw portaal bekeken.')).toBeVisible();
  await expect(rows).toHaveCount(0);
  await page.getByLabel('Van', { exact: true }).fill(amsterdamDate(0));
  await page.getByLabel('Tot en met', { exact: true }).fill(amsterdamDate(-1));
  await page.getByRole('button', { name: 'Tonen' }).click();
  await expect(page.getByText('De datum "tot en met" mag niet voor de datum "van" liggen.')).toBeVisible();
  await page.getByLabel('Tot en met', { exact: true }).fill(amsterdamDate(0));
  await page.getByRole('button', { name: 'Tonen' }).click();
  await expect(annieRows.first()).toContainText('Afspraken bekeken');

  // Phone size: the same entries as cards.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(annieRows.first()).toContainText('Afspraken bekeken');
  await page.setViewportSize({ width: 1024, height: 768 });

  // Informatie: help per panel, the organisation's support e-mail and video, and the way to this page.
  await page.getByRole('link', { name: 'Informatie' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Informatie' })).toBeVisible();
  for (const panel of ['Mijn afspraken', 'Mijn berichten', 'Mijn dossier', 'Mijn gegevens']) {
    await expect(page.getByRole('heading', { level: 3, name: panel })).toBeVisible();
  }
  await expect(page.getByText(/Kies Lijst, Week of Maand/)).toBeVisible();
  // The demo runs the Careyn preset: no messages to the care team (manual 002).
  await expect(page.getByText(/er kunnen geen berichten naar de zorg worden gestuurd/)).toBeVisible();
  await expect(page.getByTestId('support-mail')).toHaveAttribute('href', 'mailto:clientportaal@careyn.nl');
  await expect(page.getByRole('link', { name: /Instructiefilmpje bekijken/ })).toHaveAttribute(
    'href',
    'https://www.careyn.nl/clientportaal',
  );
  await expect(page.getByText(/Elke dag om 08.00 en 20.00 uur/)).toBeVisible();
  await expectAccessibleAtAllSizes(page, 'Informatie', (size) => testInfo.outputPath(`information-${size}.png`));
  await page.getByRole('link', { name: 'Bekijk wie uw dossier heeft bekeken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wie heeft mijn dossier bekeken' })).toBeVisible();
  await context.close();

  // Signed out, Informatie has the help but not the access log.
  const anon = await browser.newPage();
  await anon.goto(`${portal.url}/informatie`);
  await expect(anon.getByRole('heading', { level: 3, name: 'Mijn dossier' })).toBeVisible();
  await expect(anon.getByRole('link', { name: 'Bekijk wie uw dossier heeft bekeken' })).toHaveCount(0);
  await anon.close();
});
