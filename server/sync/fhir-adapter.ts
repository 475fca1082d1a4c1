// The FHIR R4 adapter (issue 6 §1): pulls Observation (nursing reports), QuestionnaireResponse (forms),
// Appointment (with the Practitioner: staff with photo), Patient (Mijn gegevens), RelatedPerson (contacts) and
// CarePlan (with its Goals: plan versions) incrementally by `_lastUpdated`, pushes client reports as Observations,
// and reports health from /metadata. Mapping: fhir-mapping.ts (and fhir-map-client.ts, fhir-map-careplan.ts); HTTP:
// fhir-client.ts; what resources refer to: fhir-lookups.ts; hard deletes: fhir-sweep.ts; push: fhir-push.ts.
//
// Cursor (committed by run-pull.ts with each batch): JSON {<each of PULLED_TYPES>?: the newest meta.lastUpdated
// read of that type; sweptAt?: the last id sweep}. Each type is searched with
// `_lastUpdated=ge<cursor>&_sort=_lastUpdated`, and each page is one batch. `ge`, not `gt`: lastUpdated has
// millisecond precision and many resources share one, so a resource written later in the cursor's millisecond would
// be skipped by `gt`; the resources at the cursor are read again, and the compared writes leave them untouched.
//
// Offset paging is no snapshot: a resource updated (or deleted) during the pass moves out of the pages already read
// and shifts the rest by one, so one resource could be skipped. The pass notices it (an id read twice, or a total
// that shrank), keeps the cursor where the pass began, and reads the pass once more (at most MAX_PASSES in all).
//
// A resource that cannot be read (no time, text too long, …) is yielded as a rejected batch beside its page's records:
// the run is marked failed with the resource named in the sync log, the rest is imported and the cursor moves on. It
// comes back once the EHR corrects it (a new lastUpdated); while it is the newest of its type, `ge` reads it again and
// each run reports it again. Hard deletes: fhir-sweep.ts, only when `portalIds` is given.
//
// CarePlans are mapped per page, not one by one: a plan version's place can be shared (fhir-map-careplan.ts), so the
// page's places are decided from their families and give removed versions and the CarePlans to write (planRecords).
import { z } from 'zod';
import type { SyncProblem } from '../db/repos/sync-runs.ts';
import type { ClientReportOut, EhrAdapter, Health, ImportRecord, PullBatch } from './adapter.ts';
import { fhirClient, type FhirClient } from './fhir-client.ts';
import { Lookups, noNeeds } from './fhir-lookups.ts';
import { planChanges, type PlanPlace } from './fhir-map-careplan.ts';
import {
  isNursingReport,
  mapResource,
  noteNeeds,
  parseResource,
  PULLED_TYPES,
  type PulledType,
} from './fhir-mapping.ts';
import { pushClientReports } from './fhir-push.ts';
import { CapabilityStatement, type CarePlan } from './fhir-schemas.ts';
import { sweepDeletes, sweepPlans, type PortalIds } from './fhir-sweep.ts';

export const DEFAULT_PAGE_SIZE = 200;
export const DEFAULT_SWEEP_EVERY_MS = 24 * 60 * 60 * 1000;
const MAX_PASSES = 3;

export interface FhirAdapterOptions {
  source: string;
  /** The FHIR base URL without a trailing slash. */
  url: string;
  token: string;
  now: () => Date;
  pageSize?: number;
  /** See ehrIdOf (fhir-lookups.ts): which Patient identifier is the client number `client:link` takes. */
  clientIdSystem?: string | null;
  timeoutMs?: number;
  /** The portal's ids of this source, for the hard-delete sweep. Without it hard deletes are not detected. */
  portalIds?: PortalIds;
  /** How often the sweep runs; 0: every run. */
  sweepEveryMs?: number;
}

const Instant = z.iso.datetime({ offset: true });
const Cursor = z.object({
  ...(Object.fromEntries(PULLED_TYPES.map((t) => [t, Instant.optional()])) as Record<
    PulledType,
    z.ZodOptional<typeof Instant>
  >),
  sweptAt: Instant.optional(),
});
type Cursor = z.infer<typeof Cursor>;

/**
 * A cursor this adapter did not write (none yet, or the file name of a file-drop connection of the same source)
 * starts from the beginning: every import is an idempotent upsert, so reading all again is safe.
 */
function readCursor(raw: string | null): Cursor {
  if (raw === null) return {};
  try {
    const c = Cursor.safeParse(JSON.parse(raw));
    return c.success ? c.data : {};
  } catch {
    return {};
  }
}

type Raw = { resourceType: string; id?: string | undefined; meta?: { lastUpdated?: string | undefined } | undefined };

/** One page as import records, plus what could not be read (reported, the rest of the page still imported). */
async function mapPage(
  type: PulledType,
  raws: Raw[],
  lookups: Lookups,
): Promise<{ records: ImportRecord[]; problems: SyncProblem[] }> {
  const problems: SyncProblem[] = [];
  const parsed: Array<{ r: Parameters<typeof mapResource>[0]; json: Raw }> = [];
  const needs = noNeeds();
  for (const raw of raws) {
    const p = parseResource(type, raw);
    if ('problem' in p) {
      problems.push(p.problem);
      continue;
    }
    if (p.resource.resourceType === 'Observation' && !isNursingReport(raw, p.resource)) continue;
    parsed.push({ r: p.resource, json: raw });
    noteNeeds(p.resource, lookups, needs);
  }
  await lookups.load(needs);
  if (type === 'CarePlan') {
    const carePlans = parsed.map((p) => p.r as CarePlan);
    const places = carePlans.map((cp) => lookups.planOf(cp.id));
    await lookups.loadFamilies(places.map((p) => p.id));
    const changes = planChanges(places, lookups);
    const plans = await planRecords(changes.deletes, [...changes.owners, ...changes.restores], carePlans, lookups);
    // A page's unreadable CarePlan can also be the one of its place: reported once.
    const seen = new Set(problems.map((x) => x.where));
    return { records: plans.records, problems: [...problems, ...plans.problems.filter((x) => !seen.has(x.where))] };
  }
  const records: ImportRecord[] = [];
  for (const { r, json } of parsed) {
    const m = mapResource(r, json, lookups);
    if (m && 'record' in m) records.push(m.record);
    else if (m) problems.push(m.problem);
  }
  return { records, problems };
}

/**
 * A plan's changes as records: the removed versions first, then the CarePlans of their places (those not on the page
 * from the lookups, with what they refer to), earlier versions first. In this order a removed newest version reopens
 * the one before, which is then written with its own end, and an earlier version applied after a later one could
 * not become Historie's.
 */
async function planRecords(
  deletes: PlanPlace[],
  owners: string[],
  page: CarePlan[],
  lookups: Lookups,
): Promise<{ records: ImportRecord[]; problems: SyncProblem[] }> {
  const problems: SyncProblem[] = [];
  const onPage = new Map(page.map((cp) => [cp.id, cp]));
  const needs = noNeeds();
  const mapped: CarePlan[] = [];
  for (const id of new Set(owners)) {
    let cp = onPage.get(id);
    if (!cp) {
      const p = parseResource('CarePlan', lookups.carePlanJson(id));
      if ('problem' in p) {
        problems.push(p.problem);
        continue;
      }
      cp = p.resource as CarePlan;
      noteNeeds(cp, lookups, needs);
    }
    mapped.push(cp);
  }
  await lookups.load(needs);
  const plans: ImportRecord[] = [];
  for (const cp of mapped) {
    const m = mapResource(cp, cp, lookups);
    if (m && 'record' in m) plans.push(m.record);
    else if (m) problems.push(m.problem);
  }
  const version = (x: ImportRecord) => (x.type === 'plan' ? x.version : 0);
  plans.sort((a, b) => version(a) - version(b));
  const removed: ImportRecord[] = deletes.map((d) => ({ type: 'delete', resource: 'plan', ...d }));
  return { records: [...removed, ...plans], problems };
}

const later = (a: string | undefined, b: string | undefined) =>
  !b ? a : !a || Date.parse(b) > Date.parse(a) ? new Date(b).toISOString() : a;

async function* pullType(
  client: FhirClient,
  pageSize: number,
  type: PulledType,
  cursor: Cursor,
  lookups: Lookups,
): AsyncGenerator<PullBatch> {
  for (let pass = 1; ; pass++) {
    const since = cursor[type];
    const q = new URLSearchParams({ _sort: '_lastUpdated', _count: String(pageSize) });
    if (since) q.set('_lastUpdated', `ge${since}`);
    // The ids of this pass only (strings, not resources): what tells an update during the pass.
    const seen = new Set<string>();
    let total: number | undefined;
    let disturbed = false;
    let page = 0;
    let read = 0;
    for await (const bundle of client.pages(`${type}?${q}`)) {
      page++;
      const raws = (bundle.entry ?? [])
        .filter((e) => e.search?.mode !== 'include' && e.resource?.resourceType === type)
        .map((e) => e.resource!);
      if (total !== undefined && bundle.total !== undefined && bundle.total < total) disturbed = true;
      total = bundle.total;
      let newest = cursor[type];
      for (const raw of raws) {
        if (raw.id && seen.has(raw.id)) disturbed = true;
        if (raw.id) seen.add(raw.id);
        newest = later(newest, raw.meta?.lastUpdated);
      }
      const { records, problems } = await mapPage(type, raws, lookups);
      cursor[type] = disturbed ? since : newest;
      const label = `${type} page ${page}${pass > 1 ? ` (read again, ${pass})` : ''}`;
      read += raws.length;
      // Bundle.total is optional in FHIR (many servers leave it out of paged searches): then only the count so far.
      const progress = { of: type, done: read, total };
      if (problems.length > 0) yield { label, progress, rejected: problems };
      if (raws.length > 0) yield { label, progress, records, cursor: JSON.stringify(cursor) };
    }
    if (!disturbed || pass >= MAX_PASSES) return;
  }
}

export function fhirAdapter(o: FhirAdapterOptions): EhrAdapter {
  const client = fhirClient({ url: o.url, token: o.token, ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}) });
  const pageSize = o.pageSize ?? DEFAULT_PAGE_SIZE;
  const sweepEveryMs = o.sweepEveryMs ?? DEFAULT_SWEEP_EVERY_MS;
  const clientIdSystem = o.clientIdSystem ?? null;

  return {
    source: o.source,

    async *pull(raw: string | null): AsyncIterable<PullBatch> {
      const cursor = readCursor(raw);
      // Per run: what one run read of Patients and Practitioners is not trusted in the next.
      const lookups = new Lookups(client, clientIdSystem, o.now());
      for (const type of PULLED_TYPES) yield* pullType(client, pageSize, type, cursor, lookups);
      if (!o.portalIds) return;
      const now = o.now();
      if (cursor.sweptAt && now.getTime() - Date.parse(cursor.sweptAt) < sweepEveryMs) return;
      const deletes = await sweepDeletes(client, o.portalIds);
      // Its own lookups: the plans' families as they are now, not as this run's pages found them.
      const sweepLookups = new Lookups(client, clientIdSystem, now);
      const plans = await sweepPlans(o.portalIds, sweepLookups);
      const { records, problems } = await planRecords(plans.deletes, plans.restores, [], sweepLookups);
      cursor.sweptAt = now.toISOString();
      const label = 'deleted in the EHR (all ids compared)';
      if (problems.length > 0) yield { label, rejected: problems };
      yield { label, records: [...deletes, ...records], cursor: JSON.stringify(cursor) };
    },

    push: (reports: ClientReportOut[]) => pushClientReports(client, clientIdSystem, reports),

    async health(): Promise<Health> {
      try {
        const cs = CapabilityStatement.safeParse(await client.get('metadata'));
        if (!cs.success) return { ok: false, reason: 'FHIR server sent no CapabilityStatement on /metadata' };
        const v = cs.data.fhirVersion;
        return v.startsWith('4.0')
          ? { ok: true }
          : { ok: false, reason: `FHIR version ${v}; the portal speaks R4 (4.0)` };
      } catch (err) {
        return { ok: false, reason: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
