// The file-drop format (issue 6 §1): how an EHR without a FHIR endpoint hands its changes to the portal, as JSON files
// in a folder. Versioned: `version` only ever grows, and a file of an unknown version is refused whole, never guessed.
// An example file is docs/ehr-file-drop-example.json; README "EHR sync" describes the folder's life cycle.
import { z } from 'zod';

export const FILE_DROP_FORMAT = 'clientportaal.ehr-export';
export const FILE_DROP_VERSION = 1;

// Normalised to UTC, so the same moment written with another offset compares equal (a re-import changes nothing).
const Instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());
/** The EHR's own identifier of a record or a client; never a portal id. */
const EhrId = z.string().trim().min(1).max(128);
const Text = (max: number) => z.string().trim().min(1).max(max);

const ReportRecord = z
  .object({
    type: z.literal('report'),
    id: EhrId,
    client: EhrId,
    occurredAt: Instant,
    title: Text(200).nullable().optional(),
    text: Text(20_000),
    author: Text(120).nullable().optional(),
    discipline: Text(80).nullable().optional(),
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
    author: Text(120).nullable().optional(),
    discipline: Text(80).nullable().optional(),
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
    location: Text(200).nullable().optional(),
    staff: z
      .object({
        id: EhrId,
        name: Text(120),
        role: Text(80).nullable().optional(),
        // A thumbnail shown beside the appointment (DESIGN §3); left out, the portal keeps the one it has.
        photo: z
          .object({
            type: z.enum(['image/png', 'image/jpeg']),
            base64: z
              .string()
              .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64')
              .max(87_400),
          })
          .strict()
          .nullable()
          .optional(),
      })
      .strict()
      .nullable()
      .optional(),
  })
  .strict()
  .refine((a) => Date.parse(a.end) > Date.parse(a.start), { message: 'end_before_start', path: ['end'] });

/** The EHR removed the record (deleted, or entered in error): it disappears from the portal. */
const DeleteRecord = z
  .object({ type: z.literal('delete'), resource: z.enum(['report', 'form', 'appointment']), id: EhrId })
  .strict();

// Discriminated by type, so a bad record is reported by its field ("occurredAt: …"), not as "invalid input".
export const FileDropRecord = z.discriminatedUnion('type', [ReportRecord, FormRecord, AppointmentRecord, DeleteRecord]);
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
