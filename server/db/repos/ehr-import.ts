// What the EHR sync writes: every EHR row through writeCompared (compared before written, keyed by source and
// external id), so a repeated import changes nothing and the run can count created / updated / unchanged.
import type { Db } from '../open.ts';
import { writeCompared, type SqlValue, type WriteOutcome } from './compared-write.ts';
import type { ClientDetails } from './client-details.ts';

export type { WriteOutcome } from './compared-write.ts';

export function linkedClient(db: Db, source: string, ehrId: string): number | null {
  const r = db.prepare('SELECT client_id FROM ehr_links WHERE source = ? AND ehr_id = ?').get(source, ehrId) as
    { client_id: number } | undefined;
  return r?.client_id ?? null;
}

const keyOf = (source: string, externalId: string) => ({ source, external_id: externalId });

export interface EhrItemRow {
  clientId: number;
  kind: 'report' | 'form' | 'notice';
  occurredAt: string;
  title: string | null;
  body: string;
  /** JSON of the form's fields; null for a report or notice. */
  fields: string | null;
  authorName: string | null;
  discipline: string | null;
}

/** A report, form or notice of the dossier. */
export function writeEhrItem(db: Db, source: string, externalId: string, v: EhrItemRow, at: string): WriteOutcome {
  return writeCompared(
    db,
    'dossier_items',
    keyOf(source, externalId),
    {
      client_id: v.clientId,
      kind: v.kind,
      occurred_at: v.occurredAt,
      title: v.title,
      body: v.body,
      fields: v.fields,
      author_name: v.authorName,
      discipline: v.discipline,
    },
    { synced_at: at },
  ).outcome;
}

/** Removes a report or form the EHR deleted; false when the portal did not have it. */
export function deleteEhrItem(db: Db, source: string, externalId: string, kind: 'report' | 'form'): boolean {
  return (
    db
      .prepare(`DELETE FROM dossier_items WHERE source = ? AND external_id = ? AND kind = ?`)
      .run(source, externalId, kind).changes > 0
  );
}

export interface EhrAppointmentRow {
  clientId: number;
  startsAt: string;
  endsAt: string;
  description: string;
  location: string | null;
  staffMemberId: number | null;
}

/** A care appointment; one the EHR deleted earlier and now sends again comes back (deleted_at cleared). */
export function writeEhrAppointment(
  db: Db,
  source: string,
  externalId: string,
  v: EhrAppointmentRow,
  at: string,
): WriteOutcome {
  return writeCompared(
    db,
    'appointments',
    keyOf(source, externalId),
    {
      kind: 'care',
      client_id: v.clientId,
      starts_at: v.startsAt,
      ends_at: v.endsAt,
      description: v.description,
      location: v.location,
      staff_member_id: v.staffMemberId,
      deleted_at: null,
    },
    { updated_at: at, synced_at: at },
    { created_at: at },
  ).outcome;
}

/** Care appointments are soft-deleted (the audit trail may point at them); false when there was none to delete. */
export function deleteEhrAppointment(db: Db, source: string, externalId: string, at: string): boolean {
  return (
    db
      .prepare(
        `UPDATE appointments SET deleted_at = ?, updated_at = ? WHERE source = ? AND external_id = ? AND deleted_at IS NULL`,
      )
      .run(at, at, source, externalId).changes > 0
  );
}

export type Photo = { data: Buffer; type: 'image/png' | 'image/jpeg' } | null;

/** The photo columns to write: `undefined` (the EHR said nothing) keeps what is stored, so they are not compared. */
function photoColumns(photo: Photo | undefined): Record<string, SqlValue> {
  if (photo === undefined) return {};
  return { photo: photo?.data ?? null, photo_type: photo ? photo.type : null };
}

/** A care staff member named on an appointment. */
export function writeEhrStaff(
  db: Db,
  source: string,
  externalId: string,
  v: { displayName: string; role: string | null; photo?: Photo },
  at: string,
): { id: number; outcome: WriteOutcome } {
  return writeCompared(
    db,
    'staff_members',
    keyOf(source, externalId),
    { display_name: v.displayName, role: v.role, ...photoColumns(v.photo) },
    { synced_at: at },
  );
}

/** The personal data as ClientDetails has them, with the photo itself (undefined: keep the stored one). */
export type PersonRow = Omit<ClientDetails, 'clientId' | 'hasPhoto' | 'source' | 'externalId' | 'syncedAt'> & {
  photo?: Photo;
};

/** The client's personal data (one row per client). */
export function writeEhrPerson(
  db: Db,
  source: string,
  externalId: string,
  clientId: number,
  v: PersonRow,
  at: string,
): WriteOutcome {
  return writeCompared(
    db,
    'client_details',
    { client_id: clientId },
    {
      source,
      external_id: externalId,
      full_name: v.fullName,
      birth_date: v.birthDate,
      address: v.address,
      postal_code: v.postalCode,
      city: v.city,
      phone: v.phone,
      client_number: v.clientNumber,
      location: v.location,
      ward: v.ward,
      ...photoColumns(v.photo),
    },
    { synced_at: at },
  ).outcome;
}

export function writeEhrContact(
  db: Db,
  source: string,
  externalId: string,
  v: { clientId: number; name: string; relation: string | null; phone: string | null; email: string | null },
  at: string,
): WriteOutcome {
  return writeCompared(
    db,
    'client_contacts',
    keyOf(source, externalId),
    { client_id: v.clientId, name: v.name, relation: v.relation, phone: v.phone, email: v.email },
    { synced_at: at },
  ).outcome;
}

export function deleteEhrContact(db: Db, source: string, externalId: string): boolean {
  return (
    db.prepare('DELETE FROM client_contacts WHERE source = ? AND external_id = ?').run(source, externalId).changes > 0
  );
}

export interface PlanVersionRow {
  clientId: number;
  version: number;
  title: string;
  validFrom: string;
  validTo: string | null;
  /** JSON of the plan's content (CarePlanContent). */
  content: string;
}

/**
 * One version of a care plan. A version newer than all others closes the earlier open ones where it starts: they move
 * to Historie. Returns whether this version is the newest (the caller then adds the "plan is gewijzigd" notice).
 */
export function writeEhrPlanVersion(
  db: Db,
  source: string,
  externalId: string,
  v: PlanVersionRow,
  at: string,
): { outcome: WriteOutcome; newest: boolean } {
  // An older version sent again without an end keeps the end its successor gave it (else it would reopen).
  const successor = (
    db
      .prepare('SELECT MIN(valid_from) AS at FROM care_plans WHERE source = ? AND external_id = ? AND version > ?')
      .get(source, externalId, v.version) as { at: string | null }
  ).at;
  const validTo =
    successor !== null && successor > v.validFrom && (v.validTo === null || v.validTo > successor)
      ? successor
      : v.validTo;
  const { outcome } = writeCompared(
    db,
    'care_plans',
    { ...keyOf(source, externalId), version: v.version },
    { client_id: v.clientId, title: v.title, valid_from: v.validFrom, valid_to: validTo, content: v.content },
    { synced_at: at },
  );
  const newest = (
    db
      .prepare('SELECT MAX(version) AS v FROM care_plans WHERE source = ? AND external_id = ?')
      .get(source, externalId) as { v: number }
  ).v;
  if (newest === v.version) {
    db.prepare(
      `UPDATE care_plans SET valid_to = ?, synced_at = ?
       WHERE source = ? AND external_id = ? AND version < ? AND valid_from < ? AND (valid_to IS NULL OR valid_to > ?)`,
    ).run(v.validFrom, at, source, externalId, v.version, v.validFrom, v.validFrom);
  }
  return { outcome, newest: newest === v.version };
}

/** The external ids of this source still shown in the portal, per resource (the FHIR adapter's hard-delete sweep). */
export function ehrExternalIds(
  db: Db,
  source: string,
  resource: 'report' | 'form' | 'appointment' | 'contact',
): string[] {
  const rows =
    resource === 'appointment'
      ? db.prepare('SELECT external_id AS id FROM appointments WHERE source = ? AND deleted_at IS NULL').all(source)
      : resource === 'contact'
        ? db.prepare('SELECT external_id AS id FROM client_contacts WHERE source = ?').all(source)
        : db.prepare('SELECT external_id AS id FROM dossier_items WHERE source = ? AND kind = ?').all(source, resource);
  return (rows as Array<{ id: string }>).map((r) => r.id);
}

/**
 * Removes a plan version the EHR withdrew (or the whole plan without `version`). When it was the newest, the version
 * before it is current again: its end is taken back where the removed one had set it (the inverse of
 * writeEhrPlanVersion's closing).
 */
export function deleteEhrPlan(
  db: Db,
  source: string,
  externalId: string,
  version: number | undefined,
  at: string,
): boolean {
  if (version === undefined) {
    return (
      db.prepare('DELETE FROM care_plans WHERE source = ? AND external_id = ?').run(source, externalId).changes > 0
    );
  }
  const gone = db
    .prepare('DELETE FROM care_plans WHERE source = ? AND external_id = ? AND version = ? RETURNING valid_from')
    .get(source, externalId, version) as { valid_from: string } | undefined;
  if (!gone) return false;
  db.prepare(
    `UPDATE care_plans SET valid_to = NULL, synced_at = ?
     WHERE source = ? AND external_id = ? AND valid_to = ?
       AND version = (SELECT MAX(version) FROM care_plans WHERE source = ? AND external_id = ?)`,
  ).run(at, source, externalId, gone.valid_from, source, externalId);
  return true;
}
