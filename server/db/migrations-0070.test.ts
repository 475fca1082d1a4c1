import { describe, expect, it } from 'vitest';
import { openDatabase } from './open.ts';
import { currentVersion, migrate } from './migrate.ts';

function setup() {
  const db = openDatabase(':memory:', { migrate: false });
  migrate(db, 70);
  db.prepare(
    `INSERT INTO users (id, username, display_name, email, mobile, kind, password_hash, created_at)
     VALUES (1, 'truus', 'Truus', 't@example.nl', '+31612345678', 'client', 'h', 't')`,
  ).run();
  db.prepare(`INSERT INTO clients (id, user_id, display_name, created_at) VALUES (1, 1, 'Truus', 't')`).run();
  const ehr = db.prepare(
    `INSERT INTO dossier_items (client_id, kind, occurred_at, body, fields, source, external_id, synced_at)
     VALUES (1, ?, '2026-10-01T10:00:00Z', 'x', ?, ?, ?, ?)`,
  );
  const own = db.prepare(
    `INSERT INTO dossier_items (client_id, kind, occurred_at, body, author_user_id, sent_to_ehr_at)
     VALUES (?, ?, '2026-10-01T10:00:00Z', 'x', ?, ?)`,
  );
  const plan = db.prepare(
    `INSERT INTO care_plans (client_id, title, version, valid_from, valid_to, content, source, external_id, synced_at)
     VALUES (1, 'Zorgleefplan', ?, ?, ?, ?, 'ehr', 'p-1', 't')`,
  );
  return { db, ehr, own, plan };
}

describe('0070 dossier', () => {
  it('creates dossier_items and care_plans with their indexes', () => {
    const { db } = setup();
    expect(currentVersion(db)).toBe(70);
    const names = (db.prepare(`SELECT name FROM sqlite_master`).all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'dossier_items',
        'care_plans',
        'dossier_items_client_time',
        'dossier_items_client_synced',
      ]),
    );
  });

  it('EHR rows carry source, external id and sync time, unique per source; forms need valid JSON fields', () => {
    const { ehr } = setup();
    ehr.run('report', null, 'ehr', 'r-1', 't');
    expect(() => ehr.run('report', null, 'ehr', 'r-1', 't')).toThrow(/UNIQUE/);
    expect(() => ehr.run('report', null, null, null, null)).toThrow(/CHECK/);
    expect(() => ehr.run('report', null, 'ehr', 'r-2', null)).toThrow(/CHECK/);
    expect(() => ehr.run('letter', null, 'ehr', 'r-3', 't')).toThrow(/CHECK/);
    ehr.run('form', '[{"label":"a","value":"b"}]', 'ehr', 'f-1', 't');
    expect(() => ehr.run('form', null, 'ehr', 'f-2', 't')).toThrow(/CHECK/);
    expect(() => ehr.run('form', '{oops', 'ehr', 'f-3', 't')).toThrow(/CHECK/);
    expect(() => ehr.run('report', '[]', 'ehr', 'r-4', 't')).toThrow(/CHECK/);
  });

  it('a client report names its portal author; only client reports can be "sent to the EHR"', () => {
    const { own, db } = setup();
    own.run(1, 'client_report', 1, null);
    expect(() => own.run(1, 'client_report', null, null)).toThrow(/CHECK/);
    expect(() => own.run(1, 'report', 1, null)).toThrow(/CHECK/);
    expect(() => own.run(99, 'client_report', 1, null)).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO dossier_items (client_id, kind, occurred_at, body, source, external_id, synced_at, sent_to_ehr_at)
           VALUES (1, 'report', 't', 'x', 'ehr', 'r-9', 't', 't')`,
        )
        .run(),
    ).toThrow(/CHECK/);
  });

  it('plan versions are unique per (source, external id, version), end after they start, hold valid JSON', () => {
    const { plan } = setup();
    plan.run(1, '2026-01-01', '2026-02-01', '{}');
    expect(() => plan.run(1, '2026-02-01', null, '{}')).toThrow(/UNIQUE/);
    plan.run(2, '2026-02-01', null, '{}');
    expect(() => plan.run(3, '2026-03-01', '2026-03-01', '{}')).toThrow(/CHECK/);
    expect(() => plan.run(4, '2026-03-01', null, 'not json')).toThrow(/CHECK/);
    expect(() => plan.run(0, '2026-03-01', null, '{}')).toThrow(/CHECK/);
  });
});
