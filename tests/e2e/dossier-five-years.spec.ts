// Mijn dossier with five years of daily reports (issue 3 §7: the timeline must stay smooth): the Tijdslijn renders
// only the days in view, however long the dossier; dragging to the start loads that period on demand; Lezen and
// Historie work on the same dossier. It starts its own portal (not the fixture's), as it writes to the database
// beside the running server before any test of the file runs.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { test as base, expect } from '@playwright/test';
import { startPortalServer, type PortalServer } from './portal-server.ts';
import { seedDossier } from '../../server/demo/scale/dossier.ts';

async function signInTruus(
  page: Page,
  portal: { url: string; sms(): unknown[]; nextCode(n: number): Promise<string> },
) {
  await page.goto(`${portal.url}/inloggen`);
  const before = portal.sms().length;
  await page.getByLabel('Gebruikersnaam', { exact: true }).fill('truus');
  await page.getByLabel('Wachtwoord', { exact: true }).fill('Zonnebloem-Truus-1947');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByLabel('Code', { exact: true }).fill(await portal.nextCode(before));
  await page.getByRole('button', { name: 'Code controleren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Welkom, Truus van Dorp' })).toBeVisible();
}

const test = base.extend<{ portal: PortalServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern for fixtures
  portal: async ({}, use) => use(own!),
});
let own: PortalServer | undefined;

test.afterAll(async () => {
  await own?.stop();
});

test.beforeAll(async () => {
  own = await startPortalServer();
  const portal = own;
  await portal.admin('demo:seed');
  // Five years of daily reports, forms, notices and monthly plans for Truus, written beside the running server.
  const db = new Database(path.join(portal.dataDir, 'portal.sqlite'));
  db.pragma('busy_timeout = 5000');
  const client = db
    .prepare(`SELECT c.id FROM clients c JOIN users u ON u.id = c.user_id WHERE u.username = 'truus'`)
    .get() as { id: number };
  let seed = 7;
  const now = new Date();
  db.transaction(() =>
    seedDossier(
      {
        db,
        rng: () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31,
        now,
        from: new Date(now.getTime() - 5 * 365 * 86_400_000),
        staff: [{ id: 1, name: 'Maria de Bruin' }],
      },
      { clientId: client.id, clientUserId: 0, clientName: 'Truus van Dorp', contactUserIds: [] },
    ),
  )();
  db.close();
});

test('five years of reports: the timeline renders only what is in view and loads the rest on demand', async ({
  portal,
  page,
}) => {
  test.setTimeout(180_000);
  await signInTruus(page, portal);
  await expect(page.getByTestId('dossier-summary')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('home-1024.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath('home-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1024, height: 768 });
  const started = Date.now();
  await page.goto(`${portal.url}/dossier?tab=tijdslijn`);
  const timeline = page.locator('[data-testid="dossier-timeline"][data-ready="true"]');
  await expect(timeline).toBeVisible();
  const shownAfter = Date.now() - started;
  const cards = page.getByTestId('timeline-card');
  await expect(cards.first()).toBeVisible();
  // ~1 830 days of reports, but only the days in view plus a margin are in the DOM.
  expect(await cards.count()).toBeLessThan(40);
  expect(await page.locator('.day').count()).toBeLessThan(20);
  const period = page.getByTestId('timeline-period');
  const newest = await period.textContent();

  // Jump to the very start (as a long drag would): that period loads and is shown, still only a window of days.
  await page.getByRole('region', { name: 'Tijdslijn van het dossier' }).evaluate((el) => (el.scrollLeft = 0));
  await expect(period).not.toHaveText(newest ?? '');
  await expect(page.getByRole('button', { name: 'Eerdere onderdelen' })).toBeDisabled();
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBeLessThan(40);

  // Switching tabs on the loaded page: how long until each tab shows its data (a figure for the report, not a test).
  for (const [tab, testId] of [
    ['Lezen', 'dossier-read'],
    ['Tijdslijn', 'dossier-timeline'],
  ] as const) {
    const t0 = Date.now();
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.locator(`[data-testid="${testId}"][data-ready="true"]`)).toBeVisible();
    console.log(`${tab} ready ${Date.now() - t0} ms after the tab click`);
  }

  // Lezen opens on the newest date and steps back a date.
  await page.goto(`${portal.url}/dossier?tab=lezen`);
  await expect(page.locator('[data-testid="dossier-read"][data-ready="true"]')).toBeVisible();
  const date = page.getByTestId('read-date');
  const first = await date.textContent();
  await page.getByRole('button', { name: 'Vorige datum' }).click();
  await expect(date).not.toHaveText(first ?? '');

  // Historie lists about sixty monthly versions (plus the demo's two).
  await page.getByRole('tab', { name: 'Plannen' }).click();
  await page.getByRole('button', { name: 'Historie' }).click();
  await expect(page.getByTestId('plan-version').nth(55)).toBeVisible();
  test.info().annotations.push({ type: 'tijdslijn-ms', description: String(shownAfter) });
  console.log(`Tijdslijn with five years shown after ${shownAfter} ms (page load included)`);
});
