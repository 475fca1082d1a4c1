import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './open.ts';
import { flushAuditQueue } from './repos/audit-log.ts';
import { listAccessLog } from './repos/access-log.ts';
import { startBackgroundMaintenance, type Maintenance } from './background-maintenance.ts';
import { audit } from '../audit/audit.ts';
import { FixedClock } from '../clock.ts';
import { silentLogger, type Logger } from '../log.ts';

const running: Maintenance[] = [];
const opened: Db[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const m of running.splice(0)) await m.stop();
  for (const db of opened.splice(0)) db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function world() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maintenance-'));
  dirs.push(dir);
  const file = path.join(dir, 'p.sqlite');
  const db = openDatabase(file);
  opened.push(db);
  const deps = { db, clock: new FixedClock('2026-01-01T10:00:00Z') };
  // silent, but a failure the worker reports fails the test
  const errors: unknown[] = [];
  const log: Logger = { ...silentLogger, error: (msg, fields) => errors.push({ msg, ...fields }) };
  const start = (o: { intervalMs: number; chunk?: number; busyTimeoutMs?: number }) => {
    const m = startBackgroundMaintenance(db, log, o);
    running.push(m);
    return m;
  };
  /** Queues rows the way every read of client data does; they are written at the end of this turn. */
  const queue = (prefix: string, n: number) => {
    for (let i = 0; i < n; i++) {
      audit(deps, null, {
        action: `${prefix}.${i}`,
        outcome: 'success',
        userId: 1 + (i % 7),
        clientId: 1 + (i % 3),
        resource: `r:${i}`,
      });
    }
  };
  const write = (prefix: string, n: number) => {
    queue(prefix, n);
    flushAuditQueue(db);
  };
  return { file, db, errors, start, queue, write };
}

const counts = (db: Db) =>
  // one statement, so one snapshot: a move is seen entirely or not at all
  db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM audit_entries) AS entries, (SELECT COUNT(*) FROM audit_recent) AS recent,
              (SELECT COUNT(*) FROM audit_log) AS visible, (SELECT COUNT(DISTINCT id) FROM audit_log) AS ids`,
    )
    .get() as { entries: number; recent: number; visible: number; ids: number };
const rowsOf = (db: Db, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as AuditRow[];
const actions = (db: Db, where = '1') =>
  (db.prepare(`SELECT action FROM audit_log WHERE ${where} ORDER BY id`).all() as { action: string }[]).map(
    (r) => r.action,
  );

interface AuditRow {
  id: number;
  action: string;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const endOfTurn = () => new Promise((r) => setImmediate(r));

/** Polls until `probe` holds; the deadline is only a safety net against hanging, not a timing requirement. */
async function until(what: string, probe: () => boolean, ms = 20_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!probe()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await pause(1);
  }
}

/**
 * From the WAL index (the -shm file, https://sqlite.org/walformat.html), without touching the WAL: the frames in
 * it (mxFrame of the index header) and how many of them a checkpoint has copied into the database file (nBackfill).
 */
function walState(file: string): { frames: number; checkpointed: number } {
  const shm = fs.readFileSync(`${file}-shm`);
  const u32 = (offset: number) => (os.endianness() === 'LE' ? shm.readUInt32LE(offset) : shm.readUInt32BE(offset));
  return { frames: u32(16), checkpointed: u32(96) };
}

describe('background maintenance', () => {
  it('moves the rows into audit_entries in chunks under the same ids; rows written meanwhile arrive too', async () => {
    const w = world();
    w.write('first', 5000);
    const before = rowsOf(w.db, 'audit_recent');
    expect(before.map((r) => r.id)).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
    expect(counts(w.db).entries).toBe(0);

    w.start({ intervalMs: 20, chunk: 300 });
    let wroteMeanwhile = false;
    const seen = new Set<number>();
    await until('every row is in audit_entries', () => {
      const c = counts(w.db);
      // never a row lost or shown twice, at any moment
      expect(c.ids).toBe(c.visible);
      expect([5000, 5500]).toContain(c.visible);
      // one transaction per chunk of 300 ids: ids 1..5000 first, the 500 written later in the next round
      expect(c.entries % 300 === 0 || [5000, 5300, 5500].includes(c.entries), `entries ${c.entries}`).toBe(true);
      seen.add(c.entries);
      if (!wroteMeanwhile && c.entries === 5000) throw new Error('the 5000 rows were never seen half moved');
      if (!wroteMeanwhile && c.entries > 0 && c.entries < 5000) {
        wroteMeanwhile = true;
        w.queue('second', 500); // written at the end of this turn, while the worker holds or takes the write lock
      }
      return wroteMeanwhile && c.recent === 0 && c.entries === 5500;
    });
    expect(wroteMeanwhile, 'the move was seen half done').toBe(true);
    expect(seen.size).toBeGreaterThan(2);

    const after = rowsOf(w.db, 'audit_entries');
    expect(after.slice(0, 5000)).toEqual(before);
    expect(after.map((r) => r.id)).toEqual(Array.from({ length: 5500 }, (_, i) => i + 1));
    expect(after.slice(5000).map((r) => r.action)).toEqual(Array.from({ length: 500 }, (_, i) => `second.${i}`));
    expect(rowsOf(w.db, 'audit_recent')).toEqual([]);
    expect(w.errors).toEqual([]);
  });

  it('checkpoints the WAL into the database file while the server connection does not', async () => {
    const w = world();
    expect(w.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    w.write('first', 200);
    const wal = walState(w.file);
    expect(wal.checkpointed).toBeLessThan(wal.frames); // the migrations and the rows are only in the WAL yet

    w.start({ intervalMs: 20, chunk: 300 });
    expect(w.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await until('the rows are moved and every frame is checkpointed', () => {
      const s = walState(w.file);
      return counts(w.db).recent === 0 && s.frames > 0 && s.checkpointed === s.frames;
    });
    expect(counts(w.db)).toMatchObject({ entries: 200, recent: 0 });
    expect(w.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    expect(w.errors).toEqual([]);
  });

  it('stop() moves everything left, checkpoints, ends the worker and lets the connection checkpoint again', async () => {
    const w = world();
    const m = w.start({ intervalMs: 60_000, chunk: 300 }); // no round of its own during this test
    expect(w.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    w.write('first', 1000);
    const before = rowsOf(w.db, 'audit_recent');
    expect(counts(w.db)).toMatchObject({ entries: 0, recent: 1000 });

    await m.stop();
    expect(counts(w.db)).toEqual({ entries: 1000, recent: 0, visible: 1000, ids: 1000 });
    expect(rowsOf(w.db, 'audit_entries')).toEqual(before);
    const wal = walState(w.file);
    expect(wal.checkpointed).toBe(wal.frames);
    expect(w.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await m.stop(); // a second stop is harmless

    // nothing moves any more: new rows stay in audit_recent
    w.write('later', 3);
    await pause(50);
    expect(counts(w.db)).toMatchObject({ entries: 1000, recent: 3 });
    expect(w.errors).toEqual([]);
  });

  it('the end-of-turn flush does not wait for another connection holding the write lock, and keeps the order', async () => {
    const w = world();
    const other = openDatabase(w.file);
    opened.push(other);
    other.exec('BEGIN IMMEDIATE');
    other
      .prepare(
        `INSERT INTO audit_log (at, action, outcome) VALUES ('2026-01-01T09:59:00.000Z', 'other.write', 'success')`,
      )
      .run();

    w.queue('queued', 3);
    const t0 = performance.now();
    await endOfTurn(); // the flush ran and met the lock
    // waiting would take the whole busy timeout (5 s) and then fail
    expect(performance.now() - t0).toBeLessThan(2500);
    expect(w.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(actions(w.db)).toEqual([]);

    // it keeps trying while the lock is held; later rows queue up behind the first
    await pause(30);
    w.queue('later', 2);
    await pause(30);
    expect(actions(w.db)).toEqual([]);

    // a reader's flush does wait (here briefly) and fails rather than return without the rows
    w.db.pragma('busy_timeout = 50');
    try {
      expect(() => flushAuditQueue(w.db)).toThrow(/locked|busy/i);
    } finally {
      w.db.pragma('busy_timeout = 5000');
    }
    expect(actions(w.db)).toEqual([]);

    other.exec('COMMIT');
    await until('the queued rows are written', () => actions(w.db).length === 6);
    expect(actions(w.db)).toEqual(['other.write', 'queued.0', 'queued.1', 'queued.2', 'later.0', 'later.1']);
    await pause(20);
    expect(actions(w.db)).toHaveLength(6); // each row once
  });

  it('a transaction that reads, then writes while the worker commits moves, waits instead of failing', async () => {
    const w = world();
    w.write('seed', 3000);
    w.start({ intervalMs: 1, chunk: 20 });
    const spin = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until) {
        // the worker thread runs meanwhile: without the write lock taken up front it would commit here
      }
    };
    let done = 0;
    while (counts(w.db).recent > 0 && done < 200) {
      w.db.transaction(() => {
        w.db.prepare('SELECT COUNT(*) AS n FROM audit_entries').get();
        spin(3);
        w.db
          .prepare(`INSERT INTO audit_log (at, action, outcome) VALUES ('2026-01-01T10:00:00Z', 'x.write', 'success')`)
          .run();
      })();
      done++;
      await new Promise((r) => setTimeout(r, 2)); // the worker gets its turns between the transactions
    }
    expect(done).toBeGreaterThan(5); // moves and the transactions really interleaved
    expect(counts(w.db).entries).toBeGreaterThan(0);
    expect(w.errors).toEqual([]);
  });
  it("writes the rows of a turn on the worker's connection; a reader of the log sees them at once", async () => {
    const w = world();
    w.start({ intervalMs: 60_000 }); // no move during this test: the rows stay in audit_recent
    const pragmas: string[] = [];
    const pragma = w.db.pragma.bind(w.db);
    w.db.pragma = ((source: string, o?: { simple?: boolean }) => {
      pragmas.push(source);
      return pragma(source, o);
    }) as typeof w.db.pragma;
    const writes: string[] = [];
    const prepare = w.db.prepare.bind(w.db);
    w.db.prepare = ((source: string) => {
      if (/^\s*INSERT/i.test(source)) writes.push(source);
      return prepare(source);
    }) as Db['prepare'];
    try {
      for (let turn = 0; turn < 3; turn++) {
        w.queue(`turn${turn}`, 40);
        await endOfTurn();
      }
      // the server's connection wrote nothing and switched nothing: the rows went to the worker
      expect(writes).toEqual([]);
      expect(pragmas).toEqual([]);
      // a reader waits for the worker's commit, with no polling of its own
      flushAuditQueue(w.db);
    } finally {
      w.db.pragma = pragma;
      w.db.prepare = prepare;
    }
    expect(counts(w.db)).toEqual({ entries: 0, recent: 120, visible: 120, ids: 120 });
    expect(actions(w.db)).toEqual(
      [0, 1, 2].flatMap((turn) => Array.from({ length: 40 }, (_, i) => `turn${turn}.${i}`)),
    );
    // the client's access log (which flushes first) counts a read of this very turn
    w.queue('dossier', 1);
    await endOfTurn();
    const log = listAccessLog(w.db, 1, '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', 500);
    expect(log.entries).toEqual([]); // no user row to join: the query ran, on all 121 rows
    expect(counts(w.db).recent).toBe(121);
    expect(w.errors).toEqual([]);
  });

  it('rows the worker cannot write while another connection holds the lock are written later, each once', async () => {
    const w = world();
    w.start({ intervalMs: 60_000, busyTimeoutMs: 20 });
    const other = openDatabase(w.file);
    opened.push(other);
    other.exec('BEGIN IMMEDIATE');
    w.queue('held', 5);
    const t0 = performance.now();
    await endOfTurn();
    expect(performance.now() - t0).toBeLessThan(2500); // the request thread did not wait for the lock
    await until('the worker has met the lock', () => w.errors.length > 0);
    expect(w.errors).toEqual([
      expect.objectContaining({ error: expect.stringMatching(/^audit rows not yet written: .*(locked|busy)/i) }),
    ]);
    w.queue('later', 2);
    await pause(60); // the worker keeps trying; the later rows wait behind the first
    other.exec('COMMIT');
    flushAuditQueue(w.db);
    expect(actions(w.db)).toEqual(['held.0', 'held.1', 'held.2', 'held.3', 'held.4', 'later.0', 'later.1']);
    await pause(50);
    expect(counts(w.db)).toMatchObject({ visible: 7, ids: 7 });
    expect(w.errors).toHaveLength(1); // reported once, not once per try
  });

  it('stop() with rows the worker could not write hands them back to the server connection: none lost', async () => {
    const w = world();
    const m = w.start({ intervalMs: 60_000, busyTimeoutMs: 20 });
    const other = openDatabase(w.file);
    opened.push(other);
    other.exec('BEGIN IMMEDIATE');
    w.queue('handed', 4);
    await endOfTurn();
    await until('the worker has met the lock', () => w.errors.length > 0);
    w.db.pragma('busy_timeout = 50');
    try {
      // the worker ends; its rows come back, and this connection cannot write them either while the lock is held
      await expect(m.stop()).rejects.toThrow(/locked|busy/i);
    } finally {
      w.db.pragma('busy_timeout = 5000');
    }
    expect(actions(w.db)).toEqual([]);
    other.exec('COMMIT');
    flushAuditQueue(w.db);
    expect(actions(w.db)).toEqual(['handed.0', 'handed.1', 'handed.2', 'handed.3']);
    // rows of later turns are written by the connection itself now
    w.queue('after', 1);
    await endOfTurn();
    expect(actions(w.db)).toHaveLength(5);
  });
  it('a change written on the server connection comes after the reads the worker still has, in id order too', async () => {
    const w = world();
    w.start({ intervalMs: 60_000 });
    w.queue('read', 3);
    await endOfTurn(); // handed over; the worker gathers for a few milliseconds before it commits
    expect(counts(w.db).recent).toBe(0);
    const deps = { db: w.db, clock: new FixedClock('2026-01-01T10:00:01Z') };
    w.db.transaction(() => audit(deps, null, { action: 'change.write', outcome: 'success', userId: 1, clientId: 1 }))();
    expect(actions(w.db)).toEqual(['read.0', 'read.1', 'read.2', 'change.write']);
    expect(w.errors).toEqual([]);
  });
});
