import type { Db } from '../open.ts';

export interface Location {
  id: number;
  name: string;
}

/** The location with this name (case-insensitive), created when it does not exist yet. */
export function ensureLocation(db: Db, name: string, at: string): { location: Location; created: boolean } {
  const found = findLocationByName(db, name);
  if (found) return { location: found, created: false };
  const r = db.prepare('INSERT INTO locations (name, created_at) VALUES (?, ?)').run(name.trim(), at);
  return { location: { id: Number(r.lastInsertRowid), name: name.trim() }, created: true };
}

export function findLocationByName(db: Db, name: string): Location | null {
  const r = db.prepare('SELECT id, name FROM locations WHERE name = ?').get(name.trim()) as Location | undefined;
  return r ?? null;
}

export function findLocationById(db: Db, id: number): Location | null {
  const r = db.prepare('SELECT id, name FROM locations WHERE id = ?').get(id) as Location | undefined;
  return r ?? null;
}

export function insertStaffMember(db: Db, userId: number, locationId: number): void {
  db.prepare('INSERT INTO staff_accounts (user_id, location_id) VALUES (?, ?)').run(userId, locationId);
}

/** The location of a staff member; null when the user is not one. */
export function staffLocationId(db: Db, userId: number): number | null {
  const r = db.prepare('SELECT location_id FROM staff_accounts WHERE user_id = ?').get(userId) as
    { location_id: number } | undefined;
  return r?.location_id ?? null;
}

/** Where the client lives; null when no location was recorded for him. */
export function clientLocationId(db: Db, clientId: number): number | null {
  const r = db.prepare('SELECT location_id FROM clients WHERE id = ?').get(clientId) as
    { location_id: number | null } | undefined;
  return r?.location_id ?? null;
}

export function setClientLocation(db: Db, clientId: number, locationId: number): void {
  db.prepare('UPDATE clients SET location_id = ? WHERE id = ?').run(locationId, clientId);
}
