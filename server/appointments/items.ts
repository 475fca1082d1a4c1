// Turns stored appointments into what a viewer may see. Care staff see that something is planned, never what
// (DESIGN §3; Careyn manual §6.1): for them the network's own appointments lose kind, description, location and
// author. Care appointments are EHR data the care team has anyway, so they stay whole.
import type { AppointmentItem } from '../../shared/api/appointments.ts';
import type { Appointment } from '../db/repos/appointments.ts';

export type Viewer = 'network' | 'staff';

export interface ItemContext {
  viewer: Viewer;
  /** The caller holds the Afspraken right for this client. */
  hasRight: boolean;
}

/** Only the network's own appointments can change, by any member with the Afspraken right; staff never edit. */
export function isEditable(a: Pick<Appointment, 'source'>, c: ItemContext): boolean {
  return a.source === null && c.hasRight && c.viewer === 'network';
}

export function toItem(a: Appointment, c: ItemContext): AppointmentItem {
  const staff = a.staff
    ? {
        name: a.staff.name,
        role: a.staff.role,
        photoUrl: a.staff.photo ? `data:${a.staff.photo.type};base64,${a.staff.photo.data.toString('base64')}` : null,
      }
    : null;
  const item: AppointmentItem = {
    id: a.id,
    kind: a.kind,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    description: a.description,
    location: a.location,
    staff,
    createdBy: a.createdBy,
    editable: isEditable(a, c),
  };
  if (c.viewer === 'staff' && a.source === null) {
    return { ...item, kind: 'planned', description: null, location: null, createdBy: null, staff: null };
  }
  return item;
}
