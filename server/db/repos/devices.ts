import type { Db } from '../open.ts';

export interface Device {
  id: number;
  userId: number;
  kind: 'browser' | 'desktop' | 'kiosk';
  label: string;
  createdAt: string;
  lastUsedAt: string;
  revokedAt: string | null;
}

interface DeviceRow {
  id: number;
  user_id: number;
  kind: Device['kind'];
  label: string;
  created_at: string;
  last_used_at: string;
  revoked_at: string | null;
}

function rowToDevice(r: DeviceRow): Device {
  return {
    id: r.id,
    userId: r.user_id,
    kind: r.kind,
    label: r.label,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  };
}

export function insertDevice(
  db: Db,
  d: { userId: number; secretHash: string; kind: Device['kind']; label: string; at: string },
): number {
  const r = db
    .prepare(
      `INSERT INTO devices (user_id, secret_hash, kind, label, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(d.userId, d.secretHash, d.kind, d.label, d.at, d.at);
  return Number(r.lastInsertRowid);
}

/** The active (not revoked) device of this user with this secret hash. */
export function findActiveDevice(db: Db, userId: number, secretHash: string): Device | null {
  const r = db
    .prepare('SELECT * FROM devices WHERE user_id = ? AND secret_hash = ? AND revoked_at IS NULL')
    .get(userId, secretHash) as DeviceRow | undefined;
  return r ? rowToDevice(r) : null;
}

export function touchDevice(db: Db, id: number, at: string): void {
  db.prepare('UPDATE devices SET last_used_at = ? WHERE id = ?').run(at, id);
}

/** Revokes every active device of the user except `keepId`; returns how many were revoked. */
export function revokeDevices(db: Db, userId: number, at: string, keepId: number | null = null): number {
  return db
    .prepare('UPDATE devices SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND id IS NOT ?')
    .run(at, userId, keepId).changes;
}

export function listActiveDevices(db: Db, userId: number): Device[] {
  return (
    db
      .prepare('SELECT * FROM devices WHERE user_id = ? AND revoked_at IS NULL ORDER BY last_used_at DESC')
      .all(userId) as DeviceRow[]
  ).map(rowToDevice);
}

export function findDeviceBySecretHash(db: Db, secretHash: string): Device | null {
  const r = db.prepare('SELECT * FROM devices WHERE secret_hash = ?').get(secretHash) as DeviceRow | undefined;
  return r ? rowToDevice(r) : null;
}

export function revokeDevice(db: Db, id: number, at: string): void {
  db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id);
}

/** The user's active device with this id; null when it is not his or already revoked. */
export function findActiveUserDevice(db: Db, userId: number, id: number): Device | null {
  const r = db.prepare('SELECT * FROM devices WHERE id = ? AND user_id = ? AND revoked_at IS NULL').get(id, userId) as
    DeviceRow | undefined;
  return r ? rowToDevice(r) : null;
}
