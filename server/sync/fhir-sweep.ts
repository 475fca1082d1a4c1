// Hard deletes. A FHIR server announces no DELETE: the resource is simply gone from every search, `_lastUpdated`
// ones included, and R4 servers need not offer type-level history (the test peer has none). So the adapter compares:
// every `sweepEveryMs` (PORTAL_FHIR_SWEEP_HOURS, default a day; 0: every run, for a small EHR) it lists all ids of
// each swept type and looks for the portal's rows of this source that are missing. Such a list is not a snapshot
// (offset pages shift when the EHR deletes during the listing), so before anything is deleted each missing id is asked
// for once more by `_id`: only what is really gone disappears from the portal.
// Swept: the types whose records the import format can delete (reports, forms, appointments, contacts). A Patient or
// CarePlan gone from the EHR leaves Mijn gegevens and the plans as they were: there is no delete of a person or a plan.
import { ehrExternalIds } from '../db/repos/ehr-import.ts';
import type { Db } from '../db/open.ts';
import type { ImportRecord } from './adapter.ts';
import type { FhirClient } from './fhir-client.ts';
import { RESOURCE_OF, type PulledType } from './fhir-mapping.ts';

/** The largest page R4 servers commonly allow; the listing wants few requests. */
const LIST_PAGE = 1000;
const IDS_PER_CHECK = 50;

const SWEPT_TYPES = ['Observation', 'QuestionnaireResponse', 'Appointment', 'RelatedPerson'] as const;
type SweptType = (typeof SWEPT_TYPES)[number];
export type SweptResource = (typeof RESOURCE_OF)[SweptType];

/** The portal's external ids of one kind from this source: what could have been deleted in the EHR. */
export type PortalIds = (resource: SweptResource) => string[];

/** The portal's ids of this source, per resource, from the repository (ehr-import.ts). */
export function portalIdsOf(db: Db, source: string): PortalIds {
  return (resource) => ehrExternalIds(db, source, resource);
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
    const mine = portalIds(resource);
    if (mine.length === 0) continue;
    const theirs = await listIds(client, type);
    const missing = mine.filter((id) => !theirs.has(id));
    if (missing.length === 0) continue;
    const back = await stillThere(client, type, missing);
    for (const id of missing) if (!back.has(id)) out.push({ type: 'delete', resource, id });
  }
  return out;
}
