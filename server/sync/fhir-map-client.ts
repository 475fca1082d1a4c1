// Patient → person (Mijn gegevens) and RelatedPerson → contact, for fhir-mapping.ts (which checks the records).
//
// Patient → person: the record's id is the Patient's id, its client the client number (ehrIdOf, the rule
// `client:link --ehr-id` follows), which is also shown as the client number. name: the official name (its text, else
// given names + family name, also from the Dutch name parts); birthDate only when a whole date (a year or month alone
// is none); address/postalCode/city: the `home` address (else the first), never an `old` one or one whose period
// ended; phone: the first phone (by rank) that is not `old`; location: managingOrganization's display (the care
// organisation or location the client is in care with); ward: FHIR R4 has no element for it, so none; photo: a PNG
// or JPEG of at most 64 KB, else none (null, as for staff). A Patient that is inactive or deceased is still mapped:
// the client's data stay as the EHR last had them (whether the portal account stays is the organisation's matter, not
// the sync's). There is no delete of a person: a Patient removed from the EHR leaves Mijn gegevens as they were.
//
// RelatedPerson → contact: client from `patient`; name as above; relation: the relationships' texts (else the Dutch
// word for an HL7 role code, else the coding's display), e.g. "Dochter, Eerste relatie/contactpersoon"; phone and
// e-mail from telecom (an e-mail address the portal cannot read is left out). `active: false`, or a period that ended
// → a delete of the contact. A period that ends later is noticed when the RelatedPerson is next read: the EHR's
// change, or a run that reads it again (a period's end changes no lastUpdated).
import { z } from 'zod';
import type { ImportRecord } from './adapter.ts';
import type { ClientRefs } from './fhir-lookups.ts';
import type { Address, CodeableConcept, PatientDetails, RelatedPerson } from './fhir-schemas.ts';
import { clip, conceptText, contactPoint, endInstant, personName, usablePhoto } from './fhir-values.ts';

const ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
/** Dutch words for the HL7 role codes a contact person commonly has (a coding's display is English). */
const ROLE_NL: Record<string, string> = {
  MTH: 'Moeder',
  FTH: 'Vader',
  PRN: 'Ouder',
  DAU: 'Dochter',
  DAUC: 'Dochter',
  SON: 'Zoon',
  SONC: 'Zoon',
  CHILD: 'Kind',
  WIFE: 'Echtgenote',
  HUSB: 'Echtgenoot',
  SPS: 'Echtgenoot/echtgenote',
  DOMPART: 'Partner',
  SIS: 'Zus',
  BRO: 'Broer',
  SIB: 'Broer/zus',
  GRNDDAU: 'Kleindochter',
  GRNDSON: 'Kleinzoon',
  GRNDCHILD: 'Kleinkind',
  NIECE: 'Nicht',
  NEPHEW: 'Neef',
  AUNT: 'Tante',
  UNCLE: 'Oom',
  FAMMEMB: 'Familielid',
  FRND: 'Vriend(in)',
  NBOR: 'Buurman/buurvrouw',
  GUARD: 'Voogd',
};
const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const Email = z.email().max(254);

const ended = (period: { end?: string | undefined } | undefined, now: Date) => {
  const end = endInstant(period?.end);
  return end !== undefined && Date.parse(end) <= now.getTime();
};

function homeAddress(addresses: Address[] | undefined, now: Date): Address | undefined {
  const current = (addresses ?? []).filter((a) => a.use !== 'old' && !ended(a.period, now));
  return current.find((a) => a.use === 'home') ?? current[0];
}

export function personRecord(p: PatientDetails, refs: ClientRefs): object {
  const number = refs.clientNumberOf(p);
  const a = homeAddress(p.address, refs.now());
  const street = a?.line?.length ? a.line.join(' ') : a?.postalCode || a?.city ? undefined : a?.text;
  return {
    type: 'person',
    id: p.id,
    client: number,
    name: personName(p.name, 120),
    birthDate: p.birthDate && FULL_DATE.test(p.birthDate) ? p.birthDate : null,
    address: clip(street, 200),
    postalCode: clip(a?.postalCode, 10),
    city: clip(a?.city, 80),
    phone: clip(contactPoint(p.telecom, 'phone'), 30),
    // Without a client number (ehrIdOf's `Patient/<id>`) the record is reported as not linked anyway.
    clientNumber: number.startsWith('Patient/') ? null : clip(number, 40),
    location: clip(p.managingOrganization?.display, 120),
    ward: null,
    photo: usablePhoto(p.photo),
  };
}

function relationOf(relationships: CodeableConcept[] | undefined): string | null {
  const words = (relationships ?? []).map((c) => {
    const role = c.coding?.find((k) => k.system === ROLE_CODE && k.code && ROLE_NL[k.code]);
    return c.text?.trim() || (role && ROLE_NL[role.code!]) || conceptText(c)?.trim();
  });
  return clip([...new Set(words.filter(Boolean))].join(', '), 80);
}

/** A contact record, a delete of it (inactive, period ended), or null when it is about no Patient. */
export function contactRecord(rp: RelatedPerson, refs: ClientRefs): object | ImportRecord | null {
  if (rp.active === false || ended(rp.period, refs.now())) return { type: 'delete', resource: 'contact', id: rp.id };
  const client = refs.clientOf(rp.patient);
  if (client === null) return null;
  const email = contactPoint(rp.telecom, 'email');
  return {
    type: 'contact',
    id: rp.id,
    client,
    name: personName(rp.name, 120),
    relation: relationOf(rp.relationship),
    phone: clip(contactPoint(rp.telecom, 'phone'), 30),
    email: email && Email.safeParse(email).success ? email : null,
  };
}
