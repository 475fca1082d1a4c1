// The file-drop format (issue 6 §1): how an EHR without a FHIR endpoint hands its changes to the portal, as JSON files
// in a folder. Versioned: `version` only ever grows, and a file of an unknown version is refused whole, never guessed.
// An example file is docs/ehr-file-drop-example.json; README "EHR sync" describes the folder's life cycle.
import { z } from 'zod';
import { CarePlanContent } from '../api/dossier.ts';

export const FILE_DROP_FORMAT = 'clientportaal.ehr-export';
export const FILE_DROP_VERSION = 1;

// Normalised to UTC, so the same moment written with another offset compares equal (a re-import changes nothing).
const Instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());
/** The EHR's own identifier of a record or a client; never a portal id. */
const EhrId = z.string().trim().min(1).max(128);
const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => Text(max).nullable().optional();

/** A thumbnail; left out, the portal keeps the one it has; null: there is none (any more). */
const Photo = z
  .object({
    type: z.enum(['image/png', 'image/jpeg']),
    base64: z
      .string()
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64')
      .max(87_400),
  })
  .strict()
  .nullable()
  .optional();

const ReportRecord = z
  .object({
    type: z.literal('report'),
    id: EhrId,
    client: EhrId,
    occurredAt: Instant,
    title: OptionalText(200),
    text: Text(20_000),
    author: OptionalText(120),
    discipline: OptionalText(80),
  })
  .strict();

const FormRecord = z
  .object({
    type: z.literal('form'),
    id: EhrId,
    client: EhrId,
    occurredAt: Instant,
    title: Text(200),
    fields: z
      .array(z.object({ label: Text(200), value: z.string().max(5_000) }).strict())
      .min(1)
      .max(200),
    author: OptionalText(120),
    discipline: OptionalText(80),
  })
  .strict();

const AppointmentRecord = z
  .object({
    type: z.literal('appointment'),
    id: EhrId,
    client: EhrId,
    start: Instant,
    end: Instant,
    description: Text(500),
    location: OptionalText(200),
    staff: z
      .object({
        id: EhrId,
        name: Text(120),
        role: OptionalText(80),
        // Shown beside the appointment (DESIGN §3).
        photo: Photo,
      })
      .strict()
      .nullable()
      .optional(),
  })
  .strict()
  .refine((a) => Date.parse(a.end) > Date.parse(a.start), { message: 'end_before_start', path: ['end'] });

/** The client's personal data as recorded in the EHR (Mijn gegevens, read-only in the portal). */
const PersonRecord = z
  .object({
    type: z.literal('person'),
    id: EhrId,
    client: EhrId,
    name: Text(120),
    birthDate: z.iso.date().nullable().optional(),
    address: OptionalText(200),
    postalCode: OptionalText(10),
    city: OptionalText(80),
    phone: OptionalText(30),
    clientNumber: OptionalText(40),
    location: OptionalText(120),
    ward: OptionalText(120),
    // The client's central photo: it cannot be changed in the portal (DESIGN §3).
    photo: Photo,
  })
  .strict();

/** A contact person as registered in the EHR (shown in Mijn gegevens, alphabetically; not a portal account). */
const ContactRecord = z
  .object({
    type: z.literal('contact'),
    id: EhrId,
    client: EhrId,
    name: Text(120),
    relation: OptionalText(80),
    phone: OptionalText(30),
    email: z.email().max(254).nullable().optional(),
  })
  .strict();

/**
 * One version of a care plan. A new version makes the earlier ones history (their period ends where it starts) and
 * adds a notice "plan is gewijzigd" to the dossier.
 */
const PlanRecord = z
  .object({
    type: z.literal('plan'),
    id: EhrId,
    client: EhrId,
    version: z.number().int().min(1).max(10_000),
    title: Text(200),
    validFrom: Instant,
    validTo: Instant.nullable().optional(),
    content: CarePlanContent,
  })
  .strict()
  .refine((p) => !p.validTo || Date.parse(p.validTo) > Date.parse(p.validFrom), {
    message: 'end_before_start',
    path: ['validTo'],
  });

/**
 * The EHR removed the record (deleted, or entered in error): it disappears from the portal. For a plan `version` names
 * one version (without it: the whole plan); the version before a removed newest one is current again.
 */
const DeleteRecord = z
  .object({
    type: z.literal('delete'),
    resource: z.enum(['report', 'form', 'appointment', 'contact', 'plan']),
    id: EhrId,
    version: z.number().int().min(1).max(10_000).optional(),
  })
  .strict()
  .refine((d) => d.version === undefined || d.resource === 'plan', { message: 'only_for_plans', path: ['version'] });

// Discriminated by type, so a bad record is reported by its field ("occurredAt: …"), not as "invalid input".
export const FileDropRecord = z.discriminatedUnion('type', [
  ReportRecord,
  FormRecord,
  AppointmentRecord,
  PersonRecord,
  ContactRecord,
  PlanRecord,
  DeleteRecord,
]);
export type FileDropRecord = z.infer<typeof FileDropRecord>;

/** One file: the header, then the records. The records are checked one by one, so a report can name each bad one. */
export const FileDropHeader = z
  .object({
    format: z.literal(FILE_DROP_FORMAT),
    version: z.literal(FILE_DROP_VERSION),
    exportedAt: Instant,
    records: z.array(z.unknown()).max(100_000),
  })
  .strict();
export type FileDropHeader = z.infer<typeof FileDropHeader>;
