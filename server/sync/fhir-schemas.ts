// What the FHIR adapter reads from the EHR, checked with zod: only the elements the mapping uses (unknown ones are
// dropped), typed as loosely as R4 allows, so a server that adds elements or extensions is still read. A resource that
// fails its schema is reported by id and element (fhir-mapping.ts); a Bundle that fails fails the run.
import { z } from 'zod';

const Str = z.string();
const Instant = z.iso.datetime({ offset: true });

export const Coding = z.object({ system: Str.optional(), code: Str.optional(), display: Str.optional() });
export const CodeableConcept = z.object({ coding: z.array(Coding).optional(), text: Str.optional() });
export type CodeableConcept = z.infer<typeof CodeableConcept>;

export const Identifier = z.object({ use: Str.optional(), system: Str.optional(), value: Str.optional() });
export type Identifier = z.infer<typeof Identifier>;

export const Reference = z.object({
  reference: Str.optional(),
  type: Str.optional(),
  identifier: Identifier.optional(),
  display: Str.optional(),
});
export type Reference = z.infer<typeof Reference>;

const Meta = z.object({ lastUpdated: Instant.optional() });
const Id = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'not a FHIR id');

const Annotation = z.object({
  authorReference: Reference.optional(),
  authorString: Str.optional(),
  time: Str.optional(),
  text: Str,
});
const Period = z.object({ start: Str.optional(), end: Str.optional() });
const Attachment = z.object({ contentType: Str.optional(), data: Str.optional() });
const Extension = z.object({ url: Str, valueString: Str.optional() });
const ContactPoint = z.object({
  system: Str.optional(),
  value: Str.optional(),
  use: Str.optional(),
  rank: z.number().optional(),
});
export type ContactPoint = z.infer<typeof ContactPoint>;

export const Observation = z.object({
  resourceType: z.literal('Observation'),
  id: Id,
  meta: Meta.optional(),
  identifier: z.array(Identifier).optional(),
  status: Str,
  category: z.array(CodeableConcept).optional(),
  code: CodeableConcept,
  subject: Reference.optional(),
  effectiveDateTime: Str.optional(),
  effectivePeriod: z.object({ start: Str.optional() }).optional(),
  effectiveInstant: Str.optional(),
  issued: Str.optional(),
  performer: z.array(Reference).optional(),
  valueString: Str.optional(),
  note: z.array(Annotation).optional(),
});
export type Observation = z.infer<typeof Observation>;

export interface QuestionnaireAnswer {
  valueString?: string;
  valueBoolean?: boolean;
  valueDate?: string;
  valueDateTime?: string;
  valueTime?: string;
  valueInteger?: number;
  valueDecimal?: number;
  valueCoding?: z.infer<typeof Coding>;
  valueQuantity?: { value?: number; unit?: string };
  item?: QuestionnaireItem[];
}
export interface QuestionnaireItem {
  linkId: string;
  text?: string;
  answer?: QuestionnaireAnswer[];
  item?: QuestionnaireItem[];
}
// Items nest (groups, and questions under an answer): lazily, so each schema can name the other.
const Answer: z.ZodType<QuestionnaireAnswer> = z.object({
  valueString: Str.optional(),
  valueBoolean: z.boolean().optional(),
  valueDate: Str.optional(),
  valueDateTime: Str.optional(),
  valueTime: Str.optional(),
  valueInteger: z.number().optional(),
  valueDecimal: z.number().optional(),
  valueCoding: Coding.optional(),
  valueQuantity: z.object({ value: z.number().optional(), unit: Str.optional() }).optional(),
  item: z.lazy(() => z.array(Item)).optional(),
});
const Item: z.ZodType<QuestionnaireItem> = z.object({
  linkId: Str,
  text: Str.optional(),
  answer: z.array(Answer).optional(),
  item: z.lazy(() => z.array(Item)).optional(),
});

export const QuestionnaireResponse = z.object({
  resourceType: z.literal('QuestionnaireResponse'),
  id: Id,
  meta: Meta.optional(),
  questionnaire: Str.optional(),
  status: Str,
  subject: Reference.optional(),
  authored: Str.optional(),
  author: Reference.optional(),
  item: z.array(Item).optional(),
});
export type QuestionnaireResponse = z.infer<typeof QuestionnaireResponse>;

export const Appointment = z.object({
  resourceType: z.literal('Appointment'),
  id: Id,
  meta: Meta.optional(),
  status: Str,
  description: Str.optional(),
  serviceType: z.array(CodeableConcept).optional(),
  appointmentType: CodeableConcept.optional(),
  start: Str.optional(),
  end: Str.optional(),
  participant: z.array(z.object({ type: z.array(CodeableConcept).optional(), actor: Reference.optional() })).optional(),
});
export type Appointment = z.infer<typeof Appointment>;

const HumanName = z.object({
  use: Str.optional(),
  text: Str.optional(),
  family: Str.optional(),
  given: z.array(Str).optional(),
  // The Dutch name parts (humanname-own-prefix, -own-name) of `family`, for a name without family or text.
  _family: z.object({ extension: z.array(Extension).optional() }).optional(),
});
export type HumanName = z.infer<typeof HumanName>;

export const Patient = z.object({
  resourceType: z.literal('Patient'),
  id: Id,
  identifier: z.array(Identifier).optional(),
});
export type Patient = z.infer<typeof Patient>;

const Address = z.object({
  use: Str.optional(),
  text: Str.optional(),
  line: z.array(Str).optional(),
  city: Str.optional(),
  postalCode: Str.optional(),
  period: Period.optional(),
});
export type Address = z.infer<typeof Address>;

/** A Patient read as Mijn gegevens (fhir-map-client.ts); the lookups need only its identifiers (Patient). */
export const PatientDetails = Patient.extend({
  meta: Meta.optional(),
  active: z.boolean().optional(),
  name: z.array(HumanName).optional(),
  telecom: z.array(ContactPoint).optional(),
  birthDate: Str.optional(),
  address: z.array(Address).optional(),
  managingOrganization: Reference.optional(),
  photo: z.array(Attachment).optional(),
});
export type PatientDetails = z.infer<typeof PatientDetails>;

export const RelatedPerson = z.object({
  resourceType: z.literal('RelatedPerson'),
  id: Id,
  meta: Meta.optional(),
  active: z.boolean().optional(),
  patient: Reference,
  relationship: z.array(CodeableConcept).optional(),
  name: z.array(HumanName).optional(),
  telecom: z.array(ContactPoint).optional(),
  period: Period.optional(),
});
export type RelatedPerson = z.infer<typeof RelatedPerson>;

export const CarePlan = z.object({
  resourceType: z.literal('CarePlan'),
  id: Id,
  meta: Meta.optional(),
  status: Str,
  title: Str.optional(),
  subject: Reference,
  period: Period.optional(),
  created: Str.optional(),
  replaces: z.array(Reference).optional(),
  goal: z.array(Reference).optional(),
  activity: z
    .array(
      z.object({
        detail: z
          .object({
            kind: Str.optional(),
            code: CodeableConcept.optional(),
            status: Str.optional(),
            description: Str.optional(),
            performer: z.array(Reference).optional(),
            goal: z.array(Reference).optional(),
          })
          .optional(),
      }),
    )
    .optional(),
  note: z.array(Annotation).optional(),
});
export type CarePlan = z.infer<typeof CarePlan>;

/** What the lookups read of a replaced CarePlan: only its place in the chain. */
export const CarePlanLink = z.object({
  resourceType: z.literal('CarePlan'),
  id: Id,
  replaces: z.array(Reference).optional(),
});

export const Goal = z.object({ resourceType: z.literal('Goal'), id: Id, description: CodeableConcept });
export type Goal = z.infer<typeof Goal>;

export const Practitioner = z.object({
  resourceType: z.literal('Practitioner'),
  id: Id,
  name: z.array(HumanName).optional(),
  photo: z.array(Attachment).optional(),
  qualification: z.array(z.object({ code: CodeableConcept })).optional(),
});
export type Practitioner = z.infer<typeof Practitioner>;

export const Questionnaire = z.object({
  resourceType: z.literal('Questionnaire'),
  id: Id,
  url: Str.optional(),
  version: Str.optional(),
  title: Str.optional(),
  name: Str.optional(),
});
export type Questionnaire = z.infer<typeof Questionnaire>;

/** A search result page. Entries are checked as resources of their own type by whoever reads them. */
export const SearchBundle = z.object({
  resourceType: z.literal('Bundle'),
  total: z.number().int().nonnegative().optional(),
  link: z.array(z.object({ relation: Str, url: Str })).optional(),
  entry: z
    .array(
      z.object({
        resource: z.looseObject({ resourceType: Str, id: Str.optional(), meta: Meta.optional() }).optional(),
        search: z.object({ mode: Str.optional() }).optional(),
      }),
    )
    .optional(),
});
export type SearchBundle = z.infer<typeof SearchBundle>;

export const CapabilityStatement = z.object({ resourceType: z.literal('CapabilityStatement'), fhirVersion: Str });

export const OperationOutcome = z.object({
  resourceType: z.literal('OperationOutcome'),
  issue: z.array(z.object({ diagnostics: Str.optional(), details: CodeableConcept.optional() })).optional(),
});
