import { describe, expect, it } from 'vitest';
import { openDatabase } from './open.ts';
import { currentVersion, migrate } from './migrate.ts';
import { migrations } from './migrations/index.ts';

const tables = (db: ReturnType<typeof openDatabase>) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map(
    (r) => r.name,
  );

describe('migrations', () => {
  it('are numbered in steps of 10 and unique', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions.every((v) => v % 10 === 0)).toBe(true);
  });

  it('open the database with the pragmas of the house style', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('0010 accounts: users, clients, members; mobile must be E.164 NL mobile', () => {
    const db = openDatabase(':memory:', { migrate: false });
    migrate(db, 10);
    expect(currentVersion(db)).toBe(10);
    expect(tables(db)).toEqual(['client_members', 'clients', 'users']);
    const insert = db.prepare(
      `INSERT INTO users (username, display_name, email, mobile, kind, password_hash, created_at) VALUES (?, 'X', 'x@example.nl', ?, 'client', 'h', 't')`,
    );
    insert.run('a', '+31612345678');
    expect(() => insert.run('b', '0612345678')).toThrow(/CHECK/);
    expect(() => insert.run('A', '+31612345679')).toThrow(/UNIQUE/); // usernames are case-insensitive
  });

  it('0020 sign-in: sessions, devices, attempts, codes, throttle, resets', () => {
    const db = openDatabase(':memory:', { migrate: false });
    migrate(db, 20);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'devices',
        'sessions',
        'login_attempts',
        'sms_codes',
        'login_throttle',
        'password_resets',
      ]),
    );
    expect(() =>
      db
        .prepare(
          `INSERT INTO sessions (user_id, token_hash, created_at, last_seen_at, absolute_expires_at) VALUES (99, 'h', 't', 't', 't')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('0030 audit log is append-only', () => {
    const db = openDatabase(':memory:', { migrate: false });
    migrate(db, 30);
    db.prepare(`INSERT INTO audit_log (at, action, outcome) VALUES ('2026-01-01T00:00:00Z', 'login', 'success')`).run();
    expect(() => db.prepare(`UPDATE audit_log SET outcome = 'failure'`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
  });

  it('0040 outbox: only sms and mail channels', () => {
    const db = openDatabase(':memory:', { migrate: false });
    migrate(db, 40);
    const insert = db.prepare(
      `INSERT INTO outbox (channel, recipient, payload, next_attempt_at, created_at) VALUES (?, 'r', '{}', 't', 't')`,
    );
    insert.run('sms');
    expect(() => insert.run('fax')).toThrow(/CHECK/);
  });

  it('run again on an up-to-date database changes nothing', () => {
    const db = openDatabase(':memory:');
    const before = tables(db);
    expect(migrate(db)).toBe(migrations.at(-1)!.version);
    expect(tables(db)).toEqual(before);
  });

  it('a failing migration leaves the previous version intact', () => {
    const db = openDatabase(':memory:', { migrate: false });
    migrate(db, 10);
    migrations.push({ version: 15, name: 'broken', sql: 'CREATE TABLE t1 (a); SELECT * FROM no_such_table;' });
    try {
      expect(() => migrate(db, 15)).toThrow();
    } finally {
      migrations.pop();
    }
    expect(currentVersion(db)).toBe(10);
    expect(tables(db)).not.toContain('t1');
  });
});
