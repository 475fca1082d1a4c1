// The client's personal data and contacts as recorded in the EHR (read-only in the portal; the sync fills them).
import type { Db } from '../open.ts';

export type PhotoMime = 'image/png' | 'image/jpeg';

export interface ClientDetails {
  clientId: number;
  fullName: string;
  birthDate: string | null;
  address: string | null;
  postalCode: string | null;
  city: string | null;
  phone: string | null;
  clientNumber: string | null;
  location: string | null;
  ward: string | null;
  hasPhoto: boolean;
  source: string;
  externalId: string;
  syncedAt: string;
}

interface DetailsRow {
  client_id: number;
  full_name: string;
  birth_date: string | null;
  address: string | null;
  postal_code: string | null;
  city: string | null;
  phone: string | null;
  client_number: string | null;
  location: string | null;
  ward: string | null;
  has_photo: number;
  source: string;
  external_id: string;
  synced_at: string;
}

function rowToDetails(r: DetailsRow): ClientDetails {
  return {
    clientId: r.client_id,
    fullName: r.full_name,
    birthDate: r.birth_date,
    address: r.address,
    postalCode: r.postal_code,
    city: r.city,
    phone: r.phone,
    clientNumber: r.client_number,
    location: r.location,
    ward: r.ward,
    hasPhoto: r.has_photo === 1,
    source: r.source,
    externalId: r.external_id,
    syncedAt: r.synced_at,
  };
}

export interface DetailsInput extends Omit<ClientDetails, 'hasPhoto'> {
  photo: { data: Buffer; type: PhotoMime } | null;
}

/** Insert or replace the client's EHR record (one per client). */
export function upsertClientDetails(db: Db, d: DetailsInput): void {
  db.prepare(
    `INSERT INTO client_details (client_id, full_name, birth_date, address, postal_code, city, phone, client_number,
       location, ward, photo, photo_type, source, external_id, synced_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (client_id) DO UPDATE SET full_name = excluded.full_name, birth_date = excluded.birth_date,
       address = excluded.address, postal_code = excluded.postal_code, city = excluded.city, phone = excluded.phone,
       client_number = excluded.client_number, location = excluded.location, ward = excluded.ward,
       photo = excluded.photo, photo_type = excluded.photo_type, source = excluded.source,
       external_id = excluded.external_id, synced_at = excluded.synced_at`,
  ).run(
    d.clientId,
    d.fullName,
    d.birthDate,
    d.address,
    d.postalCode,
    d.city,
    d.phone,
    d.clientNumber,
    d.location,
    d.ward,
    d.photo?.data ?? null,
    d.photo?.type ?? null,
    d.source,
    d.externalId,
    d.syncedAt,
  );
}

export function findClientDetails(db: Db, clientId: number): ClientDetails | null {
  const r = db
    .prepare(
      `SELECT client_id, full_name, birth_date, address, postal_code, city, phone, client_number, location, ward,
         photo IS NOT NULL AS has_photo, source, external_id, synced_at
       FROM client_details WHERE client_id = ?`,
    )
    .get(clientId) as DetailsRow | undefined;
  return r ? rowToDetails(r) : null;
}

export function findClientPhoto(db: Db, clientId: number): { data: Buffer; type: PhotoMime } | null {
  const r = db
    .prepare('SELECT photo, photo_type FROM client_details WHERE client_id = ? AND photo IS NOT NULL')
    .get(clientId) as { photo: Buffer; photo_type: PhotoMime } | undefined;
  return r ? { data: r.photo, type: r.photo_type } : null;
}

export interface ClientContact {
  id: number;
  clientId: number;
  name: string;
  relation: string | null;
  phone: string | null;
  email: string | null;
  source: string;
  externalId: string;
  syncedAt: string;
}

interface ContactRow {
  id: number;
  client_id: number;
  name: string;
  relation: string | null;
  phone: string | null;
  email: string | null;
  source: string;
  external_id: string;
  synced_at: string;
}

const rowToContact = (r: ContactRow): ClientContact => ({
  id: r.id,
  clientId: r.client_id,
  name: r.name,
  relation: r.relation,
  phone: r.phone,
  email: r.email,
  source: r.source,
  externalId: r.external_id,
  syncedAt: r.synced_at,
});

/** Insert or update by (source, external id); returns the row id. */
export function upsertClientContact(db: Db, c: Omit<ClientContact, 'id'>): number {
  const r = db
    .prepare(
      `INSERT INTO client_contacts (client_id, name, relation, phone, email, source, external_id, synced_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (source, external_id) DO UPDATE SET client_id = excluded.client_id, name = excluded.name,
         relation = excluded.relation, phone = excluded.phone, email = excluded.email, synced_at = excluded.synced_at
       RETURNING id`,
    )
    .get(c.clientId, c.name, c.relation, c.phone, c.email, c.source, c.externalId, c.syncedAt) as { id: number };
  return r.id;
}

/** In table order; the use case sorts by name with Dutch collation (SQLite's own collation knows no Dutch). */
export function listClientContacts(db: Db, clientId: number): ClientContact[] {
  const rows = db
    .prepare('SELECT * FROM client_contacts WHERE client_id = ? ORDER BY id')
    .all(clientId) as ContactRow[];
  return rows.map(rowToContact);
}

/** The sync time of the client's personal data: the panel's and page's "bijgewerkt tot". */
export function detailsSyncedAt(db: Db, clientId: number): string | null {
  const r = db.prepare('SELECT synced_at FROM client_details WHERE client_id = ?').get(clientId) as
    { synced_at: string } | undefined;
  return r?.synced_at ?? null;
}
