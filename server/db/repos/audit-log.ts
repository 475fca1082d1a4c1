import { beforeEachWriteTransaction, withoutFsync, type Db } from '../open.ts';

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

const COLUMNS = 'at, user_id, username, client_id, acting_for, action, resource, outcome, ip, device, detail';
const ROW_PLACEHOLDERS = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

const values = (e: AuditEntry) => [
  e.at,
  e.userId,
  e.username,
  e.clientId,
  e.actingFor,
  e.action,
  e.resource,
  e.outcome,
  e.ip,
  e.device,
  e.detail,
];

/** New rows go to the unindexed part of the log (migration 0110); the view audit_log shows both parts. */
export function appendAudit(db: Db, e: AuditEntry): void {
  appendAuditRows(db, [e]);
}

/**
 * Each call into SQLite costs more than binding a row, so a batch goes in one statement per up to 64 rows; the
 * statement of each size is prepared once (the connection caches it).
 */
const MAX_ROWS_PER_STATEMENT = 64;

const insertSql: string[] = [];
const insertOf = (rows: number) =>
  (insertSql[rows] ??= `INSERT INTO audit_recent (${COLUMNS}) VALUES ${Array(rows).fill(ROW_PLACEHOLDERS).join(', ')}`);

function appendAuditRows(db: Db, rows: readonly AuditEntry[]): void {
  for (let i = 0; i < rows.length; i += MAX_ROWS_PER_STATEMENT) {
    const part = rows.slice(i, i + MAX_ROWS_PER_STATEMENT);
    db.prepare(insertOf(part.length)).run(part.flatMap(values));
  }
}

/*
 * Rows written outside a transaction (the reads of client data, refused requests) wait in a queue and are written
 * together, in one transaction without an fsync, at the end of the current event-loop turn (setImmediate): before
 * the next I/O callback, so before any later request or test can look. One commit per row used to cost more than
 * the request itself and made WAL checkpoints stall every few hundred requests. While the server's maintenance
 * worker runs, the end-of-turn rows are handed to it and it writes them on its own connection, on the other core
 * (background-maintenance.ts); readers of the log flush first, which waits until the worker has committed them.
 */
const queues = new WeakMap<Db, AuditEntry[]>();

/** Takes the end-of-turn rows of a connection and writes them elsewhere (the maintenance worker). */
export interface AuditRowWriter {
  /** Hands the rows over, in order; false when the writer cannot take them (then this connection writes them). */
  send(rows: readonly AuditEntry[]): boolean;
  /** Returns true once every row handed over is committed, false when that has not happened within timeoutMs. */
  settle(timeoutMs: number): boolean;
}

/** How long a reader of the log waits for the rows the worker has (the worker waits up to 5 s for a lock). */
const READER_WAIT_MS = 15_000;

const writers = new WeakMap<Db, AuditRowWriter>();

/** null: this connection writes its end-of-turn rows itself again. */
export function handAuditRowsTo(db: Db, writer: AuditRowWriter | null): void {
  if (writer) writers.set(db, writer);
  else writers.delete(db);
  // A change writes its own audit row in its transaction, on this connection: the rows of the reads before it that
  // the worker still has are committed first, so that the log's ids keep the order of events. Not for longer than a
  // second: the worker may itself be waiting for another connection's lock, and the change must not fail for that.
  beforeEachWriteTransaction(db, writer ? () => void writer.settle(WRITE_WAIT_MS) : null);
}

const WRITE_WAIT_MS = 1000;

/** How a batch of rows travels to another thread and is inserted there: flat values, statements of up to 64 rows. */
export const AUDIT_INSERT = {
  columns: COLUMNS,
  rowPlaceholders: ROW_PLACEHOLDERS,
  maxRowsPerStatement: MAX_ROWS_PER_STATEMENT,
  table: 'audit_recent',
} as const;
export const auditValues = (rows: readonly AuditEntry[]): unknown[] => rows.flatMap(values);

/** Rows a writer took but did not commit (it ended): back to the front of the queue, written by this connection. */
export function requeueAudit(db: Db, rows: readonly AuditEntry[]): void {
  if (rows.length === 0) return;
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = []));
  const wasEmpty = queue.length === 0;
  queue.unshift(...rows);
  if (wasEmpty) setImmediate(() => flushAuditQueue(db, { endOfTurn: true }));
}

export function queueAudit(db: Db, e: AuditEntry): void {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = []));
  queue.push(e);
  if (queue.length === 1) setImmediate(() => flushAuditQueue(db, { endOfTurn: true }));
}

/**
 * Writes the queued rows now. At the end of a turn they go to the worker when one takes them; otherwise it does not
 * wait when another connection holds the write lock (the background move of audit rows, the admin CLI): SQLite's
 * wait sleeps in steps of milliseconds, which every request in flight would feel; the rows stay queued, in order,
 * and are tried again a moment later. Readers of the log and shutdown write what is queued and wait for what the
 * worker still has, as long as the connection's busy timeout allows.
 */
export function flushAuditQueue(db: Db, o: { endOfTurn?: boolean } = {}): void {
  const queue = queues.get(db);
  const writer = writers.get(db);
  if (!o.endOfTurn && writer && !writer.settle(READER_WAIT_MS))
    throw new Error('database is busy: the audit rows handed to the maintenance worker are not written yet');
  if (!queue || queue.length === 0 || !db.open) return;
  const rows = queue.slice();
  if (o.endOfTurn && writer?.send(rows)) {
    queue.splice(0, rows.length);
    return;
  }
  try {
    withoutWaiting(db, o.endOfTurn === true, () => writeAuditRows(db, rows));
  } catch (err) {
    if (o.endOfTurn && (err as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      setTimeout(() => flushAuditQueue(db, o), 1);
      return;
    }
    throw err;
  }
  queue.splice(0, rows.length);
}

/** Rows of reads in one transaction without an fsync: a power cut may lose the last of them, a crash does not. */
export function writeAuditRows(db: Db, rows: readonly AuditEntry[]): void {
  withoutFsync(db, () => db.transaction(() => appendAuditRows(db, rows))());
}

function withoutWaiting<T>(db: Db, on: boolean, write: () => T): T {
  if (!on) return write();
  const before = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    return write();
  } finally {
    db.pragma(`busy_timeout = ${before}`);
  }
}

/**
 * One user's actions in a period (both ends included), newest first: the control question of NEN 7513 ("what did
 * this person see, and when"). The log has no index by user (migration 0160): the period is read backwards through
 * the index by time until `limit` rows of the user are found.
 */
export function listAuditForUser(db: Db, userId: number, from: string, to: string, limit = 100): AuditEntry[] {
  flushAuditQueue(db);
  const rows = db
    .prepare('SELECT * FROM audit_log WHERE user_id = ? AND at >= ? AND at <= ? ORDER BY at DESC, id DESC LIMIT ?')
    .all(userId, from, to, limit) as Array<{
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
