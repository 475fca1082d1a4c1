import { describe, expect, it } from 'vitest';
import { openDatabase } from './open.ts';
import { currentVersion, migrate } from './migrate.ts';

function setup() {
  const db = openDatabase(':memory:', { migrate: false });
  migrate(db, 80);
  db.prepare(
    `INSERT INTO users (id, username, display_name, email, mobile, kind, password_hash, created_at)
     VALUES (1, 'truus', 'Truus', 't@example.nl', '+31612345678', 'client', 'h', 't')`,
  ).run();
  db.prepare(`INSERT INTO clients (id, user_id, display_name, created_at) VALUES (1, 1, 'Truus', 't')`).run();
  return db;
}

describe('0080 details', () => {
  it('creates the gegevens and prikbord tables', () => {
    const db = setup();
    expect(currentVersion(db)).toBe(80);
    const names = (db.prepare(`SELECT name FROM sqlite_master`).all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'client_details',
        'client_contacts',
        'board_photos',
        'board_posts',
        'board_reactions',
        'contact_changes',
      ]),
    );
  });

  it('EHR rows carry source, external id and sync time, unique per source; a photo needs its type', () => {
    const db = setup();
    const details = db.prepare(
      `INSERT INTO client_details (client_id, full_name, birth_date, photo, photo_type, source, external_id, synced_at)
       VALUES (1, 'Truus', ?, ?, ?, 'ehr', ?, 't')`,
    );
    expect(() => details.run('12-03-1947', null, null, 'c-1')).toThrow(/CHECK/);
    expect(() => details.run(null, Buffer.from([1]), null, 'c-1')).toThrow(/CHECK/);
    details.run('1947-03-12', null, null, 'c-1');
    const contact = db.prepare(
      `INSERT INTO client_contacts (client_id, name, source, external_id, synced_at) VALUES (?, 'Annie', ?, ?, ?)`,
    );
    contact.run(1, 'ehr', 'k-1', 't');
    expect(() => contact.run(1, 'ehr', 'k-1', 't')).toThrow(/UNIQUE/);
    expect(() => contact.run(1, null, 'k-2', 't')).toThrow(/NOT NULL/);
    expect(() => contact.run(1, 'ehr', 'k-3', null)).toThrow(/NOT NULL/);
    expect(() => contact.run(99, 'ehr', 'k-4', 't')).toThrow(/FOREIGN KEY/);
  });

  it('posts hold text and/or a photo, at most 1000 characters, and only known moods; reactions 1–500', () => {
    const db = setup();
    const post = db.prepare(
      `INSERT INTO board_posts (client_id, author_user_id, text, photo_id, mood, created_at) VALUES (1, 1, ?, ?, ?, 't')`,
    );
    expect(() => post.run('', null, null)).toThrow(/CHECK/);
    expect(() => post.run('x'.repeat(1001), null, null)).toThrow(/CHECK/);
    expect(() => post.run('Hoi', null, 'boos')).toThrow(/CHECK/);
    const id = Number(post.run('Hoi', null, 'happy').lastInsertRowid);
    const photo = Number(
      db
        .prepare(
          `INSERT INTO board_photos (client_id, uploaded_by_user_id, data, mime, created_at) VALUES (1, 1, ?, ?, 't')`,
        )
        .run(Buffer.from([1]), 'image/jpeg').lastInsertRowid,
    );
    post.run('', photo, null);
    expect(() => post.run('Nog eens', photo, null)).toThrow(/UNIQUE/);
    const reaction = db.prepare(
      `INSERT INTO board_reactions (post_id, author_user_id, text, created_at) VALUES (?, 1, ?, 't')`,
    );
    reaction.run(id, 'Leuk');
    expect(() => reaction.run(id, '')).toThrow(/CHECK/);
    expect(() => reaction.run(id, 'x'.repeat(501))).toThrow(/CHECK/);
  });

  it('pending changes: only mobile numbers for mobile changes, hashes unique', () => {
    const db = setup();
    const change = db.prepare(
      `INSERT INTO contact_changes (user_id, kind, new_value, secret_hash, expires_at, created_at)
       VALUES (1, ?, ?, ?, 't', 't')`,
    );
    change.run('mobile', '+31622334455', 'h1');
    expect(() => change.run('mobile', '+31334567890', 'h2')).toThrow(/CHECK/);
    change.run('email', 'a@example.nl', 'h3');
    expect(() => change.run('email', 'b@example.nl', 'h3')).toThrow(/UNIQUE/);
    expect(() => change.run('fax', 'x', 'h4')).toThrow(/CHECK/);
  });
});
