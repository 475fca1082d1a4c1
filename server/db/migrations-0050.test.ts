import { describe, expect, it } from 'vitest';
import { openDatabase } from './open.ts';
import { currentVersion, migrate } from './migrate.ts';

function setup() {
  const db = openDatabase(':memory:', { migrate: false });
  migrate(db, 50);
  db.prepare(
    `INSERT INTO users (id, username, display_name, email, mobile, kind, password_hash, created_at)
     VALUES (1, 'truus', 'Truus', 't@example.nl', '+31612345678', 'client', 'h', 't')`,
  ).run();
  db.prepare(`INSERT INTO clients (id, user_id, display_name, created_at) VALUES (1, 1, 'Truus', 't')`).run();
  const own = db.prepare(
    `INSERT INTO appointments (client_id, kind, starts_at, ends_at, description, created_by_user_id, created_at,
       updated_at) VALUES (?, ?, ?, ?, 'Bezoek', 1, 't', 't')`,
  );
  const care = db.prepare(
    `INSERT INTO appointments (client_id, kind, starts_at, ends_at, description, created_at, updated_at, source,
       external_id, synced_at) VALUES (1, 'care', '2026-01-01T10:00', '2026-01-01T11:00', 'Zorg', 't', 't', ?, ?, ?)`,
  );
  return { db, own, care };
}

describe('0050 appointments', () => {
  it('creates staff_members and appointments with the client/start index', () => {
    const { db } = setup();
    expect(currentVersion(db)).toBe(50);
    const names = (db.prepare(`SELECT name FROM sqlite_master`).all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['staff_members', 'appointments', 'appointments_client_start']));
  });

  it('knows four kinds, needs the end after the start and an existing client', () => {
    const { own } = setup();
    own.run(1, 'visit', '2026-01-01T10:00', '2026-01-01T11:00');
    expect(() => own.run(1, 'party', '2026-01-01T10:00', '2026-01-01T11:00')).toThrow(/CHECK/);
    expect(() => own.run(1, 'visit', '2026-01-01T11:00', '2026-01-01T11:00')).toThrow(/CHECK/);
    expect(() => own.run(1, 'visit', '2026-01-01T11:00', '2026-01-01T10:00')).toThrow(/CHECK/);
    expect(() => own.run(99, 'visit', '2026-01-01T10:00', '2026-01-01T11:00')).toThrow(/FOREIGN KEY/);
  });

  it('care rows carry source, external id and sync time; own rows none; (source, external id) is unique', () => {
    const { own, care } = setup();
    care.run('ehr', 'a-1', '2026-01-01T00:00:00Z');
    expect(() => care.run('ehr', 'a-1', '2026-01-01T00:00:00Z')).toThrow(/UNIQUE/);
    expect(() => care.run(null, null, null)).toThrow(/CHECK/); // a care row without its EHR origin
    expect(() => care.run('ehr', 'a-2', null)).toThrow(/CHECK/); // an EHR row without a sync time
    expect(() => own.run(1, 'care', '2026-01-01T10:00', '2026-01-01T11:00')).toThrow(/CHECK/);
  });

  it('staff members are unique per (source, external id) and a photo needs its type and a thumbnail size', () => {
    const { db } = setup();
    const insert = db.prepare(
      `INSERT INTO staff_members (display_name, role, photo, photo_type, source, external_id, synced_at)
       VALUES ('Maria de Bruin', 'EVV''er', ?, ?, 'ehr', ?, 't')`,
    );
    insert.run(Buffer.from([1]), 'image/png', 'm-1');
    expect(() => insert.run(null, null, 'm-1')).toThrow(/UNIQUE/);
    expect(() => insert.run(Buffer.from([1]), null, 'm-2')).toThrow(/CHECK/);
    expect(() => insert.run(Buffer.from([1]), 'image/gif', 'm-3')).toThrow(/CHECK/);
    expect(() => insert.run(Buffer.alloc(70_000), 'image/png', 'm-4')).toThrow(/CHECK/);
  });
});
