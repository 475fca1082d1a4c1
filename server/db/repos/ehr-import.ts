// What the EHR sync writes: every EHR row through a compared writer (compared before written, keyed by source and
// external id), so a repeated import changes nothing and the run can count created / updated / unchanged. A row's
// values are passed in the order of the columns its writer declares (key, values, stamp, insert-only).
import type { Db } from '../open.ts';
import { comparedWriter, type SqlValue, type WriteOutcome } from './compared-write.ts';
import type { ClientDetails } from './client-details.ts';

export type { WriteOutcome } from './compared-write.ts';

/** The portal clients linked to these EHR client ids; an unlinked one is missing from the map. */
export function linkedClients(db: Db, source: string, ehrIds: Iterable<string>): Map<string, number> {
  // One query for a whole batch: a page of a thousand reports names up to a thousand clients.
  const rows = db
    .prepare(`SELECT ehr_id, client_id FROM ehr_links WHERE source = ? AND ehr_id IN (SELECT value FROM json_each(?))`)
    .all(source, JSON.stringify([...ehrIds])) as Array<{ ehr_id: string; client_id: number }>;
  return new Map(rows.map((r) => [r.ehr_id, r.client_id]));
}

const KEY = ['source', 'external_id'] as const;
const PHOTO = ['photo', 'photo_type'] as const;

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

const items = comparedWriter({
  table: 'dossier_items',
  key: KEY,
  values: ['client_id', 'kind', 'occurred_at', 'title', 'body', 'fields', 'author_name', 'discipline'],
  stamp: ['synced_at'],
});

/** A report, form or notice of the dossier. */
export function writeEhrItem(db: Db, source: string, externalId: string, v: EhrItemRow, at: string): WriteOutcome {
  return items(db)([
    source,
    externalId,
    v.clientId,
    v.kind,
    v.occurredAt,
    v.title,
    v.body,
    v.fields,
    v.authorName,
    v.discipline,
    at,
  ]).outcome;
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

const appointments = comparedWriter({
  table: 'appointments',
  key: KEY,
  values: ['kind', 'client_id', 'starts_at', 'ends_at', 'description', 'location', 'staff_member_id', 'deleted_at'],
  stamp: ['updated_at', 'synced_at'],
  insertOnly: ['created_at'],
});

/** A care appointment; one the EHR deleted earlier and now sends again comes back (deleted_at cleared). */
export function writeEhrAppointment(
  db: Db,
  source: string,
  externalId: string,
  v: EhrAppointmentRow,
  at: string,
): WriteOutcome {
  return appointments(db)([
    source,
    externalId,
    'care',
    v.clientId,
    v.startsAt,
    v.endsAt,
    v.description,
    v.location,
    v.staffMemberId,
    null,
    at,
    at,
    at,
  ]).outcome;
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

// The photo columns are written only when the EHR said something about the photo: `undefined` keeps what is stored,
// so those rows go through a writer without the photo columns (neither compared nor written).
const photoValues = (photo: Photo): SqlValue[] => [photo?.data ?? null, photo ? photo.type : null];

const staffTable = (photo: boolean) =>
  comparedWriter({
    table: 'staff_members',
    key: KEY,
    values: ['display_name', 'role', ...(photo ? PHOTO : [])],
    stamp: ['synced_at'],
  });
const staff = { keepPhoto: staffTable(false), withPhoto: staffTable(true) };

/** A care staff member named on an appointment. */
export function writeEhrStaff(
  db: Db,
  source: string,
  externalId: string,
  v: { displayName: string; role: string | null; photo?: Photo },
  at: string,
): { id: number; outcome: WriteOutcome } {
  return v.photo === undefined
    ? staff.keepPhoto(db)([source, externalId, v.displayName, v.role, at])
    : staff.withPhoto(db)([source, externalId, v.displayName, v.role, ...photoValues(v.photo), at]);
}

/** The personal data as ClientDetails has them, with the photo itself (undefined: keep the stored one). */
export type PersonRow = Omit<ClientDetails, 'clientId' | 'hasPhoto' | 'source' | 'externalId' | 'syncedAt'> & {
  photo?: Photo;
};

const personTable = (photo: boolean) =>
  comparedWriter({
    table: 'client_details',
    key: ['client_id'],
    values: [
      ...KEY,
      'full_name',
      'birth_date',
      'address',
      'postal_code',
      'city',
      'phone',
      'client_number',
      'location',
      'ward',
      ...(photo ? PHOTO : []),
    ],
    stamp: ['synced_at'],
  });
const persons = { keepPhoto: personTable(false), withPhoto: personTable(true) };

/** The client's personal data (one row per client). */
export function writeEhrPerson(
  db: Db,
  source: string,
  externalId: string,
  clientId: number,
  v: PersonRow,
  at: string,
): WriteOutcome {
  const row: SqlValue[] = [
    clientId,
    source,
    externalId,
    v.fullName,
    v.birthDate,
    v.address,
    v.postalCode,
    v.city,
    v.phone,
    v.clientNumber,
    v.location,
    v.ward,
  ];
  if (v.photo === undefined) return persons.keepPhoto(db)([...row, at]).outcome;
  return persons.withPhoto(db)([...row, ...photoValues(v.photo), at]).outcome;
}

const contacts = comparedWriter({
  table: 'client_contacts',
  key: KEY,
  values: ['client_id', 'name', 'relation', 'phone', 'email'],
  stamp: ['synced_at'],
});

export function writeEhrContact(
  db: Db,
  source: string,
  externalId: string,
  v: { clientId: number; name: string; relation: string | null; phone: string | null; email: string | null },
  at: string,
): WriteOutcome {
  return contacts(db)([source, externalId, v.clientId, v.name, v.relation, v.phone, v.email, at]).outcome;
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

const plans = comparedWriter({
  table: 'care_plans',
  key: [...KEY, 'version'],
  values: ['client_id', 'title', 'valid_from', 'valid_to', 'content'],
  stamp: ['synced_at'],
});

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
  const { outcome } = plans(db)([
    source,
    externalId,
    v.version,
    v.clientId,
    v.title,
    v.validFrom,
    validTo,
    v.content,
    at,
  ]);
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

/** The plan versions of this source in the portal (the FHIR adapter's hard-delete sweep of CarePlans). */
export function ehrPlanVersions(db: Db, source: string): Array<{ id: string; version: number }> {
  return db
    .prepare('SELECT external_id AS id, version FROM care_plans WHERE source = ? ORDER BY external_id, version')
    .all(source) as Array<{ id: string; version: number }>;
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
  // A removed version's "plan is gewijzigd" notice (apply-batch.ts: `<plan>#v<version>`) announced what is gone.
  db.prepare(
    `DELETE FROM dossier_items WHERE source = ? AND kind = 'notice' AND external_id IN
       (SELECT external_id || '#v' || version FROM care_plans
        WHERE source = ? AND external_id = ? AND (? IS NULL OR version = ?))`,
  ).run(source, source, externalId, version ?? null, version ?? null);
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
