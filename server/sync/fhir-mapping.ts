// FHIR R4 resources → the portal's import records (the file-drop format, shared/sync/file-drop.ts), so both adapters
// feed the same apply-batch.ts. Each mapped record is checked with that format's rules: what the file-drop adapter
// would refuse, this one reports too (by resource and element), instead of writing it. A report (most of any import)
// is checked by reportRecord below, which does without zod when the record plainly meets the rules.
//
// Observation → report, only nursing reports ("rapportages"): the text of the observation is its point (valueString
// and/or note), it has no other value[x] and no HL7 measurement category (vital-signs, laboratory, …). A body weight
// (valueQuantity, vital-signs) or a lab value is not for the portal: not yielded at all, so not counted either. The
// portal's own pushed client reports (identifier system PORTAL_REPORT_SYSTEM) are not read back as reports.
//   category (not HL7's) → discipline; performer → author; effective[x] (else issued) → occurredAt;
//   valueString + note texts → text; code.text (else its first display) → title.
// QuestionnaireResponse → form: the Questionnaire's title; every answered or leaf item → a field (label: item text).
// Appointment → appointment: the Patient participant → client; the (primary) Practitioner → staff with photo;
//   the Location participant's display → location; description (else service type) → description. A Practitioner
//   is read with the appointments that name him: a new photo in the EHR shows once one of his appointments changes.
// Shown statuses are listed in SHOWN; any other (entered-in-error, cancelled, in-progress, …) → a delete record, so
// a withdrawn record disappears, and one that was never shown is counted as skipped.
// Patient → person and RelatedPerson → contact: fhir-map-client.ts; CarePlan (+ Goal) → plan: fhir-map-careplan.ts.
import { FileDropRecord } from '../../shared/sync/file-drop.ts';
import type { SyncProblem } from '../db/repos/sync-runs.ts';
import type { ImportRecord } from './adapter.ts';
import type { ClientRefs, Needs, Lookups, Refs } from './fhir-lookups.ts';
import { noteCarePlanNeeds, planRecord } from './fhir-map-careplan.ts';
import { contactRecord, personRecord } from './fhir-map-client.ts';
import {
  Appointment,
  CarePlan,
  Observation,
  PatientDetails,
  QuestionnaireResponse,
  RelatedPerson,
  type Practitioner,
  type QuestionnaireAnswer,
  type QuestionnaireItem,
} from './fhir-schemas.ts';
import { clip, conceptText, personName, usablePhoto } from './fhir-values.ts';

/**
 * In this order: the types that came first keep their place (and their requests come first in a run); the client's
 * own data follow. Plan versions are ordered within their page (fhir-adapter.ts); every record names its client.
 */
export const PULLED_TYPES = [
  'Observation',
  'QuestionnaireResponse',
  'Appointment',
  'Patient',
  'RelatedPerson',
  'CarePlan',
] as const;
export type PulledType = (typeof PULLED_TYPES)[number];
/** The types of the client's records (report, form, appointment): their status says what is shown. */
type RecordType = 'Observation' | 'QuestionnaireResponse' | 'Appointment';

/** The identifier system of a client report the portal pushed: its value is the portal's id. */
export const PORTAL_REPORT_SYSTEM = 'https://clientportaal.nl/client-report';
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const MEASUREMENT_CATEGORIES = new Set([
  'vital-signs',
  'laboratory',
  'imaging',
  'procedure',
  'survey',
  'exam',
  'therapy',
]);
const PRIMARY_PERFORMER = 'PPRF';

/** Statuses shown in the portal; any other status removes the record (or never brings it in). */
const SHOWN: Record<RecordType, Set<string>> = {
  Observation: new Set(['final', 'amended', 'corrected', 'preliminary']),
  QuestionnaireResponse: new Set(['completed', 'amended']),
  Appointment: new Set(['booked', 'arrived', 'checked-in', 'fulfilled', 'noshow']),
};
/** The portal's record kind of each pulled type. */
export const RESOURCE_OF = {
  Observation: 'report',
  QuestionnaireResponse: 'form',
  Appointment: 'appointment',
  Patient: 'person',
  RelatedPerson: 'contact',
  CarePlan: 'plan',
} as const satisfies Record<PulledType, string>;
/** Where a record's field came from, so a problem names what to fix in the EHR. */
const ELEMENT: Record<string, string> = {
  client: 'subject',
  occurredAt: 'effective[x]/authored',
  text: 'valueString/note',
  fields: 'item',
  start: 'start',
  end: 'end',
  name: 'name',
  birthDate: 'birthDate',
  email: 'telecom',
  title: 'title',
  validFrom: 'period.start',
  validTo: 'period.end',
  content: 'goal/activity/note',
};

type RecordParsed = Observation | QuestionnaireResponse | Appointment;
type Parsed = RecordParsed | PatientDetails | RelatedPerson | CarePlan;
export type Mapped = { record: ImportRecord } | { problem: SyncProblem } | null;

const SCHEMA = {
  Observation,
  QuestionnaireResponse,
  Appointment,
  Patient: PatientDetails,
  RelatedPerson,
  CarePlan,
} as const;

/** Checks a resource of a search page against its schema. */
export function parseResource(type: RecordType, raw: unknown): { resource: RecordParsed } | { problem: SyncProblem };
export function parseResource(type: PulledType, raw: unknown): { resource: Parsed } | { problem: SyncProblem };
export function parseResource(type: PulledType, raw: unknown): { resource: Parsed } | { problem: SyncProblem } {
  const r = SCHEMA[type].safeParse(raw);
  if (r.success) return { resource: r.data };
  const id = (raw as { id?: unknown }).id;
  const i = r.error.issues[0]!;
  return { problem: { where: `${type}/${String(id)}`, message: `${i.path.join('.') || 'resource'}: ${i.message}` } };
}

export function practitionerName(p: Practitioner): string | null {
  return personName(p.name, 120);
}

const isMeasurement = (k: { system?: string | undefined; code?: string | undefined }) =>
  k.system === OBSERVATION_CATEGORY && MEASUREMENT_CATEGORIES.has(k.code ?? '');

/** A nursing report, not a measurement; see the header. `raw` is the unparsed resource: its value[x] keys. */
export function isNursingReport(raw: object, o: Observation): boolean {
  if (o.identifier?.some((i) => i.system === PORTAL_REPORT_SYSTEM)) return false;
  if (o.category?.some((c) => c.coding?.some(isMeasurement))) return false;
  if (Object.keys(raw).some((k) => k.startsWith('value') && k !== 'valueString')) return false;
  return SHOWN.Observation.has(o.status) ? reportText(o) !== '' : true;
}

function reportText(o: Observation): string {
  return [o.valueString, ...(o.note ?? []).map((n) => n.text)]
    .map((t) => t?.trim())
    .filter(Boolean)
    .join('\n\n');
}

/** Notes what a page's resources need (Patients, Practitioners, …: Lookups.load fetches them). */
export function noteNeeds(r: Parsed, lookups: Lookups, needs: Needs): void {
  if (r.resourceType === 'Patient') {
    lookups.know(r);
  } else if (r.resourceType === 'RelatedPerson') {
    lookups.need(needs, 'Patient', r.patient);
  } else if (r.resourceType === 'CarePlan') {
    noteCarePlanNeeds(r, lookups, needs);
  } else if (r.resourceType === 'Observation') {
    lookups.need(needs, 'Patient', r.subject);
    // A performer with a display needs no read; one without is looked up for its name.
    for (const p of r.performer ?? []) if (!p.display) lookups.need(needs, 'Practitioner', p);
  } else if (r.resourceType === 'QuestionnaireResponse') {
    lookups.need(needs, 'Patient', r.subject);
    if (!r.author?.display) lookups.need(needs, 'Practitioner', r.author);
    lookups.needQuestionnaire(needs, r.questionnaire);
  } else {
    for (const p of r.participant ?? []) {
      lookups.need(needs, 'Patient', p.actor);
      lookups.need(needs, 'Practitioner', p.actor); // always: the photo comes from the resource
    }
  }
}

function authorOf(refs: Refs, candidates: Array<{ display?: string | undefined } | undefined>): string | null {
  for (const ref of candidates) {
    if (ref?.display?.trim()) return clip(ref.display, 120);
    const p = refs.practitioner(ref)?.resource;
    if (p) return practitionerName(p);
  }
  return null;
}

/** A report as observationRecord builds it, before the file-drop format's rules are checked. */
interface ReportCandidate {
  type: 'report';
  id: string;
  client: string;
  occurredAt: string | undefined;
  title: string | null;
  text: string;
  author: string | null;
  discipline: string | null;
}

function observationRecord(o: Observation, refs: Refs, client: string): ReportCandidate {
  const discipline = (o.category ?? [])
    .map((c) => c.coding?.find((k) => k.system !== OBSERVATION_CATEGORY && k.display)?.display ?? c.text)
    .find(Boolean);
  return {
    type: 'report',
    id: o.id,
    client,
    occurredAt: o.effectiveDateTime ?? o.effectiveInstant ?? o.effectivePeriod?.start ?? o.issued,
    title: clip(conceptText(o.code), 200),
    text: reportText(o),
    author: authorOf(refs, [...(o.performer ?? []), ...(o.note ?? []).map((n) => n.authorReference)]),
    discipline: clip(discipline, 80),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const nlDate = (iso: string, time: boolean) =>
  new Date(iso).toLocaleString('nl-NL', {
    timeZone: time ? 'Europe/Amsterdam' : 'UTC',
    dateStyle: 'short',
    ...(time ? { timeStyle: 'short' as const } : {}),
  });

function answerText(a: QuestionnaireAnswer): string {
  if (a.valueString !== undefined) return a.valueString;
  if (a.valueBoolean !== undefined) return a.valueBoolean ? 'Ja' : 'Nee';
  if (a.valueDate !== undefined) return DATE.test(a.valueDate) ? nlDate(a.valueDate, false) : a.valueDate;
  if (a.valueDateTime !== undefined) {
    return Number.isNaN(Date.parse(a.valueDateTime)) ? a.valueDateTime : nlDate(a.valueDateTime, true);
  }
  if (a.valueTime !== undefined) return a.valueTime.slice(0, 5);
  const n = a.valueInteger ?? a.valueDecimal;
  if (n !== undefined) return n.toLocaleString('nl-NL');
  if (a.valueQuantity) return [a.valueQuantity.value?.toLocaleString('nl-NL'), a.valueQuantity.unit].join(' ').trim();
  return a.valueCoding?.display ?? a.valueCoding?.code ?? '';
}

/** Groups are flattened: each question (answered, or a leaf) becomes one field, in the form's order. */
function formFields(items: QuestionnaireItem[], out: Array<{ label: string | null; value: string }>): void {
  for (const it of items) {
    const answers = it.answer ?? [];
    if (answers.length > 0 || !it.item?.length) {
      const value = answers.map(answerText).filter(Boolean).join(', ');
      out.push({ label: clip(it.text ?? it.linkId, 200), value: value.slice(0, 5_000) });
    }
    for (const a of answers) formFields(a.item ?? [], out);
    formFields(it.item ?? [], out);
  }
}

function formRecord(q: QuestionnaireResponse, refs: Refs, client: string): object {
  const fields: Array<{ label: string | null; value: string }> = [];
  formFields(q.item ?? [], fields);
  return {
    type: 'form',
    id: q.id,
    client,
    occurredAt: q.authored,
    title: clip(refs.questionnaireTitle(q.questionnaire), 200) ?? 'Formulier',
    fields,
    author: authorOf(refs, [q.author]),
    discipline: null,
  };
}

function staffOf(a: Appointment, refs: Refs): object | null {
  const actors = (a.participant ?? []).filter((p) => refs.practitioner(p.actor) !== undefined);
  const primary = actors.find((p) => p.type?.some((t) => t.coding?.some((k) => k.code === PRIMARY_PERFORMER)));
  const chosen = primary ?? actors[0];
  const ref = chosen && refs.practitioner(chosen.actor);
  if (!ref) return null;
  const p = ref.resource;
  const name = (p && practitionerName(p)) ?? clip(chosen.actor?.display, 120);
  if (!name) return null;
  // Not on the server (yet): the name from the reference, and the stored photo stays (photo left out).
  if (!p) return { id: ref.id, name };
  return {
    id: p.id,
    name,
    role: clip(conceptText(p.qualification?.[0]?.code), 80),
    // The Practitioner was read: no usable photo (none, another type, too big) means none, also for an old one.
    photo: usablePhoto(p.photo),
  };
}

function appointmentRecord(a: Appointment, refs: Refs, client: string): object {
  const location = (a.participant ?? []).find((p) => p.actor?.reference?.startsWith('Location/'))?.actor?.display;
  return {
    type: 'appointment',
    id: a.id,
    client,
    start: a.start,
    end: a.end,
    description:
      clip(a.description, 500) ??
      clip(conceptText(a.serviceType?.[0]), 500) ??
      clip(a.appointmentType?.text, 500) ??
      'Afspraak',
    location: clip(location, 200),
    staff: staffOf(a, refs),
  };
}

function clientDataRecord(r: PatientDetails | RelatedPerson | CarePlan, refs: ClientRefs): object | null {
  if (r.resourceType === 'Patient') return personRecord(r, refs);
  if (r.resourceType === 'RelatedPerson') return contactRecord(r, refs);
  return planRecord(r, refs);
}

/**
 * One resource as an import record; null when it is not for the portal (not about a client, not a nursing report).
 * `raw` is the resource as received (for isNursingReport). Patients, RelatedPersons and CarePlans need the lookups'
 * ClientRefs; the client's records need the Refs only.
 */
export function mapResource(r: RecordParsed, raw: object, refs: Refs): Mapped;
export function mapResource(r: Parsed, raw: object, refs: ClientRefs): Mapped;
export function mapResource(r: Parsed, raw: object, refs: Refs | ClientRefs): Mapped {
  const type = r.resourceType;
  if (type === 'Patient' || type === 'RelatedPerson' || type === 'CarePlan') {
    const candidate = clientDataRecord(r, refs as ClientRefs);
    return candidate === null ? null : checked(type, r.id, candidate);
  }
  if (type === 'Observation' && !isNursingReport(raw, r)) return null;
  if (!SHOWN[type].has(r.status)) return { record: { type: 'delete', resource: RESOURCE_OF[type], id: r.id } };
  const client =
    type === 'Appointment'
      ? ((r.participant ?? []).map((p) => refs.clientOf(p.actor)).find((c) => c !== null) ?? null)
      : refs.clientOf(r.subject);
  // An appointment without a client (a team meeting) or a record about a Group is none of the portal's business.
  if (client === null) return null;
  if (type === 'Observation') {
    const candidate = observationRecord(r, refs, client);
    return reportRecord(candidate) ?? checked(type, r.id, candidate);
  }
  const candidate = type === 'QuestionnaireResponse' ? formRecord(r, refs, client) : appointmentRecord(r, refs, client);
  return checked(type, r.id, candidate);
}

// The file-drop format's ReportRecord (shared/sync/file-drop.ts), for a record that meets it plainly: the same
// record as the schema would give (texts trimmed), at a fraction of its cost per row. A value it is not sure about
// (an instant with an offset, an empty text, one too long) gives undefined: the schema then decides, and names the
// problem. fhir-mapping.test.ts holds both to the same answers.
const INVALID = Symbol('invalid');
function text(s: unknown, max: number): string | typeof INVALID {
  if (typeof s !== 'string') return INVALID;
  const t = s.trim();
  return t.length >= 1 && t.length <= max ? t : INVALID;
}
function optionalText(s: unknown, max: number): string | null | undefined | typeof INVALID {
  return s === null || s === undefined ? s : text(s, max);
}
const UTC_INSTANT = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const digits = (s: string, from: number, to: number) => {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
};
/**
 * Only an instant as toISOString writes it (UTC, milliseconds, a day the month has): the schema's normalisation then
 * gives the same string. Checked by hand: a Date round trip per row cost more than the rest of the check.
 */
function utcInstant(s: unknown): string | typeof INVALID {
  if (typeof s !== 'string' || !UTC_INSTANT.test(s)) return INVALID;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 7);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return digits(s, 8, 10) <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!) ? s : INVALID;
}

/** The checked report, or undefined when the schema has to decide. Exported for its test. */
export function reportRecord(c: ReportCandidate): { record: ImportRecord } | undefined {
  const id = text(c.id, 128);
  const client = text(c.client, 128);
  const occurredAt = utcInstant(c.occurredAt);
  const title = optionalText(c.title, 200);
  const body = text(c.text, 20_000);
  const author = optionalText(c.author, 120);
  const discipline = optionalText(c.discipline, 80);
  if (
    id === INVALID ||
    client === INVALID ||
    occurredAt === INVALID ||
    title === INVALID ||
    body === INVALID ||
    author === INVALID ||
    discipline === INVALID
  ) {
    return undefined;
  }
  return { record: { type: 'report', id, client, occurredAt, title, text: body, author, discipline } };
}

/** A record as the file-drop format would take it, or the problem named by the resource and its element. */
function checked(type: PulledType, id: string, candidate: object): Mapped {
  const c = FileDropRecord.safeParse(candidate);
  if (c.success) return { record: c.data };
  const i = c.error.issues[0]!;
  const field = String(i.path[0] ?? '');
  const from = ELEMENT[field] ? ` (${ELEMENT[field]})` : '';
  return { problem: { where: `${type}/${id}`, message: `${i.path.join('.') || 'record'}${from}: ${i.message}` } };
}
