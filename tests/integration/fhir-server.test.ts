// The FHIR R4 peer of the EHR-sync tests (tests/helpers/fhir-server.ts: Medplum's router and in-memory repository
// over HTTP) does what the sync tests rely on: auth, the fixtures, paging by `next` links, _lastUpdated, how a delete
// shows, conditional create, outages and a port that is free again after stop().
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bundle, Observation, Patient, Practitioner, Resource } from '@medplum/fhirtypes';
import { closeAll } from '../helpers/cleanup.ts';
import { startFhirServer, type TestFhirServer } from '../helpers/fhir-server.ts';
import {
  CLIENT_ID_SYSTEM,
  FIXTURE_CLIENTS,
  fixtureResources,
  loadBulk,
  loadFixtures,
  makeObservations,
  makePatients,
} from '../fixtures/fhir/load.ts';

afterEach(closeAll);

const PORTAL_REPORT_ID = 'https://clientportaal.example/fhir/NamingSystem/client-report-id';

interface FhirRes<T = Resource> {
  status: number;
  headers: Headers;
  body: T;
}

/** One request the way the portal's adapter will make it: fetch with the bearer token, FHIR JSON both ways. */
async function call<T = Resource>(
  s: TestFhirServer,
  pathOrUrl: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; token?: string | null } = {},
): Promise<FhirRes<T>> {
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${s.url}/${pathOrUrl}`;
  const headers: Record<string, string> = { accept: 'application/fhir+json', ...init.headers };
  const token = init.token === undefined ? s.token : init.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/fhir+json';
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

const ids = (b: Bundle) => (b.entry ?? []).map((e) => e.resource!.id!);
const nextLink = (b: Bundle) => b.link?.find((l) => l.relation === 'next')?.url;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The newest meta.lastUpdated on the server now: a cursor as the adapter keeps it. */
const newest = (rs: Resource[]) =>
  rs
    .map((r) => r.meta!.lastUpdated!)
    .sort()
    .at(-1)!;

describe('FHIR test peer (Medplum fhir-router + MemoryRepository)', () => {
  it('answers 401 without the bearer token or with a wrong one; the CapabilityStatement is public', async () => {
    const s = await startFhirServer({ token: 'geheim-token-123' });
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fhir\/R4$/);
    const none = await call(s, 'Patient', { token: null });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(none.body.resourceType).toBe('OperationOutcome');
    expect((await call(s, 'Patient', { token: 'fout' })).status).toBe(401);
    expect((await call(s, 'Patient')).status).toBe(200);
    const meta = await call(s, 'metadata', { token: null });
    expect(meta.status).toBe(200);
    expect(meta.body).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' });
    expect(s.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', '/fhir/R4/Patient', 401],
      ['GET', '/fhir/R4/Patient', 401],
      ['GET', '/fhir/R4/Patient', 200],
      ['GET', '/fhir/R4/metadata', 200],
    ]);
  });

  it('loads the fixtures: valid R4, found by EHR client id, contacts, staff photos and two plan versions', async () => {
    const s = await startFhirServer();
    const { counts } = await loadFixtures(s);
    expect(counts).toMatchObject({ Patient: 2, RelatedPerson: 4, Practitioner: 4, Observation: 10, CarePlan: 3 });
    expect(Object.values(counts).reduce((a, b) => a + b)).toBe(fixtureResources().length);

    const truus = FIXTURE_CLIENTS.truus;
    const found = await call<Bundle<Patient>>(s, `Patient?identifier=${CLIENT_ID_SYSTEM}|${truus.ehrId}`);
    expect(ids(found.body)).toEqual([truus.patientId]);
    const p = found.body.entry![0]!.resource!;
    expect(p.birthDate).toBe('1941-05-14');
    expect(p.address?.[0]?.postalCode).toBe('3512 AB');

    const contacts = await call<Bundle>(s, `RelatedPerson?patient=Patient/${truus.patientId}`);
    expect(ids(contacts.body).sort()).toEqual(Object.values(truus.contacts).sort());

    const marieke = await call<Practitioner>(s, 'Practitioner/prac-marieke-de-vries');
    const png = Buffer.from(marieke.body.photo![0]!.data!, 'base64');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(marieke.headers.get('etag')).toBe(`W/"${marieke.body.meta!.versionId}"`);

    const plans = await call<Bundle>(s, `CarePlan?subject=Patient/${truus.patientId}&_sort=date`);
    const byId = new Map((plans.body.entry ?? []).map((e) => [e.resource!.id!, e.resource as Resource]));
    const [old, current] = [byId.get(truus.carePlans.old), byId.get(truus.carePlans.current)];
    expect(old).toMatchObject({ status: 'completed', period: { end: '2026-02-28' } });
    expect(current).toMatchObject({ status: 'active', replaces: [{ reference: `CarePlan/${truus.carePlans.old}` }] });

    const forms = await call<Bundle>(s, `QuestionnaireResponse?subject=Patient/${truus.patientId}`);
    expect(forms.body.entry?.[0]?.resource).toMatchObject({ item: expect.arrayContaining([expect.anything()]) });
  });

  it('pages through all Observations with _count=2 by following next links on its own URL', async () => {
    const s = await startFhirServer();
    await loadFixtures(s);
    const all = (await s.search<Observation>('Observation')).map((o) => o.id).sort();
    let url: string | undefined = `${s.url}/Observation?_count=2&_sort=_lastUpdated`;
    const seen: string[] = [];
    let pages = 0;
    while (url) {
      expect(url.startsWith(`${s.url}/Observation?`)).toBe(true);
      const page: FhirRes<Bundle> = await call<Bundle>(s, url);
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(all.length);
      expect(page.body.entry!.length).toBeLessThanOrEqual(2);
      expect(page.body.entry![0]!.fullUrl).toMatch(new RegExp(`^${s.url}/Observation/`));
      seen.push(...ids(page.body));
      url = nextLink(page.body);
      pages++;
    }
    expect(pages).toBe(Math.ceil(all.length / 2));
    expect([...seen].sort()).toEqual(all);
    expect(s.requests.map((r) => r.query._offset ?? '0')).toEqual(['0', '2', '4', '6', '8']);
  });

  it('uses the configured page size without _count, and pages 2 500 generated reports', async () => {
    const s = await startFhirServer({ pageSize: 500 });
    const patients = makePatients(50);
    await loadBulk(s, [
      ...patients,
      ...makeObservations(
        2500,
        patients.map((p) => p.id!),
      ),
    ]);
    let url: string | undefined = `${s.url}/Observation?_lastUpdated=gt2020-01-01T00:00:00.000Z`;
    const seen = new Set<string>();
    while (url) {
      const page: FhirRes<Bundle> = await call<Bundle>(s, url);
      expect(page.body.entry).toHaveLength(500);
      for (const id of ids(page.body)) seen.add(id);
      url = nextLink(page.body);
    }
    expect(seen.size).toBe(2500);
    expect(s.requests).toHaveLength(5);
  });

  it('_lastUpdated=gt<newest seen> returns only what the EHR changed afterwards', async () => {
    const s = await startFhirServer();
    const { resources } = await loadFixtures(s);
    const cursor = newest(resources);
    expect(ids((await call<Bundle>(s, `Observation?_lastUpdated=gt${cursor}`)).body)).toEqual([]);
    await sleep(5); // lastUpdated has millisecond precision: the change must fall after the cursor.
    const obs = await s.read<Observation>('Observation', 'obs-1001-001');
    const put = await call<Observation>(s, 'Observation/obs-1001-001', {
      method: 'PUT',
      body: { ...obs, valueString: 'Aangevuld: mevrouw heeft ook goed gedronken.' },
    });
    expect(put.status).toBe(200);
    expect(put.body.meta!.versionId).not.toBe(obs.meta!.versionId);
    const changed = await call<Bundle<Observation>>(s, `Observation?_lastUpdated=gt${cursor}&_sort=_lastUpdated`);
    expect(ids(changed.body)).toEqual(['obs-1001-001']);
    expect(changed.body.entry![0]!.resource!.valueString).toMatch(/^Aangevuld/);
    // Sorted by _lastUpdated, the changed one comes last; the older version stays in its history.
    expect(ids((await call<Bundle>(s, 'Observation?_sort=_lastUpdated&_count=100')).body).at(-1)).toBe('obs-1001-001');
    expect((await call<Bundle>(s, 'Observation/obs-1001-001/_history')).body.entry).toHaveLength(2);
    // Other types are untouched by the cursor.
    expect(ids((await call<Bundle>(s, `Patient?_lastUpdated=gt${cursor}`)).body)).toEqual([]);
  });

  it('a delete is silent: gone from searches, 404 on read and history, no type history; entered-in-error shows', async () => {
    const s = await startFhirServer();
    const { resources } = await loadFixtures(s);
    const cursor = newest(resources);
    await sleep(5);
    expect((await call(s, 'Observation/obs-1001-002', { method: 'DELETE' })).status).toBe(200);
    expect((await call(s, 'Observation/obs-1001-002')).status).toBe(404);
    expect((await call(s, 'Observation/obs-1001-002/_history')).status).toBe(404);
    expect((await call(s, `Observation/_history?_since=${cursor}`)).status).toBe(404);
    expect(ids((await call<Bundle>(s, `Observation?_lastUpdated=gt${cursor}`)).body)).toEqual([]);
    const left = ids((await call<Bundle>(s, `Observation?subject=Patient/cl-1001&_count=1000`)).body);
    expect(left).not.toContain('obs-1001-002');
    expect(left).toHaveLength(5);

    const obs = await s.read<Observation>('Observation', 'obs-1001-003');
    await call(s, 'Observation/obs-1001-003', { method: 'PUT', body: { ...obs, status: 'entered-in-error' } });
    const changed = await call<Bundle<Observation>>(s, `Observation?_lastUpdated=gt${cursor}`);
    expect(changed.body.entry?.map((e) => [e.resource!.id, e.resource!.status])).toEqual([
      ['obs-1001-003', 'entered-in-error'],
    ]);
  });

  it('answers 503 to everything while down, and can go down in the middle of a run', async () => {
    const s = await startFhirServer();
    await loadFixtures(s);
    s.setDown(true);
    const down = await call(s, 'Observation');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'transient' }] });
    expect((await call(s, 'metadata', { token: null })).status).toBe(503);
    expect((await call(s, 'Patient', { token: null })).status).toBe(503);
    s.setDown(false);
    expect((await call(s, 'Observation')).status).toBe(200);

    s.downAfter(2);
    const first = await call<Bundle>(s, 'Observation?_count=3');
    const second = await call<Bundle>(s, nextLink(first.body)!);
    const third = await call(s, nextLink(second.body)!);
    expect([first.status, second.status, third.status]).toEqual([200, 200, 503]);
    s.setDown(false);
    expect((await call(s, nextLink(second.body)!)).status).toBe(200);
  });

  it('conditional create with If-None-Exist stores a pushed report once, also when pushes race', async () => {
    const s = await startFhirServer();
    await loadFixtures(s);
    const report: Observation = {
      resourceType: 'Observation',
      identifier: [{ system: PORTAL_REPORT_ID, value: '42' }],
      status: 'final',
      code: { text: 'Rapportage van de cliënt' },
      subject: { reference: 'Patient/cl-1001' },
      performer: [{ reference: 'Patient/cl-1001' }],
      effectiveDateTime: '2026-12-03T20:15:00+01:00',
      valueString: 'Vandaag een fijne wandeling gemaakt met Annie.',
    };
    const push = () =>
      call<Observation>(s, 'Observation', {
        method: 'POST',
        body: report,
        headers: { 'if-none-exist': `identifier=${PORTAL_REPORT_ID}|42` },
      });
    const created = await push();
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(
      `${s.url}/Observation/${created.body.id}/_history/${created.body.meta!.versionId}`,
    );
    const again = await push();
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.body.id);
    expect(await s.search('Observation', { identifier: `${PORTAL_REPORT_ID}|42` })).toHaveLength(1);

    // Three pushes of a new report at once (a retry while the first is still under way): one creates, two find it.
    const racing = { ...report, identifier: [{ system: PORTAL_REPORT_ID, value: '44' }] };
    const raced = await Promise.all(
      [1, 2, 3].map(() =>
        call(s, 'Observation', {
          method: 'POST',
          body: racing,
          headers: { 'if-none-exist': `identifier=${PORTAL_REPORT_ID}|44` },
        }),
      ),
    );
    expect(raced.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(await s.search('Observation', { identifier: `${PORTAL_REPORT_ID}|44` })).toHaveLength(1);

    // A push the client gave up on (timeout) still happened: the retry must find it, not add a second one.
    s.setSlow(300);
    const other = { ...report, identifier: [{ system: PORTAL_REPORT_ID, value: '43' }] };
    const timedOut = fetch(`${s.url}/Observation`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify(other),
      signal: AbortSignal.timeout(100),
    });
    await expect(timedOut).rejects.toThrow();
    expect(await s.search('Observation', { identifier: `${PORTAL_REPORT_ID}|43` })).toHaveLength(1);
  });

  it('rejects a resource that is not valid R4 with 400, as Medplum’s server would', async () => {
    const s = await startFhirServer();
    const missingCode = { resourceType: 'Observation', status: 'final' };
    const res = await call(s, 'Observation', { method: 'POST', body: missingCode });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ expression: ['Observation.code'] }] });
    const unknown = { resourceType: 'Observation', status: 'final', code: { text: 'x' }, tekst: 'onbekend veld' };
    expect((await call(s, 'Observation', { method: 'POST', body: unknown })).status).toBe(400);
    expect((await call(s, 'Rapportage')).status).toBe(400);
    expect(await s.search('Observation')).toHaveLength(0);
  });

  it('stop() frees the port; a new server on that port with the same repository has the same data', async () => {
    const s = await startFhirServer();
    await loadFixtures(s);
    await s.stop();
    await expect(fetch(`${s.url}/metadata`)).rejects.toThrow();
    const probe = net.createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(s.port, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const again = await startFhirServer({ port: s.port, repo: s.repo, token: s.token });
    expect(again.url).toBe(s.url);
    expect((await call<Patient>(again, 'Patient/cl-1002')).body.name?.[0]?.text).toBe('Kees Jansen');
  });
});
