// The clients' own data through the FHIR R4 adapter (issue 6 §1, §3): Patient → Mijn gegevens, RelatedPerson →
// contacts, CarePlan (+ Goal) → plan versions, against the real third-party FHIR server (tests/helpers/fhir-server.ts)
// loaded with the fixtures, read back through the portal's API as the client sees them. The mapping rules are in
// server/sync/fhir-map-client.ts and fhir-map-careplan.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CarePlan, HumanName, Patient, Practitioner, RelatedPerson } from '@medplum/fhirtypes';
import { DetailsPath } from '../../shared/api/details.ts';
import { DossierPath } from '../../shared/api/dossier.ts';
import { readCursor, writeCursor } from '../../server/db/repos/sync-runs.ts';
import type { FhirAdapterOptions } from '../../server/sync/fhir-adapter.ts';
import { runPull } from '../../server/sync/run-pull.ts';
import type { TestFhirServer } from '../helpers/fhir-server.ts';
import { fixtureWorld, peerAdapter } from '../helpers/fhir-adapter.ts';
import { FIXTURE_CLIENTS } from '../fixtures/fhir/load.ts';
import type { HttpClient } from '../helpers/http-client.ts';
import { closeAll, count, type TestPortal } from '../helpers/portal.ts';

const SOURCE = 'ecd';
const { truus: TRUUS } = FIXTURE_CLIENTS;
let fhir: TestFhirServer;
let tp: TestPortal;
let clientId: number;
let c: HttpClient;

beforeEach(async () => {
  ({ fhir, tp, clientId, c } = await fixtureWorld(SOURCE));
});
afterEach(closeAll);

const adapter = (o: Partial<FhirAdapterOptions> = {}) => peerAdapter(tp, fhir, SOURCE, o);
async function pull(o: Partial<FhirAdapterOptions> = {}) {
  const result = await runPull({ db: tp.portal.db, clock: tp.clock }, adapter(o));
  expect([result.status, result.error, result.problems]).toEqual(['succeeded', null, []]);
  return result;
}
const api = (p: string) => p.replace(':clientId', String(clientId));
const details = async () => (await c.get(api(DetailsPath.details))).json;
const currentPlan = async () => (await c.get(api(DossierPath.currentPlan))).json.plan;
const history = async () => (await c.get(api(DossierPath.planHistory))).json.versions;
const notices = () => count(tp, 'dossier_items', `kind = 'notice' AND client_id = ?`, clientId);
const snapshot = () =>
  ['client_details', 'client_contacts', 'care_plans', 'dossier_items'].map((t) =>
    tp.portal.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all(),
  );

describe('FHIR client data: first import', () => {
  it('Truus: Mijn gegevens from her Patient, her RelatedPersons as contacts', async () => {
    const result = await pull();
    expect(result.counts.person).toEqual({ created: 2, updated: 0, deleted: 0, skipped: 0 });
    expect(result.counts.contact).toEqual({ created: 4, updated: 0, deleted: 0, skipped: 0 });
    const d = await details();
    expect(d.person).toEqual({
      name: 'Geertruida van Dorp',
      birthDate: '1941-05-14',
      address: 'Dorpsstraat 12',
      postalCode: '3512 AB',
      city: 'Utrecht',
      phone: '030 234 56 78',
      clientNumber: TRUUS.ehrId,
      location: 'Thuiszorg De Linde',
      ward: null,
      photoUrl: null,
    });
    expect(d.contacts).toEqual([
      {
        id: expect.any(Number),
        name: 'Annie van Dorp',
        relation: 'Dochter, Eerste relatie/contactpersoon',
        phone: '06 87654321',
        email: 'annie@example.nl',
      },
      {
        id: expect.any(Number),
        name: 'Henk van Dorp',
        relation: 'Zoon, Tweede relatie/contactpersoon',
        phone: '06 23456781',
        email: null,
      },
    ]);
  });

  it('Truus: "Zorgplan 2026" is the current plan, version 2 of the 2025 one, which is in Historie; one notice', async () => {
    const result = await pull();
    // Truus' two CarePlans and Kees' one; only Truus' 2026 plan is a later version.
    expect(result.counts.plan).toEqual({ created: 3, updated: 0, deleted: 0, skipped: 0 });
    expect(result.counts.notice).toEqual({ created: 1, updated: 0, deleted: 0, skipped: 0 });
    expect(await currentPlan()).toEqual({
      id: expect.any(Number),
      title: 'Zorgplan 2026',
      version: 2,
      // period 2026-03-01 … 2027-02-28 (whole days, Amsterdam time; winter: UTC+1)
      validFrom: '2026-02-28T23:00:00.000Z',
      validTo: '2027-02-28T23:00:00.000Z',
      expired: false,
      mainGoals: [
        'Mevrouw douchet twee keer per week veilig, met ondersteuning',
        'Mevrouw valt niet in en om het huis',
      ],
      // One work plan per discipline: the performers' qualifications (organisation.json).
      workPlans: [
        { discipline: 'Verzorgende IG', goals: [], actions: ['Hulp bij douchen, dinsdag en vrijdag'] },
        { discipline: 'Fysiotherapeut', goals: [], actions: ['Balans- en looptraining, wekelijks'] },
        { discipline: 'Wijkverpleegkundige', goals: [], actions: ['Valrisico bespreken bij elke evaluatie'] },
      ],
      evaluations: [],
    });
    expect(await history()).toEqual([
      {
        id: expect.any(Number),
        title: 'Zorgplan 2025',
        version: 1,
        validFrom: '2025-02-28T23:00:00.000Z',
        validTo: '2026-02-28T23:00:00.000Z',
        expired: true,
      },
    ]);
    const rows = tp.portal.db
      .prepare(`SELECT external_id, version FROM care_plans WHERE source = ? ORDER BY external_id, version`)
      .all(SOURCE);
    // One plan per chain, named by its first CarePlan.
    expect(rows).toEqual([
      { external_id: TRUUS.carePlans.old, version: 1 },
      { external_id: TRUUS.carePlans.old, version: 2 },
      { external_id: FIXTURE_CLIENTS.kees.carePlans.current, version: 1 },
    ]);
    const notice = tp.portal.db
      .prepare(`SELECT title, body, occurred_at FROM dossier_items WHERE kind = 'notice' AND client_id = ?`)
      .get(clientId);
    expect(notice).toEqual({
      title: 'Plan is gewijzigd',
      body: expect.stringContaining('"Zorgplan 2026" (versie 2)'),
      occurred_at: '2026-02-28T23:00:00.000Z',
    });
  });

  it('running twice changes nothing', async () => {
    await pull();
    const before = snapshot();
    tp.advance(60 * 60 * 1000);
    const again = await pull();
    for (const k of ['person', 'contact', 'plan', 'notice']) {
      const n = again.counts[k] ?? { created: 0, updated: 0, deleted: 0 };
      expect([k, n.created, n.updated, n.deleted]).toEqual([k, 0, 0, 0]);
    }
    expect(snapshot()).toEqual(before);
    expect(notices()).toBe(1);
  });
});

describe('FHIR client data: changes in the EHR', () => {
  it('a new CarePlan version replacing the current one moves it to Historie and adds one notice', async () => {
    await pull();
    const current = await fhir.read<CarePlan>('CarePlan', TRUUS.carePlans.current);
    const next: CarePlan = structuredClone(current);
    delete next.meta;
    await fhir.update<CarePlan>({
      ...next,
      id: 'cp-1001-2026b',
      identifier: [{ system: 'https://ehr.example.nl/fhir/NamingSystem/zorgplan-id', value: '1001-2026b' }],
      title: 'Zorgplan 2026 (bijgesteld)',
      period: { start: '2026-12-01', end: '2027-05-31' },
      goal: [{ reference: 'Goal/goal-1001-vallen' }],
      replaces: [{ reference: `CarePlan/${TRUUS.carePlans.current}` }],
      note: [
        { time: '2026-11-30T14:00:00+01:00', text: 'Geëvalueerd met mevrouw en Annie: douchen gaat zelfstandig.' },
      ],
    });
    // The EHR closes the replaced one too (an update of it, read in the same run).
    await fhir.update<CarePlan>({ ...current, status: 'revoked', period: { start: '2026-03-01', end: '2026-11-30' } });
    const result = await pull();
    expect(result.counts.plan).toMatchObject({ created: 1, updated: 1 });
    expect(result.counts.notice).toMatchObject({ created: 1 });
    expect(notices()).toBe(2);
    expect(await currentPlan()).toMatchObject({
      title: 'Zorgplan 2026 (bijgesteld)',
      version: 3,
      validFrom: '2026-11-30T23:00:00.000Z', // 1 December, 00:00 in Amsterdam
      mainGoals: ['Mevrouw valt niet in en om het huis'],
      evaluations: [{ date: '2026-11-30', text: 'Geëvalueerd met mevrouw en Annie: douchen gaat zelfstandig.' }],
    });
    expect((await history()).map((v: { title: string; version: number }) => [v.title, v.version])).toEqual([
      ['Zorgplan 2026', 2],
      ['Zorgplan 2025', 1],
    ]);
    // Version 3 of the same plan: the chain was followed back to its first CarePlan.
    expect(
      tp.portal.db.prepare(`SELECT DISTINCT external_id FROM care_plans WHERE client_id = ?`).all(clientId),
    ).toEqual([{ external_id: TRUUS.carePlans.old }]);
  });

  it('a version whose predecessors are not on its page: the chain is read back by _id, one round per step', async () => {
    await pull();
    const current = await fhir.read<CarePlan>('CarePlan', TRUUS.carePlans.current);
    const next = await fhir.update<CarePlan>({
      resourceType: 'CarePlan',
      id: 'cp-1001-2027',
      status: 'active',
      intent: 'plan',
      title: 'Zorgplan 2027',
      subject: current.subject,
      period: { start: '2026-12-01' },
      replaces: [{ reference: `CarePlan/${current.id}` }],
    });
    // The cursor past everything but the new CarePlan: its page holds it alone.
    const cursor = { ...JSON.parse(readCursor(tp.portal.db, SOURCE)!), CarePlan: next.meta!.lastUpdated };
    writeCursor(tp.portal.db, SOURCE, JSON.stringify(cursor), tp.clock.now().toISOString());
    const from = fhir.requests.length;
    // Without the sweep, which reads every plan's first CarePlan by _id again: this run is about the page's chain.
    const result = await pull({ portalIds: undefined });
    expect(result.counts.plan).toEqual({ created: 1, updated: 0, deleted: 0, skipped: 0 });
    const byId = fhir.requests.slice(from).filter((r) => r.path.endsWith('/CarePlan') && r.query._id);
    expect(byId.map((r) => r.query._id)).toEqual([TRUUS.carePlans.current, TRUUS.carePlans.old]);
    expect(await currentPlan()).toMatchObject({
      title: 'Zorgplan 2027',
      version: 3,
      validTo: null,
      mainGoals: [],
      workPlans: [],
    });
    expect(notices()).toBe(2);
  });

  it('a RelatedPerson set inactive, or deleted, disappears from Mijn gegevens', async () => {
    await pull();
    const annie = await fhir.read<RelatedPerson>('RelatedPerson', TRUUS.contacts.annie);
    await fhir.update<RelatedPerson>({ ...annie, active: false });
    const inactive = await pull();
    expect(inactive.counts.contact).toMatchObject({ deleted: 1 });
    expect((await details()).contacts.map((x: { name: string }) => x.name)).toEqual(['Henk van Dorp']);

    await fhir.delete('RelatedPerson', TRUUS.contacts.henk);
    const deleted = await pull();
    expect(deleted.counts.contact).toMatchObject({ deleted: 1 });
    expect((await details()).contacts).toEqual([]);
    expect(count(tp, 'client_contacts', 'source = ?', SOURCE)).toBe(2); // Kees' two
  });

  it('a contact whose period ended is removed; one that comes back is added again', async () => {
    await pull();
    const henk = await fhir.read<RelatedPerson>('RelatedPerson', TRUUS.contacts.henk);
    await fhir.update<RelatedPerson>({ ...henk, period: { start: '2020-01-01', end: '2026-11-01' } });
    await pull();
    expect((await details()).contacts.map((x: { name: string }) => x.name)).toEqual(['Annie van Dorp']);
    await fhir.update<RelatedPerson>({ ...henk, period: { start: '2020-01-01' } });
    await pull();
    expect((await details()).contacts.map((x: { name: string }) => x.name)).toEqual([
      'Annie van Dorp',
      'Henk van Dorp',
    ]);
  });

  it("a Patient's new address updates Mijn gegevens; an inactive Patient is still shown as the EHR has it", async () => {
    await pull();
    const patient = await fhir.read<Patient>('Patient', TRUUS.patientId);
    await fhir.update<Patient>({
      ...patient,
      active: false,
      address: [
        { ...patient.address![0]!, use: 'old' },
        { use: 'home', line: ['Lindelaan 4', 'kamer 12'], postalCode: '3703 AB', city: 'Zeist', country: 'NL' },
      ],
    });
    const result = await pull();
    expect(result.counts.person).toMatchObject({ updated: 1 });
    expect((await details()).person).toMatchObject({
      name: 'Geertruida van Dorp',
      address: 'Lindelaan 4 kamer 12',
      postalCode: '3703 AB',
      city: 'Zeist',
    });
  });

  it('a name without text is put together from its parts; a photo of the EHR is shown; a partial birth date is none', async () => {
    const marieke = await fhir.read<Practitioner>('Practitioner', 'prac-marieke-de-vries');
    const patient = await fhir.read<Patient>('Patient', TRUUS.patientId);
    await fhir.update<Patient>({
      ...patient,
      birthDate: '1941',
      name: [
        {
          use: 'official',
          given: ['Geertruida'],
          _family: {
            extension: [
              { url: 'http://hl7.org/fhir/StructureDefinition/humanname-own-prefix', valueString: 'van' },
              { url: 'http://hl7.org/fhir/StructureDefinition/humanname-own-name', valueString: 'Dorp' },
            ],
          },
        } as HumanName,
      ],
      photo: [{ contentType: 'image/png', data: marieke.photo![0]!.data! }],
    });
    await pull();
    const person = (await details()).person;
    expect(person).toMatchObject({ name: 'Geertruida van Dorp', birthDate: null, photoUrl: expect.any(String) });
    const photo = await c.get(api(DetailsPath.photo));
    expect([photo.status, photo.headers.get('content-type')]).toEqual([200, 'image/png']);
  });
});
