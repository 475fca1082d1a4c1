// Rights per section through the real UI (issue 3, §2 and §8): panels the user has no right to are not shown, a
// direct link says "U heeft geen toegang tot dit onderdeel", and a right given by the client shows up after a reload.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { expectAccessibleAtAllSizes } from './axe.ts';
import type { PortalServer } from './portal-server.ts';

test.use({ portalFor: 'rights' });

const PANELS = ['Mijn afspraken', 'Mijn berichten', 'Mijn dossier', 'Mijn gegevens'];
const NO_ACCESS = 'U heeft geen toegang tot dit onderdeel.';
const NO_RIGHTS =
  'U heeft nog geen toegang tot onderdelen van het portaal van Truus van Dorp. De cliënt of zijn vertegenwoordiger kan u toegang geven.';
const DEMO = {
  truus: 'Zonnebloem-Truus-1947',
  annie: 'Tulpenveld-Annie-1972',
} as const;

/** Logs a demo user in on a new device (the SMS code from the outbox) and waits for the home screen. */
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

async function expectPanels(page: Page, visible: string[]) {
  for (const panel of PANELS) {
    if (visible.includes(panel)) await expect(page.getByRole('heading', { name: panel })).toBeVisible();
    else await expect(page.getByRole('heading', { name: panel })).toHaveCount(0);
  }
}

test.beforeAll(async ({ portal }) => {
  await portal.admin('demo:seed');
});

test('a relative sees only the parts she has a right to', async ({ portal, browser }, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await signIn(page, portal, 'annie', 'Annie van Dorp');

  // No rights yet: no panels, a friendly text, and whose portal this is.
  await expectPanels(page, []);
  await expect(page.getByText(NO_RIGHTS)).toBeVisible();
  await expect(page.getByText('Portaal van Truus van Dorp', { exact: true })).toBeVisible();
  await expectAccessibleAtAllSizes(page, 'Startscherm zonder rechten', (size) =>
    testInfo.outputPath(`annie-no-rights-${size}.png`),
  );

  // A direct link: the section's heading and the message; the address stays.
  await page.goto(`${portal.url}/dossier`);
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn dossier' })).toBeVisible();
  await expect(page.getByText(NO_ACCESS)).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/dossier');
  await expectAccessibleAtAllSizes(page, 'Geen toegang', (size) => testInfo.outputPath(`annie-no-access-${size}.png`));

  // Truus gives Annie the right to Afspraken: after a reload only that panel, which opens.
  await portal.admin('member:rights', '--client', 'truus', '--username', 'annie', '--sections', 'afspraken');
  await page.goto(portal.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Welkom, Annie van Dorp' })).toBeVisible();
  await expectPanels(page, ['Mijn afspraken']);
  await expect(page.getByText(NO_RIGHTS)).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('annie-afspraken-desktop.png'), fullPage: true });

  await page.getByRole('link', { name: /Mijn afspraken/ }).click();
  await expect(page).toHaveURL(/\/afspraken$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn afspraken' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Afspraak toevoegen' })).toBeVisible();
  await expect(page.getByText(NO_ACCESS)).toHaveCount(0);

  await page.goto(`${portal.url}/berichten`);
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn berichten' })).toBeVisible();
  await expect(page.getByText(NO_ACCESS)).toBeVisible();

  // Taking the right away again works the same way.
  await portal.admin('member:rights', '--client', 'truus', '--username', 'annie', '--sections', 'geen');
  await page.goto(`${portal.url}/afspraken`);
  await expect(page.getByText(NO_ACCESS)).toBeVisible();
  await context.close();
});

test('the client sees all four panels in his own portal, in the organisation’s colour', async ({
  portal,
  browser,
}, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await signIn(page, portal, 'truus', 'Truus van Dorp');
  await expectPanels(page, PANELS);
  // In his own (only) portal nothing says whose portal it is, and there is nothing to switch.
  await expect(page.getByText('Portaal van')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Cliënt kiezen/ })).toHaveCount(0);
  // The demo server runs the Careyn preset: its colour (#005a70) is dark enough to stay as it is.
  await expect
    .poll(() =>
      page
        .locator('header')
        .first()
        .evaluate((el) => getComputedStyle(el).backgroundColor),
    )
    .toBe('rgb(0, 90, 112)');
  await expectAccessibleAtAllSizes(page, 'Startscherm van de cliënt', (size) =>
    testInfo.outputPath(`truus-home-${size}.png`),
  );

  await page.getByRole('link', { name: /Mijn dossier/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn dossier' })).toBeVisible();
  await expect(page.getByText(NO_ACCESS)).toHaveCount(0);

  await page.getByRole('link', { name: 'Informatie' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Informatie' })).toBeVisible();
  await expect(
    page.getByText('De gegevens uit het zorgdossier worden bijgewerkt: Elke dag om 08.00 en 20.00 uur'),
  ).toBeVisible();
  await context.close();
});

test('a relative of several clients switches between their portals, and the choice is remembered', async ({
  portal,
  browser,
}, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  // The CLI cannot link a contact to a second client yet: the list of clients is answered here instead.
  const none = { messages: false, appointments: false, dossier: false, data: false, settings: false };
  await page.route('**/api/v1/clients', (route) =>
    route.fulfill({
      json: {
        clients: [
          {
            id: 9001,
            displayName: 'Jan de Vries',
            role: 'contact',
            relation: 'Zoon',
            rights: { ...none, data: true },
            mayManage: false,
          },
          {
            id: 9002,
            displayName: 'Truus van Dorp',
            role: 'contact',
            relation: 'Dochter',
            rights: none,
            mayManage: false,
          },
        ],
      },
    }),
  );
  await signIn(page, portal, 'annie', 'Annie van Dorp');

  const switcher = page.getByRole('button', { name: /Cliënt kiezen/ });
  await expect(switcher).toContainText('Portaal van Jan de Vries');
  await expectPanels(page, ['Mijn gegevens']);
  await expectAccessibleAtAllSizes(page, 'Startscherm met cliëntkeuze', (size) =>
    testInfo.outputPath(`switcher-${size}.png`),
  );

  await switcher.click();
  const menu = page.getByRole('menu', { name: 'Cliënt kiezen' });
  await expect(menu.getByRole('menuitemradio', { name: 'Jan de Vries' })).toHaveAttribute('aria-checked', 'true');
  await expectAccessibleAtAllSizes(page, 'Cliënt kiezen (menu open)');
  await menu.getByRole('menuitemradio', { name: 'Truus van Dorp' }).click();
  await expect(switcher).toContainText('Portaal van Truus van Dorp');
  await expect(page.getByText(NO_RIGHTS)).toBeVisible();
  await expectPanels(page, []);

  await page.reload();
  await expect(page.getByRole('button', { name: /Cliënt kiezen/ })).toContainText('Portaal van Truus van Dorp');
  await context.close();
});
