// The EHR sync over FHIR R4 through the real UI (issue 6 §3), against a real third-party FHIR server: Medplum's
// FhirRouter and MemoryRepository behind tests/helpers/fhir-server.ts, started here in the Playwright process on a free
// 127.0.0.1 port. The portal server is its own (the connection is a start-up setting): PORTAL_SYNC_ADAPTER=fhir with the
// peer's URL and bearer token, the client number taken from the fixtures' client-id system.
// - Pull: the EHR holds Truus' Patient (tests/fixtures/fhir) and gets a new nursing Observation (a discipline category,
//   the performer a Practitioner whose name the adapter reads); `sync:run` takes it in, as the schedule would. Truus
//   then sees it on the home panel "Mijn dossier", whose "bijgewerkt tot" moved from the demo's seeding to the run, and
//   on the Tijdslijn, where the card opens it.
// - Push: Truus writes a client report in the Dossier; it waits for the next synchronisation. The admin CLI has no push
//   command (sync:run only pulls), so the push here is the server's own scheduler: PORTAL_SYNC_PUSH_CRON every second.
//   While the EHR is down the pushes fail and the report stays unsent; once it is back the report arrives as one
//   Observation performed by the client, later pushes send nothing again, a pull does not read it back as a nursing
//   report, and after a reload the Dossier shows it as sent to the zorgdossier.
// The scheduled pull is moved to New Year's night so it cannot run into the CLI's runs. Both servers stop in afterAll.
import { test, expect, type Browser, type Page } from '@playwright/test';
import type { Observation, Patient, Practitioner } from '@medplum/fhirtypes';
import { startPortalServer, type PortalServer } from './portal-server.ts';
import { startFhirServer, type TestFhirServer } from '../helpers/fhir-server.ts';
import { CLIENT_ID_SYSTEM, DISCIPLINE_SYSTEM, FIXTURE_CLIENTS, fixtureResources } from '../fixtures/fhir/load.ts';
import { PORTAL_REPORT_SYSTEM } from '../../server/sync/fhir-mapping.ts';

const SOURCE = 'ecd';
const TRUUS = FIXTURE_CLIENTS.truus;
const AUTHOR = 'prac-marieke-de-vries';

let fhir: TestFhirServer | undefined;
let portal: PortalServer;
/** When demo:seed had finished: the demo's rows say "bijgewerkt tot" that minute. */
let seededAt: number;

test.beforeAll(async () => {
  fhir = await startFhirServer();
  portal = await startPortalServer({
    PORTAL_SYNC_ADAPTER: 'fhir',
    PORTAL_SYNC_SOURCE: SOURCE,
    PORTAL_FHIR_URL: fhir.url,
    PORTAL_FHIR_TOKEN: fhir.token,
    PORTAL_FHIR_CLIENT_ID_SYSTEM: CLIENT_ID_SYSTEM,
    PORTAL_FHIR_SWEEP_HOURS: '0',
    PORTAL_SYNC_PULL_CRON: '0 0 1 1 *',
    PORTAL_SYNC_PUSH_CRON: '* * * * * *',
  });
  await portal.admin('demo:seed');
  seededAt = Date.now();
  expect(await portal.admin('client:link', '--username', 'truus', '--ehr-id', TRUUS.ehrId)).toContain(
    `gekoppeld aan ${TRUUS.ehrId} in het ECD (${SOURCE})`,
  );
  // What the EHR already holds: Truus' Patient (client number 1001 under CLIENT_ID_SYSTEM) and her nurse.
  for (const r of fixtureResources()) {
    if ((r.resourceType === 'Patient' && r.id === TRUUS.patientId) || r.id === AUTHOR) {
      await fhir.update(r as Patient | Practitioner);
    }
  }
});
test.afterAll(async () => {
  await portal?.stop();
  await fhir?.stop();
});

async function signInTruus(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  const before = portal.sms().length;
  await page.goto(portal.url);
  await page.getByLabel('Gebruikersnaam', { exact: true }).fill('truus');
  await page.getByLabel('Wachtwoord', { exact: true }).fill('Zonnebloem-Truus-1947');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByLabel('Code', { exact: true }).fill(await portal.nextCode(before));
  await page.getByRole('button', { name: 'Code controleren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Welkom/ })).toBeVisible();
  return page;
}

/** "14:05": how the renderer ends a "bijgewerkt tot" time (nl, Amsterdam, 24 h). */
const amsterdamTime = (iso: string) =>
  new Intl.DateTimeFormat('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));

const portalObservations = async () =>
  (await fhir!.search<Observation>('Observation', { _count: '1000' })).filter((o) =>
    o.identifier?.some((i) => i.system === PORTAL_REPORT_SYSTEM),
  );
const observationPosts = () => fhir!.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/Observation'));

test('after a FHIR sync the new report is on the Tijdslijn and the panel says until when the data is up to date', async ({
  browser,
}) => {
  // Up to a minute of it is waiting for the clock: see below.
  test.setTimeout(180_000);
  const page = await signInTruus(browser);
  const panel = page.getByRole('link', { name: /Mijn dossier/ });
  const synced = panel.getByText(/bijgewerkt tot/);
  const syncedText = async () => (await synced.textContent())!.replace(/^.*bijgewerkt tot\s*/, '').trim();
  await expect(synced).toBeVisible();
  const before = await syncedText();

  // "bijgewerkt tot" shows minutes: a run in the seeding's minute would show the same text. Wait for the next one.
  while (Math.floor(Date.now() / 60_000) === Math.floor(seededAt / 60_000)) {
    await new Promise((r) => setTimeout(r, 250));
  }
  // The EHR gets a nursing report of a moment ago (newer than all the demo's rows, which are older than the seeding).
  await fhir!.update<Observation>({
    resourceType: 'Observation',
    id: 'obs-1001-e2e',
    identifier: [{ system: 'https://ehr.example.nl/fhir/NamingSystem/rapportage-id', value: '1001-e2e' }],
    status: 'final',
    category: [
      {
        coding: [{ system: DISCIPLINE_SYSTEM, code: 'VV', display: 'Verpleging en verzorging' }],
        text: 'Verpleging en verzorging',
      },
    ],
    code: { text: 'Avondrapportage' },
    subject: { reference: `Patient/${TRUUS.patientId}` },
    effectiveDateTime: new Date(Date.now() - 2_000).toISOString(),
    performer: [{ reference: `Practitioner/${AUTHOR}` }],
    valueString: 'Mevrouw heeft met haar buurvrouw naar het Sinterklaasjournaal gekeken en goed gegeten.',
  });

  const run = await portal.admin('sync:run');
  expect(run).toContain('Synchronisatie geslaagd');
  expect(run).toContain('rapportages: 1 nieuw, 0 gewijzigd, 0 verwijderd, 0 overgeslagen');
  // The adapter asked the peer, with the token, for what changed.
  const searches = fhir!.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/Observation'));
  expect(searches.length).toBeGreaterThan(0);
  expect(searches.every((r) => r.headers.authorization === `Bearer ${fhir!.token}` && r.status === 200)).toBe(true);
  const lastSuccess = /Laatste geslaagde synchronisatie: (\S+)/.exec(await portal.admin('sync:status'))![1]!;
  expect(Date.parse(lastSuccess)).toBeGreaterThan(seededAt);

  await page.reload();
  await expect(panel).toContainText('Avondrapportage');
  await expect(panel).toContainText('Marieke de Vries');
  await expect(panel).toContainText('Sinterklaasjournaal');
  const after = await syncedText();
  expect(after).not.toBe(before);
  expect(after.endsWith(amsterdamTime(lastSuccess))).toBe(true);

  await panel.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn dossier' })).toBeVisible();
  await expect(page.getByText(/^bijgewerkt tot/)).toHaveText(`bijgewerkt tot ${after}`);
  const cards = page.getByTestId('timeline-card');
  await expect(page.getByTestId('dossier-timeline')).toHaveAttribute('data-ready', 'true');
  const card = cards.filter({ hasText: 'Avondrapportage' });
  await expect(card).toHaveCount(1);
  await expect(card).toBeInViewport();
  await card.click();
  const dialog = page.getByRole('dialog', { name: 'Avondrapportage' });
  await expect(dialog).toContainText('naar het Sinterklaasjournaal gekeken');
  await expect(dialog).toContainText('Marieke de Vries');
  await expect(dialog).toContainText('Verpleging en verzorging');
  await page.context().close();
});

test('a client report written in the Dossier reaches the FHIR server once and then shows as sent', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const text = 'Vandaag met Annie naar de markt in Utrecht geweest. Het was gezellig.';
  // The EHR is unreachable when the report is written: the pushes of the next seconds fail.
  fhir!.setDown(true);
  const page = await signInTruus(browser);
  await page.getByRole('link', { name: /Mijn dossier/ }).click();
  await page.getByRole('button', { name: 'Rapportage schrijven' }).click();
  const write = page.getByRole('dialog', { name: 'Rapportage schrijven' });
  await write.getByLabel('Uw rapportage').fill(text);
  const writtenAt = fhir!.requests.length;
  await write.getByRole('button', { name: 'Opslaan' }).click();
  await expect(write).toHaveCount(0);
  const reader = page.getByTestId('dossier-read');
  const mine = reader.getByTestId('dossier-item');
  await expect(mine).toContainText(text);
  await expect(mine.getByTestId('pending-sync')).toContainText(
    'wordt bij de volgende synchronisatie naar het zorgdossier gestuurd',
  );

  // A push tried (and got 503), so the report is still unsent: after a reload it still waits.
  await expect
    .poll(() => fhir!.requests.slice(writtenAt).filter((r) => r.status === 503).length, { timeout: 15_000 })
    .toBeGreaterThan(0);
  await page.reload();
  await expect(reader).toHaveAttribute('data-ready', 'true');
  await expect(mine).toContainText(text);
  await expect(mine.getByTestId('pending-sync')).toBeVisible();
  expect(await portalObservations()).toEqual([]);

  // The EHR is back: the next push creates the Observation, about and by the client.
  fhir!.setDown(false);
  await expect.poll(async () => (await portalObservations()).length, { timeout: 15_000 }).toBe(1);
  const arrived = new Date().toISOString();
  const [obs] = await portalObservations();
  expect(obs).toMatchObject({
    status: 'final',
    code: { text: 'Cliëntrapportage' },
    subject: { reference: `Patient/${TRUUS.patientId}` },
    performer: [{ reference: `Patient/${TRUUS.patientId}` }],
    valueString: text,
    note: [{ authorString: 'Truus van Dorp', text: 'Geschreven in het cliëntportaal' }],
  });
  // The push found the Patient by the configured client number.
  expect(
    fhir!.requests.some(
      (r) => r.path.endsWith('/Patient') && r.query.identifier === `${CLIENT_ID_SYSTEM}|${TRUUS.ehrId}`,
    ),
  ).toBe(true);

  // Later pushes (every second) run and send nothing again; a pull does not take it back in as a nursing report.
  await expect
    .poll(
      async () =>
        [...(await portal.admin('sync:status')).matchAll(/versturen (\S+) – \S+ geslaagd: cliëntrapportages: 0 nieuw/g)]
          .map((m) => m[1]!)
          .some((startedAt) => startedAt > arrived),
      { timeout: 20_000 },
    )
    .toBe(true);
  const pull = await portal.admin('sync:run');
  expect(pull).toContain('Synchronisatie geslaagd');
  expect(pull).not.toMatch(/rapportages: [1-9]/);
  expect(await portalObservations()).toHaveLength(1);
  expect(observationPosts().map((r) => r.status)).toEqual([201]);

  // Shown as sent ("Naar het zorgdossier gestuurd op …"), once.
  await page.reload();
  await expect(reader).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('read-entry').filter({ hasText: 'Cliëntrapportage' })).toHaveCount(1);
  await expect(mine).toContainText(text);
  await expect(mine).toContainText(/Naar het zorgdossier gestuurd op \d{1,2} \S+ \d{4}/);
  await expect(mine.getByTestId('pending-sync')).toHaveCount(0);
  await page.context().close();
});
