// Small conversions of FHIR data types into the import records' values, shared by the mappings (fhir-mapping.ts,
// fhir-map-client.ts, fhir-map-careplan.ts): text, names, contact points, photos, and dates as instants.
import { dateOf, dayStart } from '../dossier/days.ts';
import type { CodeableConcept, ContactPoint, HumanName } from './fhir-schemas.ts';

/** The file-drop format's limit for a photo (64 KB as base64). */
const MAX_PHOTO_BASE64 = 87_400;
const OWN_PREFIX = 'http://hl7.org/fhir/StructureDefinition/humanname-own-prefix';
const OWN_NAME = 'http://hl7.org/fhir/StructureDefinition/humanname-own-name';

export function clip(s: string | undefined | null, max: number): string | null {
  const t = s?.trim();
  if (!t) return null;
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function conceptText(c: CodeableConcept | undefined): string | undefined {
  return c?.text ?? c?.coding?.find((k) => k.display)?.display;
}

/**
 * A person's name as one line: the official name (else the first), its text, else the given names and the family
 * name; a family name given only as Dutch name parts (own prefix + own name, "van" + "Dorp") is put together.
 */
export function personName(names: HumanName[] | undefined, max: number): string | null {
  const n = names?.find((x) => x.use === 'official') ?? names?.find((x) => x.use !== 'old') ?? names?.[0];
  if (!n) return null;
  if (n.text?.trim()) return clip(n.text, max);
  const ext = n._family?.extension ?? [];
  const part = (url: string) => ext.find((e) => e.url === url)?.valueString?.trim();
  const family = n.family ?? ([part(OWN_PREFIX), part(OWN_NAME)].filter(Boolean).join(' ') || undefined);
  return clip([...(n.given ?? []), family ?? ''].join(' ').replace(/\s+/g, ' '), max);
}

/** The first usable contact point of a system: not `old`, lowest `rank` first, else in the EHR's order. */
export function contactPoint(telecom: ContactPoint[] | undefined, system: 'phone' | 'email'): string | undefined {
  const usable = (telecom ?? []).filter((t) => t.system === system && t.use !== 'old' && t.value?.trim());
  const rank = (t: ContactPoint) => t.rank ?? Number.MAX_SAFE_INTEGER;
  return usable.sort((a, b) => rank(a) - rank(b))[0]?.value?.trim();
}

/**
 * A photo for the portal: the first PNG or JPEG attachment with inline data of at most 64 KB. The resource was read,
 * so no usable photo (none, another type, too big, only a URL) means none: null, also for one shown before.
 */
export function usablePhoto(
  photos: Array<{ contentType?: string | undefined; data?: string | undefined }> | undefined,
): { type: string; base64: string } | null {
  const photo = photos?.find((x) => x.contentType === 'image/png' || x.contentType === 'image/jpeg');
  const base64 = photo?.data?.replace(/\s+/g, '');
  return base64 && base64.length <= MAX_PHOTO_BASE64 ? { type: photo!.contentType!, base64 } : null;
}

const YEAR = /^\d{4}$/;
const MONTH = /^\d{4}-\d{2}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A FHIR date or dateTime as the instant it starts: a day (or month, or year) from 00:00 Amsterdam time; a dateTime
 * with its time as it is. Anything else is passed on unchanged, for the record's schema to report.
 */
export function startInstant(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (YEAR.test(v)) return dayStart(`${v}-01-01`);
  if (MONTH.test(v)) return dayStart(`${v}-01`);
  if (DAY.test(v)) return dayStart(v);
  return v;
}

/**
 * The exclusive end of a FHIR period's end: a day (month, year) is included whole, so the period ends at 00:00
 * Amsterdam time after it (the portal's plans are valid in [from, to)); a dateTime ends where it says.
 */
export function endInstant(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (YEAR.test(v)) return dayStart(`${Number(v) + 1}-01-01`);
  if (MONTH.test(v)) {
    const [y, m] = v.split('-').map(Number);
    return m === 12 ? dayStart(`${y! + 1}-01-01`) : dayStart(`${y}-${String(m! + 1).padStart(2, '0')}-01`);
  }
  if (DAY.test(v)) return dayStart(v, 1);
  return v;
}

/** The Amsterdam calendar day (YYYY-MM-DD) of a FHIR date or dateTime; '' when there is none or it is unreadable. */
export function dayOf(v: string | undefined): string {
  if (v === undefined) return '';
  if (DAY.test(v)) return v;
  return Number.isNaN(Date.parse(v)) || !v.includes('T') ? v : dateOf(v);
}
