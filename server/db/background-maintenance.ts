// Database upkeep off the request thread: a worker thread with its own connection that (1) writes the audit rows of
// reads that the server's connection hands it at the end of each event-loop turn, (2) moves audit rows from
// audit_recent into the indexed audit_entries (migration 0110) and (3) checkpoints the WAL into the database file.
// All three are heavy on page writes; on the request thread they showed as stalls of tens of milliseconds every few
// hundred requests, and the writes of (1) as a sixth of a home-screen request. The server's own connection stops
// checkpointing while the worker runs (and starts again if the worker ends), so the WAL is still bounded.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import {
  AUDIT_INSERT,
  auditValues,
  flushAuditQueue,
  handAuditRowsTo,
  requeueAudit,
  type AuditEntry,
} from './repos/audit-log.ts';
import type { Db } from './open.ts';
import type { Logger } from '../log.ts';

export const AUDIT_MOVE_SQL = {
  oldest: 'SELECT MIN(id) AS id FROM audit_recent',
  newest: 'SELECT MAX(id) AS id FROM audit_recent',
  copy: `INSERT INTO audit_entries (id, at, user_id, username, client_id, acting_for, action, resource, outcome, ip,
      device, detail)
    SELECT id, at, user_id, username, client_id, acting_for, action, resource, outcome, ip, device, detail
    FROM audit_recent WHERE id BETWEEN ? AND ?`,
  remove: 'DELETE FROM audit_recent WHERE id BETWEEN ? AND ?',
} as const;

export interface MaintenanceOptions {
  /** How often the worker moves audit rows and checkpoints. */
  intervalMs?: number;
  /** Rows per move transaction, each followed by a short pause: the lock is never held for long. */
  chunk?: number;
  /** How long the worker waits for another connection's write lock before it tries again later (5 s). */
  busyTimeoutMs?: number;
}

/*
 * The worker's code, plain CommonJS run with `eval`: it must also start from the test runner, which loads our
 * TypeScript through its own transform that a worker thread would not have. Its SQL comes from AUDIT_MOVE_SQL.
 */
const WORKER_SOURCE = `
const { parentPort, workerData: w } = require('node:worker_threads');
const Database = require(w.driver);
const db = new Database(w.file);
db.pragma('busy_timeout = ' + w.busyTimeoutMs);
// A move that is lost in a power cut is rolled back whole: the rows are still in audit_recent.
db.pragma('synchronous = NORMAL');
const oldest = db.prepare(w.sql.oldest);
const newest = db.prepare(w.sql.newest);
const copy = db.prepare(w.sql.copy);
const remove = db.prepare(w.sql.remove);
// IMMEDIATE: the write lock first, so a commit of the server in between cannot make the move fail
const move = db.transaction((from, to) => { copy.run(from, to); remove.run(from, to); }).immediate;
// Audit rows handed over by the server's connection, written in the order they came, gathered for a few
// milliseconds into one transaction: every commit of another connection makes the server's connection drop its page
// cache and read its pages again on its next request, which cost more than the rows' own writing when this worker
// committed every event-loop turn of the server. A reader of the log on the server asks for them at once ('flush').
// What cannot be written yet (another connection holds the write lock past the busy timeout) stays first in line and
// is tried again; the number of the last committed batch is in shared memory, where the reader waits for it.
const committed = new BigInt64Array(w.committed);
const perRow = w.insert.columns.split(',').length;
const inserts = [];
const insertOf = (n) => (inserts[n] ??= db.prepare(
  'INSERT INTO ' + w.insert.table + ' (' + w.insert.columns + ') VALUES ' +
  Array(n).fill(w.insert.rowPlaceholders).join(', ')));
const writeBatches = db.transaction((batches) => {
  for (const b of batches) {
    for (let i = 0; i < b.count; i += w.insert.maxRowsPerStatement) {
      const n = Math.min(w.insert.maxRowsPerStatement, b.count - i);
      insertOf(n).run(b.values.slice(i * perRow, (i + n) * perRow));
    }
  }
});
const handedOver = [];
let gathering = null;
let retry = null;
let failing = false;
function writeHandedOver() {
  if (gathering) clearTimeout(gathering);
  gathering = null;
  retry = null;
  if (handedOver.length === 0) return;
  try {
    writeBatches(handedOver);
  } catch (err) {
    if (!failing) parentPort.postMessage({ error: 'audit rows not yet written: ' + String((err && err.message) || err) });
    failing = true;
    retry = setTimeout(writeHandedOver, 10);
    return;
  }
  failing = false;
  const seq = handedOver[handedOver.length - 1].seq;
  handedOver.length = 0;
  Atomics.store(committed, 0, seq);
  Atomics.notify(committed, 0);
}
// One chunk per step, with a pause between chunks in which the server's connection can take the write lock.
let timer = null;
let last = null;
function step() {
  timer = null;
  try {
    if (last === null) last = newest.get().id;
    const from = oldest.get().id;
    if (last !== null && from !== null && from <= last) {
      move(from, Math.min(last, from + w.chunk - 1));
      return schedule(w.pauseMs);
    }
    last = null;
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    last = null;
    parentPort.postMessage({ error: String((err && err.message) || err) });
  }
  schedule(w.intervalMs);
}
function schedule(ms) {
  timer = setTimeout(step, ms);
}
schedule(w.intervalMs);
parentPort.on('message', (m) => {
  if (m && m.rows) {
    handedOver.push(m.rows);
    if (!retry && !gathering) gathering = setTimeout(writeHandedOver, w.gatherMs);
    return;
  }
  if (m === 'flush') {
    if (!retry) writeHandedOver();
    return;
  }
  if (m !== 'stop') return;
  if (timer) clearTimeout(timer);
  if (retry) clearTimeout(retry);
  writeHandedOver(); // once more; what still fails goes back to the server's connection when the worker has ended
  try {
    for (let from = oldest.get().id; from !== null; from = oldest.get().id) move(from, from + w.chunk - 1);
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
  }
  db.close();
  parentPort.postMessage({ stopped: true });
});
parentPort.postMessage({ started: true });
`;

export interface Maintenance {
  /** Writes and moves what is left, checkpoints, and ends the worker. */
  stop(): Promise<void>;
}

export function startBackgroundMaintenance(db: Db, log: Logger, o: MaintenanceOptions = {}): Maintenance {
  const committed = new BigInt64Array(new SharedArrayBuffer(8));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      file: db.name,
      sql: AUDIT_MOVE_SQL,
      insert: AUDIT_INSERT,
      committed: committed.buffer,
      busyTimeoutMs: o.busyTimeoutMs ?? 5000,
      // A process that dies loses the rows of at most these last milliseconds of reads (as it loses those still
      // queued in its last event-loop turn); a power cut may lose the last commits anyway (synchronous = NORMAL).
      gatherMs: 10,
      intervalMs: o.intervalMs ?? 1000,
      // Each move rewrites every index page it touches once, so larger moves cost less per row: on the 1000-client
      // benchmark database 25–44 µs per row in moves of 1 000, 15–22 µs in moves of 6 000 (README, performance).
      // 5 000 keeps the write lock under about a tenth of a second.
      chunk: o.chunk ?? 5000,
      pauseMs: 5,
    },
  });
  db.pragma('wal_autocheckpoint = 0');
  let stopped: (() => void) | null = null;
  let exited = false;
  let stopping = false;
  worker.on('message', (m: { error?: string; stopped?: boolean }) => {
    if (m.error) log.error('database maintenance failed', { error: m.error });
    if (m.stopped) stopped?.();
  });
  worker.on('error', (err) => log.error('database maintenance worker failed', { error: err.message }));
  // Batches handed over and not yet known to be committed; a worker that ends gives them back to the connection.
  let sent = 0n;
  const inFlight: Array<{ seq: bigint; rows: readonly AuditEntry[] }> = [];
  const forgetCommitted = () => {
    const done = Atomics.load(committed, 0);
    while (inFlight.length > 0 && inFlight[0]!.seq <= done) inFlight.shift();
  };
  handAuditRowsTo(db, {
    send(rows) {
      if (exited || stopping) return false;
      forgetCommitted();
      sent++;
      inFlight.push({ seq: sent, rows });
      worker.postMessage({ rows: { seq: sent, values: auditValues(rows), count: rows.length } });
      return true;
    },
    settle(timeoutMs) {
      // Blocks this thread: usually well under a millisecond, up to a move's duration when the worker is moving rows.
      const deadline = performance.now() + timeoutMs;
      if (Atomics.load(committed, 0) < sent && !exited) worker.postMessage('flush');
      for (let done = Atomics.load(committed, 0); done < sent && !exited; done = Atomics.load(committed, 0)) {
        const left = deadline - performance.now();
        if (left <= 0) return false;
        Atomics.wait(committed, 0, done, Math.min(left, 100));
      }
      forgetCommitted();
      return true;
    },
  });
  const takeBack = () => {
    handAuditRowsTo(db, null);
    forgetCommitted();
    const rows = inFlight.splice(0).flatMap((b) => b.rows);
    if (rows.length > 0 && db.open) requeueAudit(db, rows);
  };
  worker.on('exit', () => {
    exited = true;
    takeBack();
    // Without the worker the connection checkpoints by itself again, as SQLite does by default.
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
    stopped?.();
  });
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve, reject) => {
        if (exited) return resolve();
        worker.ref(); // until it has answered: a pending promise alone does not keep the process alive
        stopping = true; // rows of later turns: this connection writes them; the worker ends with its own
        stopped = () => {
          stopped = null;
          void worker.terminate().then(() => {
            takeBack();
            try {
              // Rows the worker could not write (the lock was held past its busy timeout) came back to the queue.
              if (db.open) flushAuditQueue(db);
              resolve();
            } catch (err) {
              reject(err as Error);
            }
          });
        };
        worker.postMessage('stop');
      }),
  };
}
