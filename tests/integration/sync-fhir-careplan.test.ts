// CarePlan versions that the EHR withdraws (issue 6 §1: "deleted or entered-in-error resources disappear from the
// portal"), through the FHIR R4 adapter against the real third-party FHIR server (tests/helpers/fhir-server.ts) loaded
// with the fixtures, read back through the portal's API as the client sees them (Plannen, Historie) and in the
// dossier's "plan is gewijzigd" notices. The rules are in server/sync/fhir-map-careplan.ts: a version's place in its
// chain is decided from every CarePlan in that place on the server, so the outcome does not depend on the order in
// which the EHR's changes happen to be read (pages, runs, the cursor's re-read of its own millisecond).
//
// Truus' fixtures: "Zorgplan 2025" (cp-1001-2025, 2025-03-01 … 2026-02-28, completed) and "Zorgplan 2026"
// (cp-1001-2026, 2026-03-01 … 2027-02-28, active, replaces the 2025 one): one plan, versions 1 and 2.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CarePlan } from '@medplum/fhirtypes';
import { DossierPath } from '../../shared/api/dossier.ts';
import { dayStart } from '../../server/dossier/days.ts';
import { readCursor } from '../../server/db/repos/sync-runs.ts';
import type { FhirAdapterOptions } from '../../server/sync/fhir-adapter.ts';
import { runPull } from '../../server/sync/run-pull.ts';
import type { TestFhirServer } from '../helpers/fhir-server.ts';
import { fixtureWorld, peerAdapter } from '../helpers/fhir-adapter.ts';
import { FIXTURE_CLIENTS } from '../fixtures/fhir/load.ts';
import type { HttpClient } from '../helpers/http-client.ts';
import { closeAll, count, type TestPortal } from '../helpers/portal.ts';

const SOURCE = 'ecd';
const { truus: TRUUS, kees: KEES } = FIXTURE_CLIENTS;
/** The portal's plan id of Truus' chain: its first CarePlan's id. */
const PLAN = TRUUS.carePlans.old;
const V2_END = '2027-02-28T23:00:00.000Z'; // the end of 28 February 2027 in Amsterdam (winter: UTC+1)
const V1_END = '2026-02-28T23:00:00.000Z';
let fhir: TestFhirServer;
let tp: TestPortal;
let clientId: number;
let c: HttpClient;

beforeEach(async () => {
  ({ fhir, tp, clientId, c } = await fixtureWorld(SOURCE));
});
afterEach(closeAll);

/** One run; the hard-delete sweep runs with every run (peerAdapter: sweepEveryMs 0) unless portalIds is left out. */
async function pull(o: Partial<FhirAdapterOptions> = {}) {
  const result = await runPull({ db: tp.portal.db, clock: tp.clock }, peerAdapter(tp, fhir, SOURCE, o));
  expect([result.status, result.error, result.problems]).toEqual(['succeeded', null, []]);
  return result;
}
const api = (p: string) => p.replace(':clientId', String(clientId));
const currentPlan = async () => (await c.get(api(DossierPath.currentPlan))).json.plan;
const history = async () =>
  ((await c.get(api(DossierPath.planHistory))).json.versions as Array<{ title: string; version: number }>).map((v) => [
    v.title,
    v.version,
  ]);
const versions = (planId: string = PLAN) =>
  (
    tp.portal.db
      .prepare(`SELECT version FROM care_plans WHERE source = ? AND external_id = ? ORDER BY version`)
      .all(SOURCE, planId) as Array<{ version: number }>
  ).map((r) => r.version);
const notices = () =>
  tp.portal.db
    .prepare(`SELECT external_id, body FROM dossier_items WHERE kind = 'notice' AND client_id = ? ORDER BY external_id`)
    .all(clientId) as Array<{ external_id: string; body: string }>;
const snapshot = () =>
  ['care_plans', 'dossier_items'].map((t) => tp.portal.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all());

/** A run after which nothing was to do: no plan or notice written or removed, no row different. */
async function pullChangesNothing() {
  const before = snapshot();
  // A minute on, so a row written again would show in its synced_at (not more: the client's session stays).
  tp.advance(60 * 1000);
  const again = await pull();
  for (const k of ['plan', 'notice']) {
    const n = again.counts[k] ?? { created: 0, updated: 0, deleted: 0 };
    expect([k, n.created, n.updated, n.deleted]).toEqual([k, 0, 0, 0]);
  }
  expect(snapshot()).toEqual(before);
}

/** A date (YYYY-MM-DD, Amsterdam) some days before the portal's now: a version that has started. */
const daysAgo = (n: number) =>
  new Date(tp.clock.now().getTime() - n * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

/** A new CarePlan like Truus' 2026 one, replacing `replaces`; the EHR leaves the replaced one as it was. */
async function newVersion(id: string, replaces: string, o: Partial<CarePlan>): Promise<CarePlan> {
  const base = await fhir.read<CarePlan>('CarePlan', TRUUS.carePlans.current);
  const { meta: _meta, identifier: _identifier, ...rest } = base;
  return fhir.update<CarePlan>({ ...rest, id, replaces: [{ reference: `CarePlan/${replaces}` }], ...o });
}

async function setStatus(id: string, status: CarePlan['status']): Promise<void> {
  await fhir.update<CarePlan>({ ...(await fhir.read<CarePlan>('CarePlan', id)), status });
}

describe('FHIR CarePlan entered in error', () => {
  it('the newest version: the one before is current again with its own end; Historie no longer lists it', async () => {
    await pull();
    const start = daysAgo(5);
    await newVersion('cp-1001-2026b', TRUUS.carePlans.current, {
      title: 'Zorgplan 2026 (bijgesteld)',
      period: { start },
    });
    await pull();
    expect(await currentPlan()).toMatchObject({ title: 'Zorgplan 2026 (bijgesteld)', version: 3 });
    // Version 3 closed version 2 where it starts.
    expect((await c.get(api(DossierPath.planHistory))).json.versions[0]).toMatchObject({
      title: 'Zorgplan 2026',
      version: 2,
      validTo: dayStart(start),
    });
    expect(notices().map((n) => n.external_id)).toEqual([`${PLAN}#v2`, `${PLAN}#v3`]);

    await setStatus('cp-1001-2026b', 'entered-in-error');
    const result = await pull();
    // Version 3 removed; version 2 written again with its own end (the removal alone could only reopen it open-ended).
    expect(result.counts.plan).toMatchObject({ deleted: 1, updated: 1, created: 0 });
    expect(await currentPlan()).toMatchObject({
      title: 'Zorgplan 2026',
      version: 2,
      validFrom: '2026-02-28T23:00:00.000Z',
      validTo: V2_END,
      expired: false,
    });
    expect(await history()).toEqual([['Zorgplan 2025', 1]]);
    expect(versions()).toEqual([1, 2]);
    // The notice of version 3 announced a version that is gone; version 2's stays.
    expect(notices()).toEqual([{ external_id: `${PLAN}#v2`, body: expect.stringContaining('(versie 2)') }]);
    await pullChangesNothing();
  });

  it('the only later version: the first keeps its own end and stays in Historie, no current plan', async () => {
    await pull();
    await setStatus(TRUUS.carePlans.current, 'entered-in-error');
    await pull();
    // "Zorgplan 2025" ended on 28 February 2026 in the EHR: withdrawing its successor does not make it run for ever.
    expect(await currentPlan()).toBeNull();
    expect((await c.get(api(DossierPath.planHistory))).json.versions).toEqual([
      expect.objectContaining({ title: 'Zorgplan 2025', version: 1, validTo: V1_END, expired: true }),
    ]);
    expect(notices()).toEqual([]);
    await pullChangesNothing();
  });

  it('an old version: gone from Historie; the current one and its notice stay', async () => {
    await pull();
    await newVersion('cp-1001-2026b', TRUUS.carePlans.current, {
      title: 'Zorgplan 2026 (bijgesteld)',
      period: { start: daysAgo(5) },
    });
    await pull();
    expect(await history()).toEqual([
      ['Zorgplan 2026', 2],
      ['Zorgplan 2025', 1],
    ]);

    await setStatus(TRUUS.carePlans.current, 'entered-in-error');
    const result = await pull();
    expect(result.counts.plan).toMatchObject({ deleted: 1, created: 0 });
    expect(await history()).toEqual([['Zorgplan 2025', 1]]);
    // Still version 3: the withdrawn CarePlan keeps its place in the chain, so the later one does not move.
    expect(await currentPlan()).toMatchObject({ title: 'Zorgplan 2026 (bijgesteld)', version: 3, validTo: null });
    expect(versions()).toEqual([1, 3]);
    expect(notices().map((n) => n.external_id)).toEqual([`${PLAN}#v3`]);
    await pullChangesNothing();

    // The first one too: the plan is its current version alone.
    await setStatus(TRUUS.carePlans.old, 'entered-in-error');
    await pull();
    expect(await history()).toEqual([]);
    expect(versions()).toEqual([3]);
    expect(await currentPlan()).toMatchObject({ title: 'Zorgplan 2026 (bijgesteld)', version: 3 });
    await pullChangesNothing();
  });

  // The EHR's usual correction: the wrong version entered in error, and a new one replacing the version before it.
  // Both are in place 2. Read in one run or in two, with the correction read again or not, place 2 is the correction:
  // the withdrawn one removes a place only when no shown CarePlan is in it.
  const correction = { title: 'Zorgplan 2026 (gecorrigeerd)', period: { start: '2026-03-01', end: '2027-02-28' } };

  it('a correction in the same place: read in the same run as the withdrawal, it is version 2', async () => {
    await pull();
    await newVersion('cp-1001-2026c', TRUUS.carePlans.old, correction);
    await setStatus(TRUUS.carePlans.current, 'entered-in-error');
    await pull();
    expect(await currentPlan()).toMatchObject({ title: 'Zorgplan 2026 (gecorrigeerd)', version: 2, validTo: V2_END });
    expect(await history()).toEqual([['Zorgplan 2025', 1]]);
    expect(notices()).toEqual([{ external_id: `${PLAN}#v2`, body: expect.stringContaining('(gecorrigeerd)') }]);
    await pullChangesNothing();
  });

  it('a correction read runs before the withdrawal, and not read again with it: still version 2', async () => {
    await pull();
    const fixed = await newVersion('cp-1001-2026c', TRUUS.carePlans.old, correction);
    await pull();
    // An unrelated change after it moves the cursor on, so the next run does not read the correction again.
    const kees = await fhir.read<CarePlan>('CarePlan', KEES.carePlans.current);
    await fhir.update<CarePlan>({ ...kees, description: 'Bijgewerkt in het ECD.' });
    await pull();
    await setStatus(TRUUS.carePlans.current, 'entered-in-error');
    const cursor = JSON.parse(readCursor(tp.portal.db, SOURCE)!) as { CarePlan: string };
    expect(Date.parse(cursor.CarePlan)).toBeGreaterThan(Date.parse(fixed.meta!.lastUpdated!));
    const result = await pull();
    expect(result.counts.plan).toMatchObject({ deleted: 0 });
    expect(await currentPlan()).toMatchObject({ title: 'Zorgplan 2026 (gecorrigeerd)', version: 2, validTo: V2_END });
    expect(await history()).toEqual([['Zorgplan 2025', 1]]);
    await pullChangesNothing();
  });

  it('two shown CarePlans in one place: the later created is the version, whichever was read last', async () => {
    await pull();
    // The later created one is written first, so "the last read wins" would pick the other.
    await newVersion('cp-1001-2026y', TRUUS.carePlans.current, {
      title: 'Later gemaakt',
      created: daysAgo(1),
      period: { start: daysAgo(4) },
    });
    await newVersion('cp-1001-2026x', TRUUS.carePlans.current, {
      title: 'Eerder gemaakt',
      created: daysAgo(3),
      period: { start: daysAgo(4) },
    });
    await pull();
    expect(await currentPlan()).toMatchObject({ title: 'Later gemaakt', version: 3 });
    await setStatus('cp-1001-2026x', 'on-hold'); // read again, alone
    await pull();
    expect(await currentPlan()).toMatchObject({ title: 'Later gemaakt', version: 3 });
    // Withdrawn: the other one is the version of the place now.
    await setStatus('cp-1001-2026y', 'entered-in-error');
    await pull();
    expect(await currentPlan()).toMatchObject({ title: 'Eerder gemaakt', version: 3 });
    await pullChangesNothing();
  });
});

describe('FHIR CarePlan deleted outright (the sweep)', () => {
  it('the newest version goes after the sweep, and the one before is current again with its own end', async () => {
    await pull();
    await newVersion('cp-1001-2026b', TRUUS.carePlans.current, {
      title: 'Zorgplan 2026 (bijgesteld)',
      period: { start: daysAgo(5) },
    });
    await pull();
    await fhir.delete('CarePlan', 'cp-1001-2026b');
    // Nothing announces a hard delete: without the sweep the version stays.
    await pull({ portalIds: undefined });
    expect(await currentPlan()).toMatchObject({ title: 'Zorgplan 2026 (bijgesteld)', version: 3 });

    const result = await pull();
    expect(result.counts.plan).toMatchObject({ deleted: 1, updated: 1 });
    expect(await currentPlan()).toMatchObject({ title: 'Zorgplan 2026', version: 2, validTo: V2_END });
    expect(await history()).toEqual([['Zorgplan 2025', 1]]);
    expect(notices().map((n) => n.external_id)).toEqual([`${PLAN}#v2`]);
    await pullChangesNothing();
  });

  it('an old version goes from Historie; a whole plan (its only CarePlan) goes', async () => {
    await pull();
    // The first CarePlan of the chain: the plan keeps its id and the 2026 one its place (the reference still counts).
    await fhir.delete('CarePlan', TRUUS.carePlans.old);
    const result = await pull();
    expect(result.counts.plan).toMatchObject({ deleted: 1 });
    expect(await history()).toEqual([]);
    expect(await currentPlan()).toMatchObject({ title: 'Zorgplan 2026', version: 2, validTo: V2_END });
    expect(versions()).toEqual([2]);
    expect(notices().map((n) => n.external_id)).toEqual([`${PLAN}#v2`]);

    expect(versions(KEES.carePlans.current)).toEqual([1]);
    await fhir.delete('CarePlan', KEES.carePlans.current);
    await pull();
    expect(versions(KEES.carePlans.current)).toEqual([]);
    expect(count(tp, 'care_plans', 'source = ?', SOURCE)).toBe(1);
    await pullChangesNothing();
  });
});
