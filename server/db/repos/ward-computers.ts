import type { Db } from '../open.ts';

export interface WardComputer {
  id: number;
  locationId: number;
  locationName: string;
  label: string;
  registeredBy: number;
  createdAt: string;
  lastUsedAt: string;
}

interface WardComputerRow {
  id: number;
  location_id: number;
  location_name: string;
  label: string;
  registered_by: number;
  created_at: string;
  last_used_at: string;
}

function rowToWardComputer(r: WardComputerRow): WardComputer {
  return {
    id: r.id,
    locationId: r.location_id,
    locationName: r.location_name,
    label: r.label,
    registeredBy: r.registered_by,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
  };
}

export function insertWardComputer(
  db: Db,
  w: { locationId: number; secretHash: string; label: string; registeredBy: number; at: string },
): number {
  const r = db
    .prepare(
      `INSERT INTO ward_computers (location_id, secret_hash, label, registered_by, created_at, last_used_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(w.locationId, w.secretHash, w.label, w.registeredBy, w.at, w.at);
  return Number(r.lastInsertRowid);
}

/** The registered (not revoked) ward computer with this secret hash, with its location's name. */
export function findActiveWardComputer(db: Db, secretHash: string): WardComputer | null {
  const r = db
    .prepare(
      `SELECT w.*, l.name AS location_name FROM ward_computers w JOIN locations l ON l.id = w.location_id
       WHERE w.secret_hash = ? AND w.revoked_at IS NULL`,
    )
    .get(secretHash) as WardComputerRow | undefined;
  return r ? rowToWardComputer(r) : null;
}

export function findWardComputerById(db: Db, id: number): WardComputer | null {
  const r = db
    .prepare(
      `SELECT w.*, l.name AS location_name FROM ward_computers w JOIN locations l ON l.id = w.location_id
       WHERE w.id = ? AND w.revoked_at IS NULL`,
    )
    .get(id) as WardComputerRow | undefined;
  return r ? rowToWardComputer(r) : null;
}

export function touchWardComputer(db: Db, id: number, at: string): void {
  db.prepare('UPDATE ward_computers SET last_used_at = ? WHERE id = ?').run(at, id);
}

export function revokeWardComputer(db: Db, id: number, at: string): void {
  db.prepare('UPDATE ward_computers SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id);
}
