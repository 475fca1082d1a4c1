import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './open.ts';
import { currentVersion, migrate } from './migrate.ts';

/** A client with one contact at version 110, as a database in use before this migration. */
function atVersion110(): Db {
  const db = openDatabase(':memory:', { migrate: false });
  migrate(db, 110);
  expect(currentVersion(db)).toBe(110);
  db.exec(`
    INSERT INTO users (id, username, display_name, email, mobile, kind, password_hash, created_at)
      VALUES (1, 'truus', 'Truus van Dorp', 'truus@example.nl', '+31612345678', 'client', 'h', 't'),
             (2, 'annie', 'Annie van Dorp', 'annie@example.nl', '+31687654321', 'contact', 'h', 't');
    INSERT INTO clients (id, user_id, display_name, created_at) VALUES (1, 1, 'Truus van Dorp', 't');
    INSERT INTO client_members (client_id, user_id, role, relation, created_at) VALUES (1, 1, 'client', NULL, 't'),
      (1, 2, 'contact', 'Dochter', 't');`);
  return db;
}

const version = (db: Db) => (db.prepare('SELECT data_version AS v FROM clients WHERE id = 1').get() as { v: number }).v;

function invite(db: Db, over: Record<string, unknown> = {}) {
  const row = {
    client_id: 1,
    email: 'Kees@Example.nl',
    email_key: 'kees@example.nl',
    first_name: 'Kees',
    last_name: 'de Vries',
    relation: 'Buurman',
    mobile: '+31611112222',
    token_hash: 'a'.repeat(64),
    expires_at: '2026-12-06T10:00:00.000Z',
    created_by: 1,
    created_at: 't',
    sent_at: 't',
    ...over,
  };
  const cols = Object.keys(row);
  return db
    .prepare(`INSERT INTO invitations (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
    .run(...Object.values(row));
}

describe('0120 network', () => {
  it('keeps existing members, without an end date', () => {
    const db = atVersion110();
    expect(migrate(db, 120)).toBe(120);
    expect(db.prepare('SELECT user_id, access_until FROM client_members ORDER BY user_id').all()).toEqual([
      { user_id: 1, access_until: null },
      { user_id: 2, access_until: null },
    ]);
  });

  it('an end date raises the client data version (the membership cache keys on it)', () => {
    const db = atVersion110();
    migrate(db, 120);
    const before = version(db);
    db.prepare(`UPDATE client_members SET access_until = '2027-01-01T00:00:00Z' WHERE user_id = 2`).run();
    expect(version(db)).toBe(before + 1);
  });

  it('invitations are not client data: writing one leaves the data version (and the home caches) alone', () => {
    const db = atVersion110();
    migrate(db, 120);
    const before = version(db);
    invite(db);
    expect(version(db)).toBe(before);
  });

  it('at most one pending invitation per client and address; closed ones do not count', () => {
    const db = atVersion110();
    migrate(db, 120);
    const first = Number(invite(db).lastInsertRowid);
    expect(() => invite(db, { token_hash: 'b'.repeat(64) })).toThrow(/UNIQUE/);
    db.prepare(`UPDATE invitations SET status = 'withdrawn' WHERE id = ?`).run(first);
    expect(() => invite(db, { token_hash: 'b'.repeat(64) })).not.toThrow();
  });

  it('refuses what the rest of the code relies on not to exist', () => {
    const db = atVersion110();
    migrate(db, 120);
    const bad: Record<string, unknown>[] = [
      { mobile: '+31201234567' }, // a landline cannot receive the SMS code
      { email_key: 'Kees@Example.nl' }, // the matching key is lower-case
      { email_key: '' },
      { token_hash: 'short' },
      { status: 'expired' }, // expiry is derived from expires_at, never stored
      { status: 'accepted' }, // accepted without the user who accepted
      { client_id: 99 },
    ];
    for (const [i, over] of bad.entries()) {
      expect(() => invite(db, { token_hash: String(i).repeat(64), ...over }), JSON.stringify(over)).toThrow();
    }
    expect(() => invite(db, { token_hash: 'a'.repeat(64) })).not.toThrow();
    expect(() => invite(db, { token_hash: 'a'.repeat(64), email_key: 'x@example.nl' })).toThrow(/UNIQUE/);
  });
});
