// The EHR sync through the real UI (issue 6 §3): after a sync the new report is on the Tijdslijn and the panel shows
// the new "bijgewerkt tot"; a staff member sees the sync log. The EHR is the file-drop folder of the portal's own
// server (its own server, because the connection is a start-up setting); the run is started with the admin CLI, as
// the schedule would.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { expectAccessibleAtAllSizes } from './axe.ts';
import { startPortalServer, type PortalServer } from './portal-server.ts';
import { FILE_DROP_FORMAT } from '../../shared/sync/file-drop.ts';

let portal: PortalServer;

test.beforeAll(async () => {
  // The schedule's own pulls (Careyn: 08:00 and 20:00) moved to New Year's night: one at the moment of the test's
  // sync:run would make it answer "busy".
  portal = await startPortalServer({ PORTAL_SYNC_ADAPTER: 'file-drop', PORTAL_SYNC_PULL_CRON: '0 0 1 1 *' });
  await portal.admin('demo:seed');
  await portal.admin('client:link', '--username', 'truus', '--ehr-id', 'ecd-1001');
});
test.afterAll(async () => {
  await portal?.stop();
});

async function signIn(page: Page, username: string, password: string) {
  const before = portal.sms().length;
  await page.goto(portal.url);
  await page.getByLabel('Gebruikersnaam', { exact: true }).fill(username);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByLabel('Code', { exact: true }).fill(await portal.nextCode(before));
  await page.getByRole('button', { name: 'Code controleren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Welkom/ })).toBeVisible();
}

test('after a sync the new report is on the Tijdslijn and the panel says until when the data is up to date', async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await signIn(page, 'truus', 'Zonnebloem-Truus-1947');
  const panel = page.getByRole('link', { name: /Mijn dossier/ });
  const synced = panel.getByText(/bijgewerkt tot/);

  // The EHR drops a file with a report of a moment ago (later than every demo report, which are all from before the
  // seed); the sync takes it in.
  const occurredAt = new Date(Date.now() - 1000).toISOString();
  const dropDir = path.join(portal.dataDir, 'ehr-drop');
  fs.mkdirSync(dropDir, { recursive: true });
  fs.writeFileSync(
    path.join(dropDir, '0001-export.json'),
    JSON.stringify({
      format: FILE_DROP_FORMAT,
      version: 1,
      exportedAt: new Date().toISOString(),
      records: [
        {
          type: 'report',
          id: 'rap-e2e-1',
          client: 'ecd-1001',
          occurredAt,
          title: 'Middagrapportage',
          text: 'Mevrouw heeft genoten van de muziekmiddag in de huiskamer.',
          author: 'Fatima el Amrani',
          discipline: 'Verzorgende IG',
        },
      ],
    }),
  );
  expect(await portal.admin('sync:run')).toContain('Synchronisatie geslaagd: rapportages: 1 nieuw');
  expect(fs.readdirSync(path.join(dropDir, 'done'))).toEqual(['0001-export.json']);

  await page.reload();
  await expect(panel).toContainText('Middagrapportage');
  await expect(panel).toContainText('Fatima el Amrani');
  // The time of the run (the demo's rows were synced in the same minute, so it is compared with the staff view below).
  const after = (await synced.textContent())!.replace(/^.*bijgewerkt tot\s*/, '').trim();
  await panel.click();
  const cards = page.getByTestId('timeline-card');
  await expect(page.getByTestId('dossier-timeline')).toHaveAttribute('data-ready', 'true');
  await expect(cards.filter({ hasText: 'Middagrapportage' })).toBeInViewport();
  await cards.filter({ hasText: 'Middagrapportage' }).click();
  await expect(page.getByRole('dialog', { name: 'Middagrapportage' })).toContainText('genoten van de muziekmiddag');
  await context.close();

  // A staff member sees the same moment, and the run in the sync log.
  const staff = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const staffPage = await staff.newPage();
  await signIn(staffPage, 'anna', 'Kamperfoelie-Anna-1985');
  const card = staffPage.getByTestId('sync-status');
  // The drop folder is there, so the health check of the status route says the EHR answers.
  await expect(card.getByTestId('sync-health')).toHaveText('ECD bereikbaar');
  await expect(card.getByTestId('sync-last-success')).toHaveText(after);
  await expect(card).toContainText('Geslaagd · ophalen uit het ECD');
  await expect(card).toContainText('rapportages: 1 nieuw, 0 gewijzigd, 0 verwijderd');
  await expectAccessibleAtAllSizes(staffPage, 'Synchronisatie (medewerker)', (size) =>
    testInfo.outputPath(`sync-staff-${size}.png`),
  );
  await staff.close();
});
