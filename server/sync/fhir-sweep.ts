// Hard deletes. A FHIR server announces no DELETE: the resource is simply gone from every search, `_lastUpdated`
// ones included, and R4 servers need not offer type-level history (the test peer has none). So the adapter compares:
// every `sweepEveryMs` (PORTAL_FHIR_SWEEP_HOURS, default a day; 0: every run, for a small EHR) it lists all ids of
// each swept type and looks for the portal's rows of this source that are missing. Such a list is not a snapshot
// (offset pages shift when the EHR deletes during the listing), so before anything is deleted each missing id is asked
// for once more by `_id`: only what is really gone disappears from the portal.
// Swept: the types whose records the import format can delete (reports, forms, appointments, contacts), and plan
// versions. A Patient gone from the EHR leaves Mijn gegevens as it was: there is no delete of a person.
//
// Plan versions are not listed by id: the portal keeps a plan by its first CarePlan's id and a version by its place,
// not by the CarePlan it came from. So each plan of the portal has its family read again (fhir-lookups.ts: the first
// CarePlan by `_id`, then step by step what `replaces` it; small searches, one page each, so no listing shifts), and
// a version whose place no longer has a CarePlan shown (none on the server, or only one entered in error) goes, by
// the same rule as the pull's (fhir-map-careplan.ts planChanges), so the two never disagree about a place.
import { ehrExternalIds, ehrPlanVersions } from '../db/repos/ehr-import.ts';
import type { Db } from '../db/open.ts';
import type { ImportRecord } from './adapter.ts';
import type { FhirClient } from './fhir-client.ts';
import type { Lookups } from './fhir-lookups.ts';
import { planChanges, type PlanChanges, type PlanPlace } from './fhir-map-careplan.ts';
import { RESOURCE_OF, type PulledType } from './fhir-mapping.ts';

/** The largest page R4 servers commonly allow; the listing wants few requests. */
const LIST_PAGE = 1000;
const IDS_PER_CHECK = 50;

const SWEPT_TYPES = ['Observation', 'QuestionnaireResponse', 'Appointment', 'RelatedPerson'] as const;
type SweptType = (typeof SWEPT_TYPES)[number];
export type SweptResource = (typeof RESOURCE_OF)[SweptType];

/** What of this source the portal has: what could have been deleted in the EHR. */
export interface PortalIds {
  /** The external ids of one kind. */
  ids(resource: SweptResource): string[];
  /** The plans' versions: the plan's id (its first CarePlan's) and version. */
  planVersions(): PlanPlace[];
}

/** The portal's ids of this source, from the repository (ehr-import.ts). */
export function portalIdsOf(db: Db, source: string): PortalIds {
  return {
    ids: (resource) => ehrExternalIds(db, source, resource),
    planVersions: () => ehrPlanVersions(db, source),
  };
}

async function listIds(client: FhirClient, type: PulledType): Promise<Set<string>> {
  const ids = new Set<string>();
  // Sorted by id, an update during the listing moves nothing; `_elements=id` keeps the pages small where supported.
  for await (const page of client.pages(`${type}?_sort=_id&_count=${LIST_PAGE}&_elements=id`)) {
    for (const e of page.entry ?? []) {
      if (e.resource?.resourceType === type && e.resource.id) ids.add(e.resource.id);
    }
  }
  return ids;
}

/** The ids of `candidates` the server still has. */
async function stillThere(client: FhirClient, type: PulledType, candidates: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < candidates.length; i += IDS_PER_CHECK) {
    const chunk = candidates.slice(i, i + IDS_PER_CHECK);
    const q = new URLSearchParams({ _id: chunk.join(','), _count: String(chunk.length), _elements: 'id' });
    for await (const page of client.pages(`${type}?${q}`)) {
      for (const e of page.entry ?? []) if (e.resource?.id) found.add(e.resource.id);
    }
  }
  return found;
}

/** Delete records for the portal's rows whose resource the EHR no longer has. */
export async function sweepDeletes(client: FhirClient, portalIds: PortalIds): Promise<ImportRecord[]> {
  const out: ImportRecord[] = [];
  for (const type of SWEPT_TYPES) {
    const resource = RESOURCE_OF[type];
    const mine = portalIds.ids(resource);
    if (mine.length === 0) continue;
    const theirs = await listIds(client, type);
    const missing = mine.filter((id) => !theirs.has(id));
    if (missing.length === 0) continue;
    const back = await stillThere(client, type, missing);
    for (const id of missing) if (!back.has(id)) out.push({ type: 'delete', resource, id });
  }
  return out;
}

/**
 * The portal's plan versions whose place is withdrawn on the server, and the versions below them to write again (for
 * their own end). `lookups`: this sweep's own, so the families are read now, not taken from the run's pages.
 */
export async function sweepPlans(portalIds: PortalIds, lookups: Lookups): Promise<Omit<PlanChanges, 'owners'>> {
  const mine = portalIds.planVersions();
  if (mine.length === 0) return { deletes: [], restores: [] };
  await lookups.loadFamilies(mine.map((p) => p.id));
  const { deletes, restores } = planChanges(mine, lookups);
  return { deletes, restores };
}
