// CarePlan (+ its Goals) → one version of a care plan (the import record `plan`), for fhir-mapping.ts; which
// versions a page of CarePlans (or the sweep) writes or removes: planChanges, for fhir-adapter.ts and fhir-sweep.ts.
//
// Plan and version: in FHIR each version of a care plan is a CarePlan of its own, and a new one `replaces` the one
// before. The CarePlans of one such chain are one plan in the portal: its id is the id of the first CarePlan of the
// chain (followed back through `replaces`, the first reference where there are several; the lookups fetch the
// replaced ones by `_id`), its version the CarePlan's place in the chain (1 for the first). Not the identifier: EHRs
// give each version an identifier of its own (the fixtures do). Not meta.versionId: that counts every edit of one
// CarePlan, not the plan's versions. A replaced CarePlan that is no longer on the server still counts: its id comes
// from the reference.
//
// A place is not one CarePlan: an EHR that corrects a version enters it in error and replaces the version before it
// anew, so two CarePlans share the place (both replace the same one); two active ones may too. So a place is decided
// from all CarePlans in it on the server (the family, fhir-lookups.ts), never from the one read last: the place's
// version is the shown one among them (the later `created`, else period.start, then the greater id); with none shown
// and one entered in error (or none left on the server: the sweep) the place is withdrawn and its version removed,
// and the nearest shown version below it is written again, so the one it had closed is current again with its own
// end (the removal alone can only reopen it without one). A place with only a draft (or unknown) is left as it is.
// The portal does not store which CarePlan a version came from, so a CarePlan deleted outright from the middle of a
// chain cuts it: the later ones are a plan of their own from then on (the sweep removes them from the first).
//
// title (else "Zorgplan"); validFrom: period.start (else created); validTo: the end of period.end's day (a date is
// included whole; the portal's plans are valid in [from, to)), also in Amsterdam time; a newer version closes the
// older ones where it starts (apply-batch.ts). Content:
//   mainGoals: the Goals of `goal`, by their description (a Goal not on the server is left out);
//   workPlans: the activities' details, one work plan per discipline: the qualification of the detail's first
//     performer Practitioner (e.g. "Verzorgende IG"), else the performer's display (a team), else "Zorg"; its goals:
//     the details' `goal` references; its actions: their descriptions (else code). Cancelled or entered-in-error
//     activities are left out;
//   evaluations: the CarePlan's notes, with their day (Amsterdam time).
// Statuses: active, on-hold, completed and revoked (R4: ended before completion, still a plan that was) are plan
// versions; entered-in-error withdraws one; draft is not yet one.
import type { CarePlanContent } from '../../shared/api/dossier.ts';
import type { CarePlanNode, ClientRefs, Lookups, Needs } from './fhir-lookups.ts';
import type { CarePlan } from './fhir-schemas.ts';
import { clip, conceptText, dayOf, endInstant, startInstant } from './fhir-values.ts';

const SHOWN = new Set(['active', 'on-hold', 'completed', 'revoked']);
const LEFT_OUT = new Set(['cancelled', 'entered-in-error']);
const TEXT_MAX = 2_000;

/** What a CarePlan needs read besides: its client, the CarePlan it replaces, its Goals, the performers. */
export function noteCarePlanNeeds(cp: CarePlan, lookups: Lookups, needs: Needs): void {
  lookups.need(needs, 'Patient', cp.subject);
  lookups.know(cp);
  lookups.need(needs, 'CarePlan', cp.replaces?.[0]);
  for (const g of cp.goal ?? []) lookups.need(needs, 'Goal', g);
  for (const a of cp.activity ?? []) {
    for (const p of a.detail?.performer ?? []) lookups.need(needs, 'Practitioner', p);
    for (const g of a.detail?.goal ?? []) lookups.need(needs, 'Goal', g);
  }
}

const unique = (xs: Array<string | null | undefined>): string[] => [
  ...new Set(xs.map((x) => x?.trim()).filter((x): x is string => !!x)),
];

type Activity = NonNullable<CarePlan['activity']>[number];

function disciplineOf(a: Activity, refs: ClientRefs): string {
  const first = a.detail?.performer?.[0];
  const practitioner = refs.practitioner(first)?.resource;
  const role = practitioner && conceptText(practitioner.qualification?.[0]?.code);
  return clip(role ?? first?.display, 80) ?? 'Zorg';
}

function contentOf(cp: CarePlan, refs: ClientRefs): CarePlanContent {
  const plans = new Map<string, { goals: Array<string | null>; actions: Array<string | null> }>();
  for (const a of cp.activity ?? []) {
    const d = a.detail;
    if (!d || LEFT_OUT.has(d.status ?? '')) continue;
    const discipline = disciplineOf(a, refs);
    const w = plans.get(discipline) ?? { goals: [], actions: [] };
    plans.set(discipline, w);
    w.goals.push(...(d.goal ?? []).map((g) => refs.goalText(g)));
    w.actions.push(clip(d.description ?? conceptText(d.code), TEXT_MAX));
  }
  return {
    mainGoals: unique((cp.goal ?? []).map((g) => clip(refs.goalText(g), TEXT_MAX))),
    workPlans: [...plans].map(([discipline, w]) => ({
      discipline,
      goals: unique(w.goals),
      actions: unique(w.actions),
    })),
    evaluations: (cp.note ?? [])
      .map((n) => ({ date: dayOf(n.time), text: clip(n.text, TEXT_MAX) ?? '' }))
      .filter((e) => e.text !== ''),
  };
}

/** A plan version, or null when the CarePlan is none to show (draft, withdrawn) or about no Patient. */
export function planRecord(cp: CarePlan, refs: ClientRefs): object | null {
  if (!SHOWN.has(cp.status)) return null;
  const client = refs.clientOf(cp.subject);
  if (client === null) return null;
  const { id, version } = refs.planOf(cp.id);
  return {
    type: 'plan',
    id,
    client,
    version,
    title: clip(cp.title, 200) ?? 'Zorgplan',
    validFrom: startInstant(cp.period?.start ?? cp.created),
    validTo: endInstant(cp.period?.end) ?? null,
    content: contentOf(cp, refs),
  };
}

/** A plan's place: its version. */
export interface PlanPlace {
  id: string;
  version: number;
}

/** What a set of places comes to: versions removed, and the CarePlans to map as the versions of their places. */
export interface PlanChanges {
  deletes: PlanPlace[];
  /** The shown CarePlans of the places asked about. */
  owners: string[];
  /** The shown CarePlans below a removed version: written again, for their own end. */
  restores: string[];
}

const sinceOf = (n: CarePlanNode) => Date.parse(startInstant(n.since) ?? '') || 0;

/** The version of a place: its shown CarePlan; withdrawn (entered in error, or none on the server); null: left. */
export function placeOf(claimants: CarePlanNode[]): { owner: string } | 'withdrawn' | null {
  const shown = claimants.filter((n) => SHOWN.has(n.status ?? ''));
  if (shown.length > 0) {
    shown.sort((a, b) => sinceOf(b) - sinceOf(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    return { owner: shown[0]!.id };
  }
  return claimants.length === 0 || claimants.some((n) => n.status === 'entered-in-error') ? 'withdrawn' : null;
}

/** The changes of these places, from their families (loaded: Lookups.loadFamilies). Only the server's state counts. */
export function planChanges(places: Iterable<PlanPlace>, refs: Pick<ClientRefs, 'claimants'>): PlanChanges {
  const out: PlanChanges = { deletes: [], owners: [], restores: [] };
  const done = new Set<string>();
  for (const p of places) {
    const key = `${p.id}#${p.version}`;
    if (done.has(key)) continue;
    done.add(key);
    const place = placeOf(refs.claimants(p.id, p.version));
    if (place === null) continue;
    if (place !== 'withdrawn') {
      out.owners.push(place.owner);
      continue;
    }
    out.deletes.push(p);
    for (let v = p.version - 1; v >= 1; v--) {
      const below = placeOf(refs.claimants(p.id, v));
      if (below !== null && below !== 'withdrawn') {
        out.restores.push(below.owner);
        break;
      }
    }
  }
  return out;
}
