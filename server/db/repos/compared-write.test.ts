import { beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { Db } from '../open.ts';
import { comparedWriter } from './compared-write.ts';

let db: Db;
// A table of the writer's own: key (source, external_id), compared a and b, stamp synced_at, insert-only created_at;
// the trigger counts real writes, as the data_version triggers of the EHR tables do.
beforeEach(() => {
  db = new Database(':memory:');
  db.exec(`
    CREATE TABLE t (id INTEGER PRIMARY KEY, source TEXT NOT NULL, external_id TEXT NOT NULL, a TEXT, b BLOB,
      synced_at TEXT, created_at TEXT, UNIQUE (source, external_id));
    CREATE TABLE writes (n INTEGER NOT NULL);
    INSERT INTO writes VALUES (0);
    CREATE TRIGGER t_insert AFTER INSERT ON t BEGIN UPDATE writes SET n = n + 1; END;
    CREATE TRIGGER t_update AFTER UPDATE ON t BEGIN UPDATE writes SET n = n + 1; END;`);
});

const writer = comparedWriter({
  table: 't',
  key: ['source', 'external_id'],
  values: ['a', 'b'],
  stamp: ['synced_at'],
  insertOnly: ['created_at'],
});
const writes = () => (db.prepare('SELECT n FROM writes').get() as { n: number }).n;
const row = (externalId: string) => db.prepare('SELECT * FROM t WHERE external_id = ?').get(externalId);

describe('comparedWriter', () => {
  it('creates, leaves an equal row alone, and updates a changed one without its insert-only columns', () => {
    const w = writer(db);
    const created = w(['s', 'x-1', 'eerste', Buffer.from([1, 2]), 'sync-1', 'created-1']);
    expect(created.outcome).toBe('created');
    expect(row('x-1')).toMatchObject({ id: created.id, a: 'eerste', synced_at: 'sync-1', created_at: 'created-1' });

    // The stamp is not compared: a newer synced_at alone changes nothing, so no trigger fires.
    expect(w(['s', 'x-1', 'eerste', Buffer.from([1, 2]), 'sync-2', 'created-2'])).toEqual({
      id: created.id,
      outcome: 'unchanged',
    });
    expect(writes()).toBe(1);
    expect(row('x-1')).toMatchObject({ synced_at: 'sync-1' });

    expect(w(['s', 'x-1', 'eerste', Buffer.from([1, 3]), 'sync-3', 'created-3'])).toEqual({
      id: created.id,
      outcome: 'updated',
    });
    expect(w(['s', 'x-1', null, Buffer.from([1, 3]), 'sync-4', 'created-4']).outcome).toBe('updated');
    expect(writes()).toBe(3);
    expect(row('x-1')).toMatchObject({ a: null, synced_at: 'sync-4', created_at: 'created-1' });
  });

  it('tells rows apart by the whole key', () => {
    const w = writer(db);
    const one = w(['s', 'x-1', 'a', null, 'at', 'at']);
    const other = w(['t', 'x-1', 'a', null, 'at', 'at']);
    expect([one.outcome, other.outcome]).toEqual(['created', 'created']);
    expect(other.id).not.toBe(one.id);
    expect(w(['t', 'x-1', 'a', null, 'at', 'at'])).toEqual({ id: other.id, outcome: 'unchanged' });
  });

  it('refuses a row of the wrong length instead of binding values to the wrong columns', () => {
    expect(() => writer(db)(['s', 'x-1', 'a', null, 'at'])).toThrow('t: 5 values for 6 columns');
    expect(writes()).toBe(0);
  });

  it('prepares its statements per database', () => {
    const other: Db = new Database(':memory:');
    other.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, source TEXT, external_id TEXT, a TEXT, b BLOB,
      synced_at TEXT, created_at TEXT, UNIQUE (source, external_id))`);
    expect(writer(db)).toBe(writer(db));
    expect(writer(other)).not.toBe(writer(db));
    writer(db)(['s', 'x-1', 'a', null, 'at', 'at']);
    expect(writer(other)(['s', 'x-1', 'a', null, 'at', 'at']).outcome).toBe('created');
  });
});
