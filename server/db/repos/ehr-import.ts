// What the EHR sync writes: client links, and EHR rows compared before they are written, so a repeated import
// changes nothing (no new synced_at, no data_version bump, no rebuilt panel caches) and the run can count
// created / updated / unchanged. Every statement is keyed by (source, external id).
import type { Db } from '../open.ts';
import { preparedStatements } from './prepared.ts';

const SQL = {
  link: 'SELECT client_id FROM ehr_links WHERE source = ? AND ehr_id = ?',
  itemState: `SELECT id, client_id, kind, occurred_at, title, body, fields, author_name, discipline
    FROM dossier_items WHERE source = ? AND external_id = ?`,
  insertItem: `INSERT INTO dossier_items (client_id, kind, occurred_at, title, body, fields, author_name, discipline,
      source, external_id, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  updateItem: `UPDATE dossier_items SET client_id = ?, kind = ?, occurred_at = ?, title = ?, body = ?, fields = ?,
      author_name = ?, discipline = ?, synced_at = ? WHERE id = ?`,
  deleteItem: `DELETE FROM dossier_items WHERE source = ? AND external_id = ? AND kind IN (?, 'notice')`,
  appointmentState: `SELECT id, client_id, starts_at, ends_at, description, location, staff_member_id, deleted_at
    FROM appointments WHERE source = ? AND external_id = ?`,
  insertAppointment: `INSERT INTO appointments (client_id, kind, starts_at, ends_at, description, location,
      staff_member_id, created_at, updated_at, source, external_id, synced_at)
    VALUES (?, 'care', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  updateAppointment: `UPDATE appointments SET client_id = ?, starts_at = ?, ends_at = ?, description = ?, location = ?,
      staff_member_id = ?, updated_at = ?, synced_at = ?, deleted_at = NULL WHERE id = ?`,
  deleteAppointment: `UPDATE appointments SET deleted_at = ?, updated_at = ?
    WHERE source = ? AND external_id = ? AND deleted_at IS NULL`,
  staffState:
    'SELECT id, display_name, role, photo, photo_type FROM staff_members WHERE source = ? AND external_id = ?',
  insertStaff: `INSERT INTO staff_members (display_name, role, photo, photo_type, source, external_id, synced_at)
    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  updateStaff:
    'UPDATE staff_members SET display_name = ?, role = ?, photo = ?, photo_type = ?, synced_at = ? WHERE id = ?',
} as const;
const stmt = preparedStatements(SQL);

export function linkedClient(db: Db, source: string, ehrId: string): number | null {
  const r = stmt(db, 'link').get(source, ehrId) as { client_id: number } | undefined;
  return r?.client_id ?? null;
}

export interface EhrItemRow {
  clientId: number;
  kind: 'report' | 'form';
  occurredAt: string;
  title: string | null;
  body: string;
  /** JSON of the form's fields; null for a report. */
  fields: string | null;
  authorName: string | null;
  discipline: string | null;
}

export type WriteOutcome = 'created' | 'updated' | 'unchanged';

/** Writes a report or form unless the stored row already says exactly this. */
export function writeEhrItem(db: Db, source: string, externalId: string, v: EhrItemRow, at: string): WriteOutcome {
  const old = stmt(db, 'itemState').get(source, externalId) as Record<string, unknown> | undefined;
  const values = [v.clientId, v.kind, v.occurredAt, v.title, v.body, v.fields, v.authorName, v.discipline];
  if (!old) {
    stmt(db, 'insertItem').run(...values, source, externalId, at);
    return 'created';
  }
  const same =
    old.client_id === v.clientId &&
    old.kind === v.kind &&
    old.occurred_at === v.occurredAt &&
    old.title === v.title &&
    old.body === v.body &&
    old.fields === v.fields &&
    old.author_name === v.authorName &&
    old.discipline === v.discipline;
  if (same) return 'unchanged';
  stmt(db, 'updateItem').run(...values, at, old.id);
  return 'updated';
}

/** Removes a report or form the EHR deleted; false when the portal did not have it. */
export function deleteEhrItem(db: Db, source: string, externalId: string, kind: 'report' | 'form'): boolean {
  return stmt(db, 'deleteItem').run(source, externalId, kind).changes > 0;
}

export interface EhrAppointmentRow {
  clientId: number;
  startsAt: string;
  endsAt: string;
  description: string;
  location: string | null;
  staffMemberId: number | null;
}

export function writeEhrAppointment(
  db: Db,
  source: string,
  externalId: string,
  v: EhrAppointmentRow,
  at: string,
): WriteOutcome {
  const old = stmt(db, 'appointmentState').get(source, externalId) as Record<string, unknown> | undefined;
  const values = [v.clientId, v.startsAt, v.endsAt, v.description, v.location, v.staffMemberId];
  if (!old) {
    stmt(db, 'insertAppointment').run(...values, at, at, source, externalId, at);
    return 'created';
  }
  const same =
    old.deleted_at === null &&
    old.client_id === v.clientId &&
    old.starts_at === v.startsAt &&
    old.ends_at === v.endsAt &&
    old.description === v.description &&
    old.location === v.location &&
    old.staff_member_id === v.staffMemberId;
  if (same) return 'unchanged';
  stmt(db, 'updateAppointment').run(...values, at, at, old.id);
  return 'updated';
}

/** Care appointments are soft-deleted (the audit trail may point at them); false when there was none to delete. */
export function deleteEhrAppointment(db: Db, source: string, externalId: string, at: string): boolean {
  return stmt(db, 'deleteAppointment').run(at, at, source, externalId).changes > 0;
}

export type StaffPhoto = { data: Buffer; type: 'image/png' | 'image/jpeg' } | null;

/**
 * A care staff member named on an appointment. `photo` undefined: the EHR said nothing about it, the stored one stays;
 * null: he has none (any more).
 */
export function writeEhrStaff(
  db: Db,
  source: string,
  externalId: string,
  v: { displayName: string; role: string | null; photo?: StaffPhoto },
  at: string,
): { id: number; outcome: WriteOutcome } {
  const old = stmt(db, 'staffState').get(source, externalId) as
    | { id: number; display_name: string; role: string | null; photo: Buffer | null; photo_type: string | null }
    | undefined;
  const photo = v.photo === undefined ? (old ? { data: old.photo, type: old.photo_type } : null) : v.photo;
  const data = photo?.data ?? null;
  const type = data ? (photo?.type ?? null) : null;
  if (!old) {
    const r = stmt(db, 'insertStaff').get(v.displayName, v.role, data, type, source, externalId, at) as { id: number };
    return { id: r.id, outcome: 'created' };
  }
  const samePhoto =
    old.photo_type === type && (old.photo === null ? data === null : data !== null && old.photo.equals(data));
  if (old.display_name === v.displayName && old.role === v.role && samePhoto)
    return { id: old.id, outcome: 'unchanged' };
  stmt(db, 'updateStaff').run(v.displayName, v.role, data, type, at, old.id);
  return { id: old.id, outcome: 'updated' };
}
