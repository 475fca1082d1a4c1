import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/open.ts';
import { FixedClock } from '../clock.ts';
import { flushAuditQueue } from '../db/repos/audit-log.ts';
import { audit } from './audit.ts';

const tempDb = () => openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'audit-')), 'p.sqlite'));
const deps = (db: Db) => ({ db, clock: new FixedClock(new Date('2026-01-01T00:00:00Z')) });
const rows = (db: Db) => (db.prepare('SELECT COUNT(*) n FROM audit_log').get() as { n: number }).n;

/** Records the synchronous settings the code under test chooses. */
function watchSync(db: Db): string[] {
  const seen: string[] = [];
  const pragma = db.pragma.bind(db);
  db.pragma = ((source: string, o?: { simple?: boolean }) => {
    if (source.startsWith('synchronous =')) seen.push(source);
    return pragma(source, o);
  }) as typeof db.pragma;
  return seen;
}

describe('audit', () => {
  it('rows of reads are written together at the end of the event-loop turn, without an fsync', async () => {
    const db = tempDb();
    const seen = watchSync(db);
    for (let i = 0; i < 3; i++) audit(deps(db), null, { action: 'home.read', outcome: 'success' });
    expect(rows(db)).toBe(0);
    await new Promise((r) => setImmediate(r));
    expect(rows(db)).toBe(3);
    expect(seen).toEqual(['synchronous = NORMAL', 'synchronous = FULL']); // one commit for the three
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('readers can flush at once; a flush with nothing queued writes nothing', () => {
    const db = tempDb();
    const seen = watchSync(db);
    flushAuditQueue(db);
    expect(seen).toEqual([]);
    audit(deps(db), null, { action: 'home.read', outcome: 'success' });
    flushAuditQueue(db);
    expect(rows(db)).toBe(1);
  });

  it('inside a transaction the row commits or rolls back with the change', () => {
    const db = tempDb();
    const seen = watchSync(db);
    expect(() =>
      db.transaction(() => {
        audit(deps(db), null, { action: 'x.write', outcome: 'success' });
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    flushAuditQueue(db);
    expect(rows(db)).toBe(0);
    db.transaction(() => audit(deps(db), null, { action: 'x.write', outcome: 'success' }))();
    expect(rows(db)).toBe(1);
    expect(seen).toEqual([]);
  });
});
