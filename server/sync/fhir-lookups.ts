// What the pulled resources refer to, fetched once per run and kept for that run only: a Patient's client number in
// the EHR (what `client:link --ehr-id` links), a Practitioner (name, role, photo), a Questionnaire's title, a Goal's
// text, and the CarePlans a CarePlan `replaces` (back to the first: its plan id and version). Fetched per
// page for the ids not seen yet, with one `_id=a,b,c` search per type (the peer, Medplum's in-memory repository,
// ignores `_include`; every R4 server supports `_id`), so a page costs at most a few extra requests.
//
// A plan's family: every CarePlan whose chain leads back to the same first one, found forwards from it with the R4
// search parameter `replaces` (one search per step, for all plans of a page at once). A plan version's place
// (planOf) is its depth in the family; the family says which CarePlans share a place (a correction replacing the same
// version as the one entered in error), so fhir-map-careplan.ts can decide a place from all of them, never from
// whichever was read last.
import { z } from 'zod';
import { parseOrThrow, type FhirClient } from './fhir-client.ts';
import {
  CarePlanLink,
  Goal,
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
/** How far a chain of `replaces` is followed back: more versions than any plan has, and a guard against loops. */
const MAX_CHAIN = 100;
/** The children of 50 CarePlans fit one page: no offset paging, so nothing shifts while a family is read. */
const FAMILY_PAGE = 1000;

/** What the plan mapping needs of a CarePlan it does not map itself: its place, whether it is shown, its age. */
export interface CarePlanNode {
  id: string;
  /** The CarePlan it replaces (the first reference); null: the first of its chain. */
  replaces: string | null;
  status: string | undefined;
  /** created, else period.start: which of two CarePlans in one place is the later. */
  since: string | undefined;
}

/** A CarePlan read besides a page: its place and status; the whole resource is kept as received, for mapping. */
const CarePlanNodeJson = CarePlanLink.extend({
  status: z.string().optional(),
  created: z.string().optional(),
  period: z.object({ start: z.string().optional() }).optional(),
});
type CarePlanLike = z.infer<typeof CarePlanNodeJson>;

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
  goals: Set<string>;
  carePlans: Set<string>;
}

export const noNeeds = (): Needs => ({
  patients: new Set(),
  practitioners: new Set(),
  questionnaires: new Set(),
  goals: new Set(),
  carePlans: new Set(),
});

/** What the mapping asks, synchronously, once `load` fetched a page's needs. */
export interface Refs {
  /** The client's EHR number of a subject or participant; null when it is no Patient. */
  clientOf(ref: Reference | undefined): string | null;
  /** A referenced Practitioner (resource null: not on the server); undefined when the reference is none. */
  practitioner(ref: Reference | undefined): { id: string; resource: PractitionerT | null } | undefined;
  questionnaireTitle(canonical: string | undefined): string | null;
}

/** What the mapping of Patients, RelatedPersons and CarePlans asks besides (fhir-map-client.ts, fhir-map-careplan.ts). */
export interface ClientRefs extends Refs {
  /** The client number of a Patient read itself (ehrIdOf with this connection's setting). */
  clientNumberOf(p: PatientT): string;
  /** A referenced Goal's text; null when it is not on the server or no Goal. */
  goalText(ref: Reference | undefined): string | null;
  /** The plan a CarePlan belongs to: the id of the first CarePlan of its `replaces` chain, and its place in it. */
  planOf(carePlanId: string): { id: string; version: number };
  /** The CarePlans on the server in a plan's place (version), once its family is loaded (loadFamilies). */
  claimants(planId: string, version: number): CarePlanNode[];
  /** The run's time: a contact whose period ended is no contact any more. */
  now(): Date;
}

export class Lookups implements ClientRefs {
  private readonly patients = new Map<string, string>();
  private readonly practitioners = new Map<string, PractitionerT | null>();
  private readonly questionnaires = new Map<string, string | null>();
  private readonly goals = new Map<string, string | null>();
  /** CarePlans by id, read on a page or besides (null: not on the server; the chain starts there). */
  private readonly nodes = new Map<string, CarePlanNode | null>();
  /** The CarePlans read besides a page, as received: a place's CarePlan may have to be mapped from here. */
  private readonly raws = new Map<string, unknown>();
  /** CarePlan id → the CarePlans that replace it (first reference), for each CarePlan of a loaded family. */
  private readonly children = new Map<string, Set<string>>();
  private readonly families = new Set<string>();

  constructor(
    private readonly client: FhirClient,
    private readonly clientIdSystem: string | null,
    private readonly at: Date = new Date(),
  ) {}

  /** Notes what a resource refers to, for `load`. */
  need(needs: Needs, type: 'Patient' | 'Practitioner' | 'Goal' | 'CarePlan', ref: Reference | undefined): void {
    const id = referencedId(ref, type, this.client.base);
    if (id === null) return;
    if (type === 'Patient' && !this.patients.has(id)) needs.patients.add(id);
    if (type === 'Practitioner' && !this.practitioners.has(id)) needs.practitioners.add(id);
    if (type === 'Goal' && !this.goals.has(id)) needs.goals.add(id);
    if (type === 'CarePlan' && !this.nodes.has(id)) needs.carePlans.add(id);
  }

  /** A Patient or CarePlan of a page is known as it is: what the page's other resources need of it is not fetched. */
  know(r: PatientT | CarePlanLike): void {
    if (r.resourceType === 'Patient') {
      this.patients.set(r.id, ehrIdOf(r, this.clientIdSystem));
      return;
    }
    const node: CarePlanNode = {
      id: r.id,
      replaces: referencedId(r.replaces?.[0], 'CarePlan', this.client.base),
      status: r.status,
      since: r.created ?? r.period?.start,
    };
    const before = this.nodes.get(r.id);
    this.nodes.set(r.id, node);
    // Within a loaded family a CarePlan read later in the run (a new version, one moved elsewhere) takes its place.
    if (before?.replaces && before.replaces !== node.replaces) {
      this.children.get(before.replaces)?.delete(r.id);
    }
    if (node.replaces) this.children.get(node.replaces)?.add(r.id);
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
    const goals = await this.byIds('Goal', needs.goals, Goal);
    for (const id of needs.goals) this.goals.set(id, null);
    for (const g of goals)
      this.goals.set(g.id, g.description.text?.trim() || g.description.coding?.[0]?.display || null);
    await this.loadChains(needs.carePlans);
  }

  /** The replaced CarePlans, round by round back to the first of each chain (one `_id` search per round). */
  private async loadChains(ids: Set<string>): Promise<void> {
    let wanted = [...ids].filter((id) => !this.nodes.has(id));
    for (let round = 0; wanted.length > 0 && round < MAX_CHAIN; round++) {
      const found = await this.carePlans('_id', wanted);
      for (const id of wanted) if (!this.nodes.has(id)) this.nodes.set(id, null); // not on the server: a first one
      wanted = found
        .map((c) => this.nodes.get(c.id)?.replaces)
        .filter((id): id is string => !!id && !this.nodes.has(id));
    }
  }

  /**
   * The families of these plans (ids of their first CarePlans), each once per run: the first CarePlan by `_id` where
   * it is not known yet, then step by step the CarePlans that replace one of the step before.
   */
  async loadFamilies(planIds: Iterable<string>): Promise<void> {
    const roots = [...new Set(planIds)].filter((id) => !this.families.has(id));
    if (roots.length === 0) return;
    for (const id of roots) this.families.add(id);
    await this.loadChains(new Set(roots));
    const seen = new Set(roots);
    let step = roots;
    for (let depth = 1; step.length > 0 && depth < MAX_CHAIN; depth++) {
      const parents = new Set(step);
      for (const id of step) if (!this.children.has(id)) this.children.set(id, new Set());
      const found = await this.carePlans(
        'replaces',
        step.map((id) => `CarePlan/${id}`),
      );
      // `replaces` matches any of a CarePlan's references; its place comes from the first, as in planOf.
      const next = found.filter((c) => {
        const parent = this.nodes.get(c.id)?.replaces;
        return !!parent && parents.has(parent) && !seen.has(c.id);
      });
      for (const c of next) {
        seen.add(c.id);
        this.children.get(this.nodes.get(c.id)!.replaces!)!.add(c.id);
      }
      step = next.map((c) => c.id);
    }
  }

  /** CarePlans by a search on `param` (ids or references), 50 values per search; known and kept as received. */
  private async carePlans(param: '_id' | 'replaces', values: string[]): Promise<CarePlanLike[]> {
    const out: CarePlanLike[] = [];
    for (let i = 0; i < values.length; i += IDS_PER_SEARCH) {
      const chunk = values.slice(i, i + IDS_PER_SEARCH);
      const q = new URLSearchParams({ [param]: chunk.join(','), _count: String(FAMILY_PAGE) });
      for await (const page of this.client.pages(`CarePlan?${q}`)) {
        for (const e of page.entry ?? []) {
          if (e.resource?.resourceType !== 'CarePlan') continue;
          const c = parseOrThrow(CarePlanNodeJson, e.resource, 'CarePlan');
          this.know(c);
          this.raws.set(c.id, e.resource);
          out.push(c);
        }
      }
    }
    return out;
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

  clientNumberOf(p: PatientT): string {
    return ehrIdOf(p, this.clientIdSystem);
  }

  goalText(ref: Reference | undefined): string | null {
    const id = referencedId(ref, 'Goal', this.client.base);
    return id === null ? null : (this.goals.get(id) ?? null);
  }

  planOf(carePlanId: string): { id: string; version: number } {
    const chain = [carePlanId];
    for (let at = this.nodes.get(carePlanId)?.replaces; at && !chain.includes(at) && chain.length < MAX_CHAIN;) {
      chain.push(at);
      at = this.nodes.get(at)?.replaces;
    }
    return { id: chain.at(-1)!, version: chain.length };
  }

  claimants(planId: string, version: number): CarePlanNode[] {
    if (!this.families.has(planId)) throw new Error(`plan ${planId}: its family was not loaded`);
    let step = [planId];
    for (let depth = 1; depth < version && step.length > 0; depth++) {
      step = step.flatMap((id) => [...(this.children.get(id) ?? [])]);
    }
    return step.map((id) => this.nodes.get(id)).filter((n): n is CarePlanNode => !!n);
  }

  /** A CarePlan read besides the pages (a chain or family member), as received; undefined when not read so. */
  carePlanJson(id: string): unknown {
    return this.raws.get(id);
  }

  now(): Date {
    return this.at;
  }
}
