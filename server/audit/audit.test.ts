import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.ts';
import { FixedClock } from '../clock.ts';
import { audit } from './audit.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const makeTempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

const sync = (db: ReturnType<typeof openDatabase>) => db.pragma('synchronous', { simple: true });

describe('audit', () => {
  it('a read audit row is written without an fsync and the database is FULL again afterwards', () => {
    const db = openDatabase(path.join(makeTempDir('audit-'), 'p.sqlite'));
    const deps = { db, clock: new FixedClock(new Date('2026-01-01T00:00:00Z')) };
    expect(sync(db)).toBe(2); // FULL
    let seen: unknown;
    const spy = db.pragma.bind(db);
    db.pragma = ((source: string, o?: { simple?: boolean }) => {
      if (source.startsWith('synchronous =')) seen = seen ?? source;
      return spy(source, o);
    }) as typeof db.pragma;
    audit(deps, null, { action: 'home.read', outcome: 'success' });
    expect(seen).toBe('synchronous = NORMAL');
    expect(sync(db)).toBe(2);
    expect((db.prepare("SELECT COUNT(*) n FROM audit_log WHERE action = 'home.read'").get() as { n: number }).n).toBe(
      1,
    );
  });

  it('inside a transaction the row commits with the change and the setting is left alone', () => {
    const db = openDatabase(path.join(makeTempDir('audit-'), 'p.sqlite'));
    const deps = { db, clock: new FixedClock(new Date('2026-01-01T00:00:00Z')) };
    const calls: string[] = [];
    const spy = db.pragma.bind(db);
    db.pragma = ((source: string, o?: { simple?: boolean }) => {
      calls.push(source);
      return spy(source, o);
    }) as typeof db.pragma;
    expect(() =>
      db.transaction(() => {
        audit(deps, null, { action: 'x.write', outcome: 'success' });
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(calls).toEqual([]);
    expect((db.prepare('SELECT COUNT(*) n FROM audit_log').get() as { n: number }).n).toBe(0);
  });
});
