import { withoutFsync, type Db } from '../open.ts';

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEntry {
  at: string;
  userId: number | null;
  /** The username as typed at sign-in, also when no such user exists (NEN 7513: record the attempt). */
  username: string | null;
  clientId: number | null;
  actingFor: number | null;
  action: string;
  resource: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  device: string | null;
  /** Short machine-readable reason; never a password, code or token. */
  detail: string | null;
}

export function appendAudit(db: Db, e: AuditEntry): void {
  db.prepare(
    `INSERT INTO audit_log (at, user_id, username, client_id, acting_for, action, resource, outcome, ip, device, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.at, e.userId, e.username, e.clientId, e.actingFor, e.action, e.resource, e.outcome, e.ip, e.device, e.detail);
}

/*
 * Rows written outside a transaction (the reads of client data, refused requests) wait in a queue and are written
 * together, in one transaction without an fsync, at the end of the current event-loop turn (setImmediate): before
 * the next I/O callback, so before any later request or test can look. One commit per row used to cost more than
 * the request itself and made WAL checkpoints stall every few hundred requests. Readers of the log flush first.
 */
const queues = new WeakMap<Db, AuditEntry[]>();

export function queueAudit(db: Db, e: AuditEntry): void {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = []));
  queue.push(e);
  if (queue.length === 1) setImmediate(() => flushAuditQueue(db));
}

/** Writes the queued rows now (readers of the log, shutdown). */
export function flushAuditQueue(db: Db): void {
  const queue = queues.get(db);
  if (!queue || queue.length === 0 || !db.open) return;
  const rows = queue.splice(0);
  withoutFsync(db, () =>
    db.transaction(() => {
      for (const e of rows) appendAudit(db, e);
    })(),
  );
}

export function listAuditForUser(db: Db, userId: number, limit = 100): AuditEntry[] {
  flushAuditQueue(db);
  const rows = db
    .prepare('SELECT * FROM audit_log WHERE user_id = ? ORDER BY id DESC LIMIT ?')
    .all(userId, limit) as Array<{
    at: string;
    user_id: number | null;
    username: string | null;
    client_id: number | null;
    acting_for: number | null;
    action: string;
    resource: string | null;
    outcome: AuditOutcome;
    ip: string | null;
    device: string | null;
    detail: string | null;
  }>;
  return rows.map((r) => ({
    at: r.at,
    userId: r.user_id,
    username: r.username,
    clientId: r.client_id,
    actingFor: r.acting_for,
    action: r.action,
    resource: r.resource,
    outcome: r.outcome,
    ip: r.ip,
    device: r.device,
    detail: r.detail,
  }));
}
