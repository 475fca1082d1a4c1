// What the pulled resources refer to, fetched once per run and kept for that run only: a Patient's client number in
// the EHR (what `client:link --ehr-id` links), a Practitioner (name, role, photo), a Questionnaire's title. Fetched per
// page for the ids not seen yet, with one `_id=a,b,c` search per type (the peer, Medplum's in-memory repository,
// ignores `_include`; every R4 server supports `_id`), so a page costs at most a few extra requests.
import type { z } from 'zod';
import { parseOrThrow, type FhirClient } from './fhir-client.ts';
import {
  Patient,
  Practitioner,
  Questionnaire,
  type Identifier,
  type Patient as PatientT,
  type Practitioner as PractitionerT,
  type Reference,
} from './fhir-schemas.ts';

export const BSN_SYSTEM = 'http://fhir.nl/fhir/NamingSystem/bsn';
/** Ids per `_id` search: keeps the URL well under the 8 KB many proxies allow. */
const IDS_PER_SEARCH = 50;

/** The id in a literal reference to `type`: `Patient/1`, `Patient/1/_history/2`, or absolute on our server's base. */
export function referencedId(ref: Reference | undefined, type: string, base: string): string | null {
  let r = ref?.reference;
  if (!r) return null;
  if (r.startsWith(`${base}/`)) r = r.slice(base.length + 1);
  const m = /^([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[^/]+)?$/.exec(r);
  return m && m[1] === type ? m[2]! : null;
}

function isClientNumber(i: Identifier, system: string | null): boolean {
  if (!i.value) return false;
  return system ? i.system === system : i.system !== BSN_SYSTEM;
}

/**
 * The client's number in the EHR, as `client:link --ehr-id` takes it: the value of the Patient's identifier of
 * PORTAL_FHIR_CLIENT_ID_SYSTEM; without that setting, the identifier with use `usual`, else the only one that is not
 * a BSN (the BSN is never used as a link: it is not the EHR's own number and the portal has no need to store it).
 * A Patient with none of these is known as `Patient/<id>`: its records are reported as not linked, never guessed.
 */
export function ehrIdOf(p: PatientT, system: string | null): string {
  const ids = (p.identifier ?? []).filter((i) => isClientNumber(i, system));
  const pick = system ? ids[0] : (ids.find((i) => i.use === 'usual') ?? (ids.length === 1 ? ids[0] : undefined));
  return pick?.value ?? `Patient/${p.id}`;
}

export interface Needs {
  patients: Set<string>;
  practitioners: Set<string>;
  questionnaires: Set<string>;
}

export const noNeeds = (): Needs => ({ patients: new Set(), practitioners: new Set(), questionnaires: new Set() });

/** What the mapping asks, synchronously, once `load` fetched a page's needs. */
export interface Refs {
  /** The client's EHR number of a subject or participant; null when it is no Patient. */
  clientOf(ref: Reference | undefined): string | null;
  /** A referenced Practitioner (resource null: not on the server); undefined when the reference is none. */
  practitioner(ref: Reference | undefined): { id: string; resource: PractitionerT | null } | undefined;
  questionnaireTitle(canonical: string | undefined): string | null;
}

export class Lookups implements Refs {
  private readonly patients = new Map<string, string>();
  private readonly practitioners = new Map<string, PractitionerT | null>();
  private readonly questionnaires = new Map<string, string | null>();

  constructor(
    private readonly client: FhirClient,
    private readonly clientIdSystem: string | null,
  ) {}

  /** Notes what a resource refers to, for `load`. */
  need(needs: Needs, type: 'Patient' | 'Practitioner', ref: Reference | undefined): void {
    const id = referencedId(ref, type, this.client.base);
    if (id === null) return;
    if (type === 'Patient' && !this.patients.has(id)) needs.patients.add(id);
    if (type === 'Practitioner' && !this.practitioners.has(id)) needs.practitioners.add(id);
  }

  needQuestionnaire(needs: Needs, canonical: string | undefined): void {
    if (canonical && !this.questionnaires.has(canonical)) needs.questionnaires.add(canonical);
  }

  async load(needs: Needs): Promise<void> {
    for (const p of await this.byIds('Patient', needs.patients, Patient)) {
      this.patients.set(p.id, ehrIdOf(p, this.clientIdSystem));
    }
    const found = await this.byIds('Practitioner', needs.practitioners, Practitioner);
    for (const id of needs.practitioners) this.practitioners.set(id, null);
    for (const p of found) this.practitioners.set(p.id, p);
    for (const canonical of needs.questionnaires) {
      const [url, version] = canonical.split('|');
      const q = new URLSearchParams({ url: url!, _count: '10' });
      if (version) q.set('version', version);
      let title: string | null = null;
      for await (const page of this.client.pages(`Questionnaire?${q}`)) {
        for (const e of page.entry ?? []) {
          if (e.resource?.resourceType !== 'Questionnaire') continue;
          const r = parseOrThrow(Questionnaire, e.resource, 'Questionnaire');
          title ??= r.title?.trim() || r.name?.trim() || null;
        }
      }
      this.questionnaires.set(canonical, title);
    }
  }

  private async byIds<T extends { id: string }>(type: string, ids: Set<string>, schema: z.ZodType<T>): Promise<T[]> {
    const out: T[] = [];
    const all = [...ids];
    for (let i = 0; i < all.length; i += IDS_PER_SEARCH) {
      const chunk = all.slice(i, i + IDS_PER_SEARCH);
      const q = new URLSearchParams({ _id: chunk.join(','), _count: String(chunk.length) });
      for await (const page of this.client.pages(`${type}?${q}`)) {
        for (const e of page.entry ?? []) {
          if (e.resource?.resourceType === type) out.push(parseOrThrow(schema, e.resource, type));
        }
      }
    }
    return out;
  }

  clientOf(ref: Reference | undefined): string | null {
    const id = referencedId(ref, 'Patient', this.client.base);
    if (id !== null) return this.patients.get(id) ?? `Patient/${id}`;
    // A logical reference by the client number itself: typed, or an identifier of a Practitioner would pass.
    const i = ref?.identifier;
    return i && ref.type === 'Patient' && !ref.reference && isClientNumber(i, this.clientIdSystem) ? i.value! : null;
  }

  practitioner(ref: Reference | undefined): { id: string; resource: PractitionerT | null } | undefined {
    const id = referencedId(ref, 'Practitioner', this.client.base);
    return id === null ? undefined : { id, resource: this.practitioners.get(id) ?? null };
  }

  questionnaireTitle(canonical: string | undefined): string | null {
    return canonical ? (this.questionnaires.get(canonical) ?? null) : null;
  }
}
