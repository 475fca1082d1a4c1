// CarePlan (+ its Goals) → one version of a care plan (the import record `plan`), for fhir-mapping.ts.
//
// Plan and version: in FHIR each version of a care plan is a CarePlan of its own, and a new one `replaces` the one
// before. The CarePlans of one such chain are one plan in the portal: its id is the id of the first CarePlan of the
// chain (followed back through `replaces`, the first reference where there are several; the lookups fetch the
// replaced ones by `_id`), its version the CarePlan's place in the chain (1 for the first). Not the identifier: EHRs
// give each version an identifier of its own (the fixtures do). Not meta.versionId: that counts every edit of one
// CarePlan, not the plan's versions. A replaced CarePlan that is no longer on the server still counts: its id comes
// from the reference. Two CarePlans that replace the same one would both be version 2 of it; the later read wins.
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
// Statuses: active, on-hold, completed and revoked (ended early) are plan versions. draft is not yet one: not read.
// entered-in-error (and an unknown status) is not read either: the import format has no delete of a plan version, so
// one shown before stays until the format has such a delete — a known gap, not guessed around.
// Hard deletes likewise: the sweep (fhir-sweep.ts) leaves plans alone.
import type { CarePlanContent } from '../../shared/api/dossier.ts';
import type { ClientRefs, Lookups, Needs } from './fhir-lookups.ts';
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
