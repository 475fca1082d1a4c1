import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './open.ts';
import { currentVersion, migrate } from './migrate.ts';
import { appendAudit, listAuditForUser } from './repos/audit-log.ts';
import { listAccessLog } from './repos/access-log.ts';

const opened: Db[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const COLUMNS = 'id, at, user_id, username, client_id, acting_for, action, resource, outcome, ip, device, detail';

/** Three rows in the audit_log table of version 100, with a gap in the ids: the highest (42) is not the count. */
const OLD_ROWS = [
  [3, '2026-01-01T08:00:00.000Z', 1, 'truus', 1, null, 'home.read', 'home', 'success', '10.0.0.1', 'browser', null],
  [7, '2026-01-01T09:00:00.000Z', null, 'nobody', null, null, 'login', null, 'failure', '10.0.0.2', null, 'unknown'],
  [42, '2026-01-02T10:00:00.000Z', 3, 'annie', 1, 1, 'messages.read', 't:1', 'success', null, 'desktop', null],
] as const;

function atVersion100(file = ':memory:'): Db {
  const db = openDatabase(file, { migrate: false });
  opened.push(db);
  migrate(db, 100);
  expect(currentVersion(db)).toBe(100);
  const insert = db.prepare(`INSERT INTO audit_log (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const row of OLD_ROWS) insert.run(...row);
  return db;
}

function migrated(): Db {
  const db = atVersion100();
  expect(migrate(db, 110)).toBe(110);
  return db;
}

const all = (db: Db, from: string) => db.prepare(`SELECT ${COLUMNS} FROM ${from} ORDER BY id`).all();
const ids = (db: Db, from: string) =>
  (db.prepare(`SELECT id FROM ${from} ORDER BY id`).all() as { id: number }[]).map((r) => r.id);
const count = (db: Db, from: string, where = '1', ...args: unknown[]) =>
  (db.prepare(`SELECT COUNT(*) AS n FROM ${from} WHERE ${where}`).get(...args) as { n: number }).n;

/** Adds a row through the view, as anything written against the old table does, and returns its id. */
function viaView(db: Db, action: string, at = '2026-01-03T10:00:00.000Z'): number {
  db.prepare(`INSERT INTO audit_log (at, user_id, client_id, action, outcome) VALUES (?, 3, 1, ?, 'success')`).run(
    at,
    action,
  );
  return (db.prepare('SELECT MAX(id) AS id FROM audit_recent').get() as { id: number }).id;
}

/** What the background worker does, one row at a time: copy under the same id, then delete. */
function move(db: Db, id: number): void {
  db.transaction(() => {
    db.prepare(`INSERT INTO audit_entries (${COLUMNS}) SELECT ${COLUMNS} FROM audit_recent WHERE id = ?`).run(id);
    db.prepare('DELETE FROM audit_recent WHERE id = ?').run(id);
  })();
}

const entry = (action: string) => ({
  at: '2026-01-03T11:00:00.000Z',
  userId: 3,
  username: null,
  clientId: 1,
  actingFor: null,
  action,
  resource: null,
  outcome: 'success' as const,
  ip: null,
  device: null,
  detail: null,
});

const plan = (db: Db, sql: string, ...args: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail);

describe('0110 audit log in two parts', () => {
  it('keeps every existing row with its id in the indexed part, read through the view audit_log', () => {
    const db = migrated();
    const types = db
      .prepare(`SELECT name, type FROM sqlite_master WHERE name IN ('audit_log', 'audit_entries', 'audit_recent')`)
      .all();
    expect(types).toEqual(
      expect.arrayContaining([
        { name: 'audit_log', type: 'view' },
        { name: 'audit_entries', type: 'table' },
        { name: 'audit_recent', type: 'table' },
      ]),
    );
    const expected = OLD_ROWS.map((r) => Object.fromEntries(COLUMNS.split(', ').map((c, i) => [c, r[i]])));
    expect(all(db, 'audit_log')).toEqual(expected);
    expect(all(db, 'audit_entries')).toEqual(expected);
    expect(count(db, 'audit_recent')).toBe(0);
    const indexes = db.prepare(`SELECT name FROM pragma_index_list('audit_entries') ORDER BY name`).all();
    expect(indexes).toEqual([{ name: 'audit_log_client_at' }, { name: 'audit_log_user_at' }]);
    // the old readers of the log still work against the view
    expect(listAuditForUser(db, 3, '2026-01-01', '2026-12-31').map((e) => e.action)).toEqual(['messages.read']);
  });

  it('writes new rows to audit_recent with ids above every existing id', () => {
    const db = migrated();
    const first = viaView(db, 'home.read');
    appendAudit(db, entry('dossier.read'));
    expect(first).toBeGreaterThan(42);
    expect(ids(db, 'audit_recent')).toEqual([first, first + 1]);
    expect(ids(db, 'audit_entries')).toEqual([3, 7, 42]);
    expect(ids(db, 'audit_log')).toEqual([3, 7, 42, first, first + 1]);
    expect(db.prepare('SELECT action FROM audit_log WHERE id = ?').get(first + 1)).toEqual({ action: 'dossier.read' });
  });

  it('never hands out an id again once its row has moved on, also after the database is reopened', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-0110-'));
    dirs.push(dir);
    const file = path.join(dir, 'p.sqlite');
    const db = atVersion100(file);
    migrate(db, 110);
    const a = viaView(db, 'a.read');
    const b = viaView(db, 'b.read');
    move(db, a);
    move(db, b); // audit_recent is empty now: without AUTOINCREMENT the next id would be 1 (max rowid + 1)
    expect(count(db, 'audit_recent')).toBe(0);
    const c = viaView(db, 'c.read');
    expect(c).toBe(b + 1);
    db.close();
    const again = openDatabase(file, { migrate: false });
    opened.push(again);
    const d = viaView(again, 'd.read');
    expect(d).toBe(c + 1);
    // each new row can still join the indexed part under its own id
    move(again, c);
    move(again, d);
    expect(ids(again, 'audit_entries')).toEqual([3, 7, 42, a, b, c, d]);
    expect(new Set(ids(again, 'audit_log')).size).toBe(7);
  });

  it('refuses UPDATE, DELETE and INSERT OR REPLACE on the view and on both parts, and changes nothing', () => {
    const db = migrated();
    const recent = viaView(db, 'home.read');
    const before = all(db, 'audit_log');
    const attempts = [
      `UPDATE audit_log SET outcome = 'failure' WHERE id = 3`,
      `UPDATE audit_log SET outcome = 'failure' WHERE id = ${recent}`,
      'DELETE FROM audit_log WHERE id = 3',
      `DELETE FROM audit_log WHERE id = ${recent}`,
      'DELETE FROM audit_log',
      `UPDATE audit_entries SET action = 'x' WHERE id = 3`,
      'DELETE FROM audit_entries WHERE id = 3',
      'DELETE FROM audit_entries',
      `UPDATE audit_recent SET action = 'x' WHERE id = ${recent}`,
      'UPDATE audit_recent SET id = id + 1000',
      `DELETE FROM audit_recent WHERE id = ${recent}`,
      'DELETE FROM audit_recent',
      // a replace deletes the old row without firing DELETE triggers: refused before it happens
      `INSERT OR REPLACE INTO audit_entries (id, at, action, outcome) VALUES (3, '2026-01-01', 'forged', 'success')`,
      `INSERT OR REPLACE INTO audit_recent (id, at, action, outcome) VALUES (${recent}, '2026-01-01', 'forged', 'success')`,
      `REPLACE INTO audit_entries (id, at, action, outcome) VALUES (42, '2026-01-01', 'forged', 'success')`,
    ];
    for (const sql of attempts) expect(() => db.prepare(sql).run(), sql).toThrow(/append-only/);
    expect(all(db, 'audit_log')).toEqual(before);
  });

  it('lets a row leave audit_recent only once the same row (id, at, action) is in audit_entries', () => {
    const db = migrated();
    const wrongAction = viaView(db, 'home.read', '2026-01-03T10:00:00.000Z');
    const wrongAt = viaView(db, 'home.read', '2026-01-03T10:00:01.000Z');
    const moved = viaView(db, 'home.read', '2026-01-03T10:00:02.000Z');
    const copy = db.prepare(`INSERT INTO audit_entries (id, at, action, outcome) VALUES (?, ?, ?, 'success')`);
    const remove = db.prepare('DELETE FROM audit_recent WHERE id = ?');
    expect(() => remove.run(moved)).toThrow(/append-only/);
    copy.run(wrongAction, '2026-01-03T10:00:00.000Z', 'dossier.read');
    expect(() => remove.run(wrongAction)).toThrow(/append-only/);
    copy.run(wrongAt, '2026-01-03T10:00:00.000Z', 'home.read');
    expect(() => remove.run(wrongAt)).toThrow(/append-only/);
    expect(ids(db, 'audit_recent')).toEqual([wrongAction, wrongAt, moved]);

    const before = all(db, 'audit_log').filter((r) => (r as { id: number }).id === moved);
    move(db, moved);
    expect(ids(db, 'audit_recent')).toEqual([wrongAction, wrongAt]);
    // after a proper move the view shows the row exactly once, unchanged
    expect(db.prepare(`SELECT ${COLUMNS} FROM audit_log WHERE id = ?`).all(moved)).toEqual(before);
  });

  it('finds one client in a period through the index of audit_entries, never by scanning it', () => {
    const db = migrated();
    const simple = plan(
      db,
      'SELECT * FROM audit_log WHERE client_id = ? AND at >= ? AND at <= ?',
      1,
      '2026-01-01',
      '2026-02-01',
    );
    expect(simple.join('; ')).toMatch(
      /SEARCH audit_entries USING INDEX audit_log_client_at \(client_id=\? AND at>\? AND at<\?\)/,
    );
    expect(simple.join('; ')).not.toMatch(/TEMP B-TREE/); // the parts are read one after the other, not merged
    expect(simple.filter((d) => /\baudit_entries\b/.test(d) && !/USING INDEX audit_log_client_at/.test(d))).toEqual([]);

    // the access log's own query, as listAccessLog sends it
    const sent: { sql: string; args: unknown[] }[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((source: string) => {
      const statement = prepare(source);
      if (!/\baudit_(log|entries)\b/.test(source)) return statement;
      return new Proxy(statement, {
        get: (target, key) =>
          key === 'all'
            ? (...args: unknown[]) => {
                sent.push({ sql: source, args });
                return target.all(...args);
              }
            : Reflect.get(target, key, target),
      });
    }) as Db['prepare'];
    try {
      listAccessLog(db, 1, '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', 50);
    } finally {
      db.prepare = prepare;
    }
    expect(sent).toHaveLength(1);
    const accessLog = plan(db, sent[0]!.sql, ...sent[0]!.args);
    // one sort only, of the few rows left after the limit: the index gives the indexed part's rows in order
    expect(accessLog.filter((d) => /TEMP B-TREE/.test(d))).toEqual(['USE TEMP B-TREE FOR ORDER BY']);
    expect(accessLog.join('; ')).toMatch(
      /SEARCH audit_entries USING INDEX audit_log_client_at \(client_id=\? AND at>\? AND at<\?\)/,
    );
    expect(accessLog.filter((d) => /\baudit_entries\b/.test(d) && !/USING INDEX audit_log_client_at/.test(d))).toEqual(
      [],
    );
    // and one user's rows through the other index (from migration 0160 on an index by time: migrations-0160.test.ts)
    expect(plan(db, 'SELECT * FROM audit_log WHERE user_id = ? ORDER BY id DESC LIMIT ?', 3, 100).join('; ')).toMatch(
      /SEARCH audit_entries USING INDEX audit_log_user_at \(user_id=\?\)/,
    );
  });
});
