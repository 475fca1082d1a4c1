import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './open.ts';
import { migrate } from './migrate.ts';

function setup(): Db {
  const db = openDatabase(':memory:', { migrate: false });
  migrate(db, 140);
  db.prepare(
    `INSERT INTO users (id, username, display_name, email, mobile, kind, password_hash, created_at)
     VALUES (1, 'truus', 'Truus', 't@example.nl', '+31612345678', 'client', 'h', 't')`,
  ).run();
  db.prepare(`INSERT INTO clients (id, user_id, display_name, created_at) VALUES (1, 1, 'Truus', 't')`).run();
  migrate(db, 150);
  return db;
}

describe('0150 EHR sync', () => {
  it('a client has one EHR identity per source, and an identity names one real client', () => {
    const db = setup();
    const link = db.prepare(`INSERT INTO ehr_links (source, ehr_id, client_id, created_at) VALUES (?, ?, ?, 't')`);
    link.run('ons', 'ecd-1', 1);
    link.run('fhir', 'Patient/9', 1);
    expect(() => link.run('ons', 'ecd-2', 1)).toThrow(/UNIQUE/);
    expect(() => link.run('ons', 'ecd-1', 1)).toThrow(/UNIQUE/);
    expect(() => link.run('ons', 'ecd-3', 42)).toThrow(/FOREIGN KEY/);
  });

  it('a run is running until it has an end, and counts and problems are JSON', () => {
    const db = setup();
    const run = db.prepare(
      `INSERT INTO sync_runs (source, direction, started_at, finished_at, status, counts) VALUES ('ons', ?, 't', ?, ?, ?)`,
    );
    run.run('pull', null, 'running', '{}');
    run.run('push', 't2', 'succeeded', '{"report":{"created":1}}');
    expect(() => run.run('pull', 't2', 'running', '{}')).toThrow(/CHECK/);
    expect(() => run.run('pull', null, 'failed', '{}')).toThrow(/CHECK/);
    expect(() => run.run('sideways', 't2', 'failed', '{}')).toThrow(/CHECK/);
    expect(() => run.run('pull', 't2', 'failed', 'not json')).toThrow(/CHECK/);
    expect(db.prepare(`SELECT problems FROM sync_runs WHERE id = 1`).get()).toEqual({ problems: '[]' });
  });
});
