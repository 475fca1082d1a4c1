// /api/v1/clients/:clientId/appointments: the agenda of "Mijn afspraken" (DESIGN §3). Care appointments come from
// the EHR and are read-only; the network adds its own visits, calls and other appointments.
import { z } from 'zod';
import { ApiPath } from './paths.ts';
import { ClientIdParams } from './clients.ts';

/** The agenda routes, derived from the one declaration in ApiPath. */
export const AppointmentPath = {
  list: ApiPath.appointments,
  upcoming: `${ApiPath.appointments}/upcoming`,
  one: `${ApiPath.appointments}/:appointmentId`,
} as const;

export const APPOINTMENT_KINDS = ['care', 'visit', 'call', 'other'] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];
/** What the network may create itself; 'care' only ever comes from the EHR. */
export const OWN_KINDS = ['visit', 'call', 'other'] as const;
export type OwnKind = (typeof OWN_KINDS)[number];
/** Care staff see the network's own appointments only as 'planned': that something is planned, never what. */
export type ShownKind = AppointmentKind | 'planned';

export const DESCRIPTION_MAX = 200;
export const LOCATION_MAX = 120;
/** The longest period one agenda request may cover. */
export const MAX_RANGE_DAYS = 400;
/** The default period: from a day ago (so today's earlier appointments show) for about two months. */
export const DEFAULT_RANGE_DAYS = 62;
/** The panel shows the first coming appointment and up to three more (manuals: Pluryn §7, Hilverzorg §5). */
export const UPCOMING_COUNT = 4;

const id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31);

export const AppointmentIdParams = ClientIdParams.extend({ appointmentId: id });

/** An instant with an explicit offset ('Z' or '+01:00'), normalised to UTC ISO so stored values compare as text. */
const Instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

export const AppointmentsQuery = z.object({ from: Instant.optional(), to: Instant.optional() });

const Description = z.string().trim().min(1, 'required').max(DESCRIPTION_MAX, 'too_long');
// An empty location means "no location": the form's field may be cleared.
const Location = z
  .string()
  .trim()
  .max(LOCATION_MAX, 'too_long')
  .nullable()
  .transform((s) => (s === '' ? null : s));

const endsAfterStart = {
  check: (b: { startsAt?: string; endsAt?: string }) => !b.startsAt || !b.endsAt || b.endsAt > b.startsAt,
  params: { path: ['endsAt'], message: 'ends_before_start' },
};

export const CreateAppointmentBody = z
  .strictObject({
    kind: z.enum(OWN_KINDS),
    startsAt: Instant,
    endsAt: Instant,
    description: Description,
    location: Location.optional(),
  })
  .refine(endsAfterStart.check, endsAfterStart.params);
export type CreateAppointmentBody = z.infer<typeof CreateAppointmentBody>;

export const UpdateAppointmentBody = z
  .strictObject({
    kind: z.enum(OWN_KINDS).optional(),
    startsAt: Instant.optional(),
    endsAt: Instant.optional(),
    description: Description.optional(),
    location: Location.optional(),
  })
  .refine(endsAfterStart.check, endsAfterStart.params)
  .refine((b) => Object.keys(b).length > 0, { path: [], message: 'nothing_to_change' });
export type UpdateAppointmentBody = z.infer<typeof UpdateAppointmentBody>;

export interface AppointmentStaff {
  name: string;
  /** Discipline, e.g. "EVV'er". */
  role: string | null;
  /** A data: URL (the photo is a small thumbnail), or null when the staff member has no photo. */
  photoUrl: string | null;
}

export interface AppointmentItem {
  id: number;
  kind: ShownKind;
  /** UTC ISO instants; the UI shows them in Europe/Amsterdam. */
  startsAt: string;
  endsAt: string;
  /** Null only for care staff looking at the network's own appointments. */
  description: string | null;
  location: string | null;
  /** The staff member of a care appointment. */
  staff: AppointmentStaff | null;
  /** Who in the network made an own appointment. */
  createdBy: { userId: number; name: string } | null;
  /** The caller may change or delete it (own appointments only; care appointments are read-only). */
  editable: boolean;
}

export interface AppointmentsResponse {
  appointments: AppointmentItem[];
  /** The newest sync time of this client's EHR appointments: "bijgewerkt tot …"; null before the first sync. */
  syncedUntil: string | null;
}

export interface UpcomingAppointmentsResponse {
  /** The first coming (or still running) appointment, or null when nothing is planned. */
  first: AppointmentItem | null;
  /** Up to three appointments after it, in order. */
  next: AppointmentItem[];
  syncedUntil: string | null;
}
