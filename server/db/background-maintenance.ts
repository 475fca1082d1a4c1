// Database upkeep off the request thread: a worker thread with its own connection that (1) moves new audit rows
// from audit_recent into the indexed audit_entries (migration 0110) and (2) checkpoints the WAL into the database
// file. Both are heavy on page writes and fsyncs; on the request thread they showed as stalls of tens of
// milliseconds every few hundred requests. The server's own connection stops checkpointing while the worker runs
// (and starts again if the worker ends), so the WAL is still bounded.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
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
}

/*
 * The worker's code, plain CommonJS run with `eval`: it must also start from the test runner, which loads our
 * TypeScript through its own transform that a worker thread would not have. Its SQL comes from AUDIT_MOVE_SQL.
 */
const WORKER_SOURCE = `
const { parentPort, workerData: w } = require('node:worker_threads');
const Database = require(w.driver);
const db = new Database(w.file);
db.pragma('busy_timeout = 5000');
// A move that is lost in a power cut is rolled back whole: the rows are still in audit_recent.
db.pragma('synchronous = NORMAL');
const oldest = db.prepare(w.sql.oldest);
const newest = db.prepare(w.sql.newest);
const copy = db.prepare(w.sql.copy);
const remove = db.prepare(w.sql.remove);
// IMMEDIATE: the write lock first, so a commit of the server in between cannot make the move fail
const move = db.transaction((from, to) => { copy.run(from, to); remove.run(from, to); }).immediate;
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
  if (m !== 'stop') return;
  if (timer) clearTimeout(timer);
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
  /** Moves what is left, checkpoints, and ends the worker. */
  stop(): Promise<void>;
}

export function startBackgroundMaintenance(db: Db, log: Logger, o: MaintenanceOptions = {}): Maintenance {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      file: db.name,
      sql: AUDIT_MOVE_SQL,
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
  worker.on('message', (m: { error?: string; stopped?: boolean }) => {
    if (m.error) log.error('database maintenance failed', { error: m.error });
    if (m.stopped) stopped?.();
  });
  worker.on('error', (err) => log.error('database maintenance worker failed', { error: err.message }));
  worker.on('exit', () => {
    exited = true;
    // Without the worker the connection checkpoints by itself again, as SQLite does by default.
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
    stopped?.();
  });
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        worker.ref(); // until it has answered: a pending promise alone does not keep the process alive
        stopped = () => {
          stopped = null;
          void worker.terminate().then(() => resolve());
        };
        worker.postMessage('stop');
      }),
  };
}
