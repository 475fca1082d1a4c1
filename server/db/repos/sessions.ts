import type { Db } from '../open.ts';

export interface Session {
  id: number;
  userId: number;
  deviceId: number | null;
  createdAt: string;
  lastSeenAt: string;
  absoluteExpiresAt: string;
  revokedAt: string | null;
}

interface SessionRow {
  id: number;
  user_id: number;
  device_id: number | null;
  created_at: string;
  last_seen_at: string;
  absolute_expires_at: string;
  revoked_at: string | null;
}

function rowToSession(r: SessionRow): Session {
  return {
    id: r.id,
    userId: r.user_id,
    deviceId: r.device_id,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    absoluteExpiresAt: r.absolute_expires_at,
    revokedAt: r.revoked_at,
  };
}

export function insertSession(
  db: Db,
  s: {
    userId: number;
    tokenHash: string;
    deviceId: number | null;
    at: string;
    absoluteExpiresAt: string;
    ip: string | null;
    userAgent: string | null;
  },
): number {
  const r = db
    .prepare(
      `INSERT INTO sessions (user_id, token_hash, device_id, created_at, last_seen_at, absolute_expires_at, ip, user_agent)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(s.userId, s.tokenHash, s.deviceId, s.at, s.at, s.absoluteExpiresAt, s.ip, s.userAgent);
  return Number(r.lastInsertRowid);
}

export function findSessionByTokenHash(db: Db, tokenHash: string): Session | null {
  const r = db.prepare('SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash) as SessionRow | undefined;
  return r ? rowToSession(r) : null;
}

export function touchSession(db: Db, id: number, at: string): void {
  db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(at, id);
}

export function revokeSession(db: Db, id: number, at: string, reason: string): void {
  db.prepare('UPDATE sessions SET revoked_at = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL').run(
    at,
    reason,
    id,
  );
}

/** Ends every open session of the user except `keepId`; returns how many ended. */
export function revokeUserSessions(
  db: Db,
  userId: number,
  at: string,
  reason: string,
  keepId: number | null = null,
): number {
  return db
    .prepare(
      `UPDATE sessions SET revoked_at = ?, revoke_reason = ? WHERE user_id = ? AND revoked_at IS NULL AND id IS NOT ?`,
    )
    .run(at, reason, userId, keepId).changes;
}

export interface CacheVersions {
  /** Moves whenever a session ends or a user changes (migration 0100): the session cache checks it. */
  auth: number;
  /** The asked client's data version (clients.data_version), null without a client or for an unknown id. */
  client: number | null;
}

/** Both version numbers in one call into SQLite: a signed-in request under /clients/:id needs no other to start. */
export function readCacheVersions(db: Db, clientId: number | null): CacheVersions {
  return db
    .prepare(
      `SELECT (SELECT version FROM auth_version) AS auth, (SELECT data_version FROM clients WHERE id = ?) AS client`,
    )
    .get(clientId) as CacheVersions;
}

/** Ends the open sessions started on one device, except `keepId` (the request revoking it); returns how many. */
export function revokeDeviceSessions(
  db: Db,
  q: { userId: number; deviceId: number; at: string; reason: string; keepId: number | null },
): number {
  return db
    .prepare(
      `UPDATE sessions SET revoked_at = ?, revoke_reason = ?
       WHERE user_id = ? AND device_id = ? AND revoked_at IS NULL AND id IS NOT ?`,
    )
    .run(q.at, q.reason, q.userId, q.deviceId, q.keepId).changes;
}
