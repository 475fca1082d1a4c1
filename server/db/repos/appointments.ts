// The agenda: care appointments (EHR rows, read-only) and the network's own appointments. Rows are soft-deleted.
import type { Db } from '../open.ts';
import type { AppointmentKind, OwnKind } from '../../../shared/api/appointments.ts';
import type { PhotoType } from './staff-members.ts';

export interface Appointment {
  id: number;
  clientId: number;
  kind: AppointmentKind;
  startsAt: string;
  endsAt: string;
  description: string;
  location: string | null;
  staff: { id: number; name: string; role: string | null; photo: { data: Buffer; type: PhotoType } | null } | null;
  createdBy: { userId: number; name: string } | null;
  createdAt: string;
  updatedAt: string;
  /** Set for EHR rows (care appointments); null for the network's own. */
  source: string | null;
  externalId: string | null;
  syncedAt: string | null;
}

interface AppointmentRow {
  id: number;
  client_id: number;
  kind: AppointmentKind;
  starts_at: string;
  ends_at: string;
  description: string;
  location: string | null;
  staff_member_id: number | null;
  staff_name: string | null;
  staff_role: string | null;
  staff_photo: Buffer | null;
  staff_photo_type: PhotoType | null;
  created_by_user_id: number | null;
  created_by_name: string | null;
  created_at: string;
  updated_at: string;
  source: string | null;
  external_id: string | null;
  synced_at: string | null;
}

function rowToAppointment(r: AppointmentRow): Appointment {
  return {
    id: r.id,
    clientId: r.client_id,
    kind: r.kind,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    description: r.description,
    location: r.location,
    staff:
      r.staff_member_id === null
        ? null
        : {
            id: r.staff_member_id,
            name: r.staff_name ?? '',
            role: r.staff_role,
            photo: r.staff_photo && r.staff_photo_type ? { data: r.staff_photo, type: r.staff_photo_type } : null,
          },
    createdBy: r.created_by_user_id === null ? null : { userId: r.created_by_user_id, name: r.created_by_name ?? '' },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    source: r.source,
    externalId: r.external_id,
    syncedAt: r.synced_at,
  };
}

const SELECT = `SELECT a.*, s.display_name AS staff_name, s.role AS staff_role, s.photo AS staff_photo,
    s.photo_type AS staff_photo_type, u.display_name AS created_by_name
  FROM appointments a
  LEFT JOIN staff_members s ON s.id = a.staff_member_id
  LEFT JOIN users u ON u.id = a.created_by_user_id`;

/** Appointments overlapping [from, to), by start. Instants are UTC ISO strings of one format, so text compares. */
export function listAppointments(db: Db, clientId: number, from: string, to: string): Appointment[] {
  return (
    db
      .prepare(
        `${SELECT} WHERE a.client_id = ? AND a.deleted_at IS NULL AND a.starts_at < ? AND a.ends_at > ?
         ORDER BY a.starts_at, a.id`,
      )
      .all(clientId, to, from) as AppointmentRow[]
  ).map(rowToAppointment);
}

/** The next `limit` appointments not yet over at `now` (one still running counts: "Dochter komt eten" now). */
export function listUpcoming(db: Db, clientId: number, now: string, limit: number): Appointment[] {
  return (
    db
      .prepare(
        // INDEXED BY: with statistics SQLite prefers the start-time index to avoid sorting and then walks the client's
        // whole history; the end-time index (migration 0090) reaches the few coming ones directly.
        `${SELECT.replace('FROM appointments a', 'FROM appointments a INDEXED BY appointments_client_end')}
         WHERE a.client_id = ? AND a.deleted_at IS NULL AND a.ends_at > ?
         ORDER BY a.starts_at, a.id LIMIT ?`,
      )
      .all(clientId, now, limit) as AppointmentRow[]
  ).map(rowToAppointment);
}

/** One live appointment of this client; another client's id or a deleted one is simply not found. */
export function findAppointment(db: Db, clientId: number, id: number): Appointment | null {
  const r = db.prepare(`${SELECT} WHERE a.id = ? AND a.client_id = ? AND a.deleted_at IS NULL`).get(id, clientId) as
    AppointmentRow | undefined;
  return r ? rowToAppointment(r) : null;
}

/** The newest sync time of the client's EHR rows: what "bijgewerkt tot" shows. */
export function lastSyncedAt(db: Db, clientId: number): string | null {
  // ORDER BY … LIMIT 1 rather than MAX(): SQLite then reads one entry of appointments_client_synced.
  const r = db
    .prepare(
      `SELECT synced_at AS at FROM appointments WHERE client_id = ? AND source IS NOT NULL
     ORDER BY synced_at DESC LIMIT 1`,
    )
    .get(clientId) as { at: string } | undefined;
  return r?.at ?? null;
}

export function countAppointments(db: Db, clientId: number, own: boolean): number {
  const r = db
    .prepare(`SELECT COUNT(*) AS n FROM appointments WHERE client_id = ? AND (source IS NULL) = ?`)
    .get(clientId, own ? 1 : 0) as { n: number };
  return r.n;
}

export interface OwnAppointmentInput {
  clientId: number;
  kind: OwnKind;
  startsAt: string;
  endsAt: string;
  description: string;
  location: string | null;
  createdByUserId: number;
  at: string;
}

export function insertOwnAppointment(db: Db, a: OwnAppointmentInput): number {
  const r = db
    .prepare(
      `INSERT INTO appointments (client_id, kind, starts_at, ends_at, description, location, created_by_user_id,
         created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(a.clientId, a.kind, a.startsAt, a.endsAt, a.description, a.location, a.createdByUserId, a.at, a.at);
  return Number(r.lastInsertRowid);
}

export interface CareAppointmentInput {
  clientId: number;
  startsAt: string;
  endsAt: string;
  description: string;
  location: string | null;
  staffMemberId: number | null;
  source: string;
  externalId: string;
  syncedAt: string;
}

/** Insert or refresh an EHR appointment by (source, external id): imports are idempotent (DESIGN §5). */
export function upsertCareAppointment(db: Db, a: CareAppointmentInput): number {
  const r = db
    .prepare(
      `INSERT INTO appointments (client_id, kind, starts_at, ends_at, description, location, staff_member_id,
         created_at, updated_at, source, external_id, synced_at)
       VALUES (?, 'care', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (source, external_id) DO UPDATE SET starts_at = excluded.starts_at, ends_at = excluded.ends_at,
         description = excluded.description, location = excluded.location,
         staff_member_id = excluded.staff_member_id, updated_at = excluded.updated_at, synced_at = excluded.synced_at
       RETURNING id`,
    )
    .get(
      a.clientId,
      a.startsAt,
      a.endsAt,
      a.description,
      a.location,
      a.staffMemberId,
      a.syncedAt,
      a.syncedAt,
      a.source,
      a.externalId,
      a.syncedAt,
    ) as { id: number };
  return r.id;
}

export interface OwnAppointmentChange {
  kind: OwnKind;
  startsAt: string;
  endsAt: string;
  description: string;
  location: string | null;
}

/** Rewrites an own appointment; the WHERE keeps care rows out even if a caller forgot to check. */
export function updateOwnAppointment(db: Db, id: number, c: OwnAppointmentChange, at: string): boolean {
  const r = db
    .prepare(
      `UPDATE appointments SET kind = ?, starts_at = ?, ends_at = ?, description = ?, location = ?, updated_at = ?
       WHERE id = ? AND source IS NULL AND deleted_at IS NULL`,
    )
    .run(c.kind, c.startsAt, c.endsAt, c.description, c.location, at, id);
  return r.changes === 1;
}

export function softDeleteOwnAppointment(db: Db, id: number, at: string): boolean {
  const r = db
    .prepare(
      `UPDATE appointments SET deleted_at = ?, updated_at = ? WHERE id = ? AND source IS NULL AND deleted_at IS NULL`,
    )
    .run(at, at, id);
  return r.changes === 1;
}
