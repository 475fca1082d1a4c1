// The EHR sync through the FHIR R4 adapter (issue 6 §1–§3) against a real third-party FHIR server (Medplum's router,
// tests/helpers/fhir-server.ts) loaded with the fixtures, and the real portal's SQLite file: the first import, a
// second run that changes nothing, updates and deletes, many pages, an EHR that fails mid-run, a push that reaches
// the EHR once although retried, a wrong token, a next link elsewhere.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Appointment, Observation } from '@medplum/fhirtypes';
import { DossierPath } from '../../shared/api/dossier.ts';
import { loadConfig } from '../../server/config.ts';
import { linkClientToEhr, readCursor } from '../../server/db/repos/sync-runs.ts';
import { configuredAdapter } from '../../server/sync/adapters.ts';
import type { FhirAdapterOptions } from '../../server/sync/fhir-adapter.ts';
import { PORTAL_REPORT_SYSTEM } from '../../server/sync/fhir-mapping.ts';
import { runPull } from '../../server/sync/run-pull.ts';
import { runPush } from '../../server/sync/run-push.ts';
import { startFhirServer, type TestFhirServer } from '../helpers/fhir-server.ts';
import { peerAdapter } from '../helpers/fhir-adapter.ts';
import { onClose } from '../helpers/cleanup.ts';
import { CLIENT_ID_SYSTEM, FIXTURE_CLIENTS, loadBulk, loadFixtures, makeObservations } from '../fixtures/fhir/load.ts';
import { closeAll, count, makeTempDir, signIn, startTestPortal, type TestPortal } from '../helpers/portal.ts';

const SOURCE = 'ecd';
let fhir: TestFhirServer;
let tp: TestPortal;
let truus: Awaited<ReturnType<TestPortal['createUser']>>;

beforeEach(async () => {
  fhir = await startFhirServer();
  await loadFixtures(fhir);
  tp = await startTestPortal({
    PORTAL_SYNC_ADAPTER: 'fhir',
    PORTAL_FHIR_URL: fhir.url,
    PORTAL_FHIR_TOKEN: fhir.token,
    PORTAL_SYNC_SOURCE: SOURCE,
    PORTAL_FHIR_SWEEP_HOURS: '0',
  });
  truus = await tp.createUser({ username: 'truus' });
  const kees = await tp.createUser({ username: 'kees', name: 'Kees Jansen', mobile: '+31611111111' });
  // What `client:link --ehr-id` links: the client number in the EHR (the Patient's `usual` identifier).
  tp.portal.db.transaction(() => {
    linkClientToEhr(tp.portal.db, SOURCE, FIXTURE_CLIENTS.truus.ehrId, truus.clientId, 't');
    linkClientToEhr(tp.portal.db, SOURCE, FIXTURE_CLIENTS.kees.ehrId, kees.clientId, 't');
  })();
});
afterEach(closeAll);

const adapter = (o: Partial<FhirAdapterOptions> = {}) => peerAdapter(tp, fhir, SOURCE, o);
const deps = () => ({ db: tp.portal.db, clock: tp.clock });
const pull = (o: Partial<FhirAdapterOptions> = {}) => runPull(deps(), adapter(o));
const item = (id: string) =>
  tp.portal.db
    .prepare(
      `SELECT kind, client_id, occurred_at, title, body, fields, author_name, discipline, source
       FROM dossier_items WHERE external_id = ?`,
    )
    .get(id) as Record<string, unknown> | undefined;
const reports = () => count(tp, 'dossier_items', `kind = 'report' AND source = '${SOURCE}'`);
const cursor = () => JSON.parse(readCursor(tp.portal.db, SOURCE)!) as Record<string, string>;
const snapshot = () =>
  ['dossier_items', 'appointments', 'staff_members'].map((t) =>
    tp.portal.db.prepare(`SELECT * FROM ${t} ORDER BY id`).all(),
  );
const fixtureObs = (id: string) => fhir.read<Observation>('Observation', id);
const obsRequests = () => fhir.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/Observation'));
/** The incremental searches, not the id sweep's. */
const passRequests = () => obsRequests().filter((r) => r.query._sort === '_lastUpdated');

describe('FHIR pull', () => {
  it('imports the fixtures: reports, forms, appointments with staff and photo, each row with its source', async () => {
    const configured = configuredAdapter(tp.config, tp.clock, tp.portal.db)!;
    expect(await configured.health()).toEqual({ ok: true });
    const result = await runPull(deps(), configured);
    expect([result.status, result.error]).toEqual(['succeeded', null]);
    expect(result.counts).toEqual({
      // Truus' entered-in-error report: a delete of a report the portal never had. The body weight is no report.
      report: { created: 8, updated: 0, deleted: 0, skipped: 1 },
      form: { created: 2, updated: 0, deleted: 0, skipped: 0 },
      // Kees' cancelled appointment likewise; Marieke de Vries is on three appointments, Ahmed El Amrani on one.
      appointment: { created: 4, updated: 0, deleted: 0, skipped: 1 },
      staff: { created: 2, updated: 0, deleted: 0, skipped: 2 },
      // The clients' own data (tests/integration/sync-fhir-client-data.test.ts): two Patients, four RelatedPersons,
      // three CarePlans (Truus' 2026 plan is version 2 of her 2025 one: the one "plan is gewijzigd" notice).
      person: { created: 2, updated: 0, deleted: 0, skipped: 0 },
      contact: { created: 4, updated: 0, deleted: 0, skipped: 0 },
      plan: { created: 3, updated: 0, deleted: 0, skipped: 0 },
      notice: { created: 1, updated: 0, deleted: 0, skipped: 0 },
    });
    expect(item('obs-1001-000')).toEqual({
      kind: 'report',
      client_id: truus.clientId,
      occurred_at: '2026-07-14T07:05:00.000Z',
      title: 'Controle huid',
      body: expect.stringMatching(/^Huid rond het linkeronderbeen/),
      fields: null,
      author_name: 'Marieke de Vries',
      discipline: 'Verpleging en verzorging',
      source: SOURCE,
    });
    expect(item('obs-1001-002')!.body).toMatch(/duizelig bij het opstaan/); // text as a note
    expect(item('obs-1001-003')!.discipline).toBe('Fysiotherapie');
    expect(item('obs-1002-gewicht')).toBeUndefined();
    expect(item('obs-1001-004')).toBeUndefined();
    const form = item('qr-1001-001')!;
    expect([form.kind, form.title, form.author_name]).toEqual(['form', 'Afspraak = afspraak', 'Marieke de Vries']);
    expect(JSON.parse(form.fields as string)).toEqual(
      expect.arrayContaining([
        { label: 'Tijdvak van het bezoek', value: 'Tussen 08:00 en 09:00 uur' },
        { label: 'Afgesproken op', value: '02-10-2026' },
        { label: 'Akkoord cliënt', value: 'Ja' },
      ]),
    );
    const appointment = tp.portal.db
      .prepare(
        `SELECT a.client_id, a.starts_at, a.location, a.source, s.display_name, s.role, s.photo, s.photo_type
         FROM appointments a JOIN staff_members s ON s.id = a.staff_member_id WHERE a.external_id = 'appt-1001-001'`,
      )
      .get() as Record<string, unknown>;
    expect(appointment).toMatchObject({
      client_id: truus.clientId,
      starts_at: '2026-12-08T07:00:00.000Z',
      location: 'Bij de cliënt thuis',
      source: SOURCE,
      display_name: 'Marieke de Vries',
      role: 'Wijkverpleegkundige',
      photo_type: 'image/png',
    });
    expect((appointment.photo as Buffer).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(count(tp, 'appointments', `external_id = 'appt-1002-002'`)).toBe(0);
    // One page per type, then the id sweep; every request with the token.
    expect(Object.keys(cursor()).sort()).toEqual([
      'Appointment',
      'CarePlan',
      'Observation',
      'Patient',
      'QuestionnaireResponse',
      'RelatedPerson',
      'sweptAt',
    ]);
    expect(fhir.requests.every((r) => r.path.endsWith('/metadata') || r.status === 200)).toBe(true);
  });

  it('a second run changes nothing: no row is written again; it asks only for what changed since the cursor', async () => {
    await pull();
    const before = snapshot();
    const seen = cursor();
    tp.advance(60 * 60 * 1000);
    const again = await pull();
    expect(again.status).toBe('succeeded');
    for (const c of Object.values(again.counts)) expect([c.created, c.updated, c.deleted]).toEqual([0, 0, 0]);
    expect(snapshot()).toEqual(before);
    expect(passRequests().at(-1)!.query).toMatchObject({
      _lastUpdated: `ge${seen.Observation}`,
      _sort: '_lastUpdated',
      _count: '200',
    });
  });

  it('an update updates the report; entered-in-error, cancelled and a hard delete disappear', async () => {
    await pull();
    await fhir.update({ ...(await fixtureObs('obs-1001-001')), valueString: 'Aangevuld: ook goed gedronken.' });
    await fhir.update({ ...(await fixtureObs('obs-1001-003')), status: 'entered-in-error' });
    await fhir.update({ ...(await fhir.read<Appointment>('Appointment', 'appt-1001-002')), status: 'cancelled' });
    await fhir.delete('Observation', 'obs-1001-002');
    const result = await pull();
    expect(result.status).toBe('succeeded');
    expect(result.counts.report).toMatchObject({ updated: 1, deleted: 2 });
    expect(result.counts.appointment).toMatchObject({ deleted: 1 });
    expect(item('obs-1001-001')!.body).toBe('Aangevuld: ook goed gedronken.');
    expect(item('obs-1001-003')).toBeUndefined();
    expect(item('obs-1001-002')).toBeUndefined();
    expect(count(tp, 'appointments', `external_id = 'appt-1001-002' AND deleted_at IS NOT NULL`)).toBe(1);
    // Without the portal's ids (or before the sweep is due) a hard delete is not noticed.
    await fhir.delete('Observation', 'obs-1001-005');
    await pull({ portalIds: undefined });
    await pull({ sweepEveryMs: 60 * 60 * 1000 });
    expect(item('obs-1001-005')).toBeDefined();
  });

  it('a resource that cannot be read is reported and fails the run; the rest of its page is imported', async () => {
    const base = { resourceType: 'Observation', status: 'final', code: { text: 'Rapportage' } } as const;
    await fhir.update<Observation>({
      ...base,
      id: 'obs-zonder-tijd',
      subject: { reference: `Patient/${FIXTURE_CLIENTS.truus.patientId}` },
      valueString: 'Wanneer was dit?',
    });
    const result = await pull();
    expect([result.status, result.error]).toEqual(['failed', '1 batch(es) refused']);
    expect(result.problems).toEqual([
      { where: 'Observation/obs-zonder-tijd', message: expect.stringMatching(/^occurredAt \(effective\[x\]/) },
    ]);
    expect(reports()).toBe(8);
  });

  it('the client number is the configured identifier, never the BSN; an unlinked client is reported', async () => {
    tp.portal.db.transaction(() =>
      linkClientToEhr(tp.portal.db, SOURCE, FIXTURE_CLIENTS.truus.bsn, truus.clientId, 't'),
    )();
    const result = await pull({ clientIdSystem: CLIENT_ID_SYSTEM });
    expect(result.problems).toContainEqual({
      where: 'Observation page 1: report obs-1001-000',
      message: `client ${FIXTURE_CLIENTS.truus.ehrId} is not linked`,
    });
    expect(result.counts.report!.created).toBe(3); // Kees' only
    expect(count(tp, 'dossier_items', `client_id = ${truus.clientId}`)).toBe(0);
  });

  it('pages through 500 generated reports 50 at a time, and a change during the paging skips nothing', async () => {
    const patients = [FIXTURE_CLIENTS.truus.patientId, FIXTURE_CLIENTS.kees.patientId];
    await loadBulk(fhir, makeObservations(500, patients));
    // While page 2 is asked for, the EHR changes a report of page 1: it moves to the end, the rest shifts by one.
    const log = fhir.requests.push.bind(fhir.requests);
    let changed = false;
    fhir.requests.push = (...entries) => {
      if (!changed && entries[0]?.query._offset === '50') {
        changed = true;
        void fixtureObs('obs-1002-003').then((o) => fhir.update({ ...o, valueString: 'Gewijzigd tijdens het lezen.' }));
      }
      return log(...entries);
    };
    const result = await pull({ pageSize: 50 });
    expect(result.status).toBe('succeeded');
    expect(reports()).toBe(8 + 500);
    // Their performers carry no display: the names come from the Practitioners, read once per run.
    expect(item('gen-obs-0000006')).toMatchObject({ author_name: 'Ahmed El Amrani', discipline: 'Fysiotherapie' });
    expect(fhir.requests.filter((r) => r.path.endsWith('/Practitioner'))).toHaveLength(1);
    expect(item('obs-1002-003')!.body).toBe('Gewijzigd tijdens het lezen.');
    const passes = passRequests();
    expect(passes.every((r) => r.query._count === '50')).toBe(true);
    expect(passes).toHaveLength(11 * 2); // 510 in 11 pages; the disturbed pass is read once more
  });

  it('the EHR down mid-run: the committed pages stay with their cursor, nothing of the failed page; then it completes', async () => {
    await loadBulk(fhir, makeObservations(500, [FIXTURE_CLIENTS.truus.patientId]));
    // Page 1 with its Patient and Practitioner searches, then pages 2 and 3; page 4 gets 503.
    fhir.downAfter(5);
    const failed = await pull({ pageSize: 50 });
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^FHIR server answered 503 on GET \/fhir\/R4\/Observation/);
    // 150 resources in three whole pages: the fixtures' 10 (8 reports) and 140 generated ones.
    expect(reports()).toBe(8 + 140);
    const sorted = await fhir.search<Observation>('Observation', { _sort: '_lastUpdated', _count: '1000' });
    expect(cursor().Observation).toBe(sorted[149]!.meta!.lastUpdated);
    fhir.setDown(false);
    const from = fhir.requests.length;
    const next = await pull({ pageSize: 50 });
    expect(next.status).toBe('succeeded');
    expect(reports()).toBe(8 + 500);
    expect(fhir.requests[from]!.query._lastUpdated).toBe(`ge${sorted[149]!.meta!.lastUpdated}`);
  });

  it('a wrong bearer token fails the run with a clear error; health still sees the server', async () => {
    const result = await pull({ token: 'verkeerd' });
    expect([result.status, result.error]).toEqual([
      'failed',
      'FHIR server refused the bearer token (401 on GET /fhir/R4/Observation); check PORTAL_FHIR_TOKEN: ' +
        'Missing or invalid bearer token',
    ]);
    expect(reports()).toBe(0);
    expect(await adapter({ token: 'verkeerd' }).health()).toEqual({ ok: true });
    fhir.setDown(true);
    expect(await adapter().health()).toEqual({ ok: false, reason: expect.stringMatching(/answered 503/) });
  });

  it('a next link to another origin is refused: the token is not sent there and nothing of the page is imported', async () => {
    // A forwarding proxy: the adapter talks to it, the peer's next links name the peer's own origin (another port).
    const proxy = http.createServer(async (req, res) => {
      const headers = { authorization: req.headers.authorization ?? '', accept: 'application/fhir+json' };
      const up = await fetch(`http://127.0.0.1:${fhir.port}${req.url}`, { headers });
      res.writeHead(up.status, { 'content-type': 'application/fhir+json' }).end(await up.text());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    onClose(() => new Promise<void>((r) => proxy.close(() => r())));
    const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/fhir/R4`;
    const result = await pull({ url, pageSize: 3 });
    expect(result.status).toBe('failed');
    expect(result.error).toBe(`refused a link outside the FHIR server ${url}: ${fhir.url}/Observation`);
    expect(fhir.requests.map((r) => r.query._offset)).toEqual([undefined]);
    expect(reports()).toBe(0);
  });
});

describe('FHIR push', () => {
  async function writeReport(text: string): Promise<void> {
    const c = tp.client();
    await signIn(tp, c, truus);
    const res = await c.post(DossierPath.reports.replace(':clientId', String(truus.clientId)), { text });
    expect(res.status, res.text).toBe(201);
  }
  const reportId = () =>
    (tp.portal.db.prepare(`SELECT id FROM dossier_items WHERE kind = 'client_report'`).get() as { id: number }).id;
  const pushed = () => fhir.search<Observation>('Observation', { identifier: `${PORTAL_REPORT_SYSTEM}|${reportId()}` });

  it('a client report reaches the EHR once, also when the answer to the first push was lost', async () => {
    await writeReport('Vandaag met Annie naar de markt geweest.');
    // The EHR stores the POST but answers after the adapter gave up (timeout): the run fails, nothing is marked.
    const log = fhir.requests.push.bind(fhir.requests);
    fhir.requests.push = (...entries) => {
      if (entries[0]?.method === 'POST') fhir.setSlow(400);
      return log(...entries);
    };
    const lost = await runPush(deps(), adapter({ timeoutMs: 150 }));
    expect(lost.status).toBe('failed');
    expect(lost.error).toBe('FHIR server did not answer within 150 ms (POST /fhir/R4/Observation)');
    fhir.setSlow(0);
    fhir.requests.push = log;
    expect(await pushed()).toHaveLength(1);

    const retried = await runPush(deps(), adapter());
    expect([retried.status, retried.counts.client_report!.created]).toEqual(['succeeded', 1]);
    await expect.poll(() => fhir.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([201, 200]);
    const [obs] = await pushed();
    expect(await pushed()).toHaveLength(1);
    expect(obs).toMatchObject({
      status: 'final',
      subject: { reference: `Patient/${FIXTURE_CLIENTS.truus.patientId}` },
      performer: [{ reference: `Patient/${FIXTURE_CLIENTS.truus.patientId}` }],
      valueString: 'Vandaag met Annie naar de markt geweest.',
    });
    expect(count(tp, 'dossier_items', `kind = 'client_report' AND sent_to_ehr_at IS NOT NULL`)).toBe(1);
    // Pushing the same report again (a crash before the portal marked it) still leaves one; the pull does not read
    // the portal's own report back as a nursing report.
    const again = { id: reportId(), clientEhrId: FIXTURE_CLIENTS.truus.ehrId, occurredAt: obs!.effectiveDateTime! };
    expect(await adapter().push([{ ...again, text: 'x', authorName: 'Truus van Dorp' }])).toEqual([reportId()]);
    expect(await pushed()).toHaveLength(1);
    await pull();
    expect(count(tp, 'dossier_items', `external_id = '${obs!.id}'`)).toBe(0);
  });

  it('a client the EHR does not know is not accepted, and tried again next run', async () => {
    tp.portal.db.transaction(() => linkClientToEhr(tp.portal.db, SOURCE, 'onbekend', truus.clientId, 't'))();
    await writeReport('Een verslag.');
    const result = await runPush(deps(), adapter());
    expect([result.status, result.counts.client_report!.skipped]).toEqual(['succeeded', 1]);
    expect(await pushed()).toHaveLength(0);
  });
});

describe('FHIR configuration', () => {
  const env = (o: Record<string, string>) => ({ PORTAL_DATA_DIR: makeTempDir(), PORTAL_SYNC_ADAPTER: 'fhir', ...o });
  it('asks for a URL and a token; https, or http only to this machine; a page size of 1–1000', () => {
    expect(() => loadConfig(env({ PORTAL_FHIR_TOKEN: 't' }))).toThrow(/PORTAL_FHIR_URL/);
    expect(() => loadConfig(env({ PORTAL_FHIR_URL: 'https://ecd.example.nl/fhir' }))).toThrow(/PORTAL_FHIR_TOKEN/);
    const ok = { PORTAL_FHIR_URL: 'https://ecd.example.nl/fhir/R4/', PORTAL_FHIR_TOKEN: 'geheim' };
    expect(loadConfig(env(ok)).sync).toEqual({
      adapter: 'fhir',
      source: 'ehr',
      url: 'https://ecd.example.nl/fhir/R4',
      token: 'geheim',
      pageSize: 200,
      clientIdSystem: null,
      sweepHours: 24,
    });
    expect(() => loadConfig(env({ ...ok, PORTAL_FHIR_URL: 'http://ecd.example.nl/fhir' }))).toThrow(/https/);
    expect(loadConfig(env({ ...ok, PORTAL_FHIR_URL: 'http://localhost:8080/fhir' })).sync).toMatchObject({
      url: 'http://localhost:8080/fhir',
    });
    expect(() => loadConfig(env({ ...ok, PORTAL_FHIR_PAGE_SIZE: '0' }))).toThrow(/PORTAL_FHIR_PAGE_SIZE/);
    expect(() => loadConfig(env({ ...ok, PORTAL_FHIR_PAGE_SIZE: '5000' }))).toThrow(/PORTAL_FHIR_PAGE_SIZE/);
  });
});
