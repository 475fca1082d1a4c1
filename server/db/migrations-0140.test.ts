import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './open.ts';
import { migrate } from './migrate.ts';

/** Truus (1) a client from before 0140, Anna (2) a staff user. */
function setup(): Db {
  const db = openDatabase(':memory:', { migrate: false });
  migrate(db, 130);
  const user = db.prepare(
    `INSERT INTO users (id, username, display_name, email, mobile, kind, password_hash, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'h', 't')`,
  );
  user.run(1, 'truus', 'Truus', 't@example.nl', '+31612345678', 'client');
  user.run(2, 'anna', 'Anna', 'a@example.nl', '+31611223344', 'staff');
  db.prepare(`INSERT INTO clients (id, user_id, display_name, created_at) VALUES (1, 1, 'Truus', 't')`).run();
  db.prepare(
    `INSERT INTO login_attempts (id, user_id, token_hash, stage, created_at, expires_at) VALUES (1, 1, 'h1', 'done', 't', 't')`,
  ).run();
  migrate(db, 140);
  return db;
}

describe('0140 ward computers', () => {
  it('existing clients have no location and existing logins are not assisted', () => {
    const db = setup();
    expect(db.prepare('SELECT location_id FROM clients WHERE id = 1').get()).toEqual({ location_id: null });
    expect(db.prepare('SELECT ward_computer_id FROM login_attempts WHERE id = 1').get()).toEqual({
      ward_computer_id: null,
    });
  });

  it('location names are unique regardless of case and at least two characters', () => {
    const db = setup();
    db.prepare(`INSERT INTO locations (name, created_at) VALUES ('De Linde', 't')`).run();
    expect(() => db.prepare(`INSERT INTO locations (name, created_at) VALUES ('de linde', 't')`).run()).toThrow(
      /UNIQUE/,
    );
    expect(() => db.prepare(`INSERT INTO locations (name, created_at) VALUES (' x ', 't')`).run()).toThrow(/CHECK/);
  });

  it('staff accounts and ward computers must point at a real location, and a secret hash is used once', () => {
    const db = setup();
    expect(() => db.prepare('INSERT INTO staff_accounts (user_id, location_id) VALUES (2, 99)').run()).toThrow(
      /FOREIGN KEY/,
    );
    db.prepare(`INSERT INTO locations (id, name, created_at) VALUES (1, 'De Linde', 't')`).run();
    db.prepare('INSERT INTO staff_accounts (user_id, location_id) VALUES (2, 1)').run();
    const ward = db.prepare(
      `INSERT INTO ward_computers (location_id, secret_hash, label, registered_by, created_at, last_used_at)
       VALUES (?, 'hash', 'Huiskamer', 2, 't', 't')`,
    );
    expect(() => ward.run(99)).toThrow(/FOREIGN KEY/);
    ward.run(1);
    expect(() => ward.run(1)).toThrow(/UNIQUE/);
    expect(() => db.prepare('UPDATE clients SET location_id = 42 WHERE id = 1').run()).toThrow(/FOREIGN KEY/);
  });
});
