import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './open.ts';
import { migrate } from './migrate.ts';

/** Truus (1) client 1, Kees (2) client 2, Annie (3) a contact of Truus only. */
function setup(upTo = 130): Db {
  const db = openDatabase(':memory:', { migrate: false });
  migrate(db, 110);
  const user = db.prepare(
    `INSERT INTO users (id, username, display_name, email, mobile, kind, password_hash, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'h', 't')`,
  );
  user.run(1, 'truus', 'Truus', 't@example.nl', '+31612345678', 'client');
  user.run(2, 'kees', 'Kees', 'k@example.nl', '+31612345679', 'client');
  user.run(3, 'annie', 'Annie', 'a@example.nl', '+31687654321', 'contact');
  const client = db.prepare(`INSERT INTO clients (id, user_id, display_name, created_at) VALUES (?, ?, ?, 't')`);
  client.run(1, 1, 'Truus');
  client.run(2, 2, 'Kees');
  const member = db.prepare(`INSERT INTO client_members (client_id, user_id, role, created_at) VALUES (?, ?, ?, 't')`);
  member.run(1, 1, 'client');
  member.run(2, 2, 'client');
  member.run(1, 3, 'contact');
  migrate(db, upTo);
  return db;
}

const versions = (db: Db) =>
  (db.prepare('SELECT data_version AS v FROM clients ORDER BY id').all() as { v: number }[]).map((r) => r.v);

function rise(db: Db, write: () => unknown): number[] {
  const before = versions(db);
  write();
  return versions(db).map((v, i) => v - before[i]!);
}

describe('0130 profile', () => {
  it('gives existing users the defaults: Dutch, normal text, no e-mail notices', () => {
    const db = setup();
    expect(db.prepare('SELECT language, large_text, notify_new_messages FROM users WHERE id = 3').get()).toEqual({
      language: 'nl',
      large_text: 0,
      notify_new_messages: 0,
    });
  });

  it('refuses unknown languages and non-boolean flags', () => {
    const db = setup();
    expect(() => db.prepare(`UPDATE users SET language = 'de' WHERE id = 3`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE users SET large_text = 2 WHERE id = 3`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE users SET notify_new_messages = 5 WHERE id = 3`).run()).toThrow(/CHECK/);
  });

  it("a photo change raises the data version of the user's clients only, on insert, update and delete", () => {
    const db = setup();
    const put = (data: string) =>
      db
        .prepare(
          `INSERT INTO user_photos (user_id, data, mime, updated_at) VALUES (3, ?, 'image/jpeg', 't')
           ON CONFLICT (user_id) DO UPDATE SET data = excluded.data`,
        )
        .run(Buffer.from(data));
    expect(rise(db, () => put('a'))).toEqual([1, 0]);
    expect(rise(db, () => put('b'))).toEqual([1, 0]);
    expect(rise(db, () => db.prepare('DELETE FROM user_photos WHERE user_id = 3').run())).toEqual([1, 0]);
    // a preference change shows on no panel
    expect(rise(db, () => db.prepare('UPDATE users SET large_text = 1 WHERE id = 3').run())).toEqual([0, 0]);
  });

  it('keeps one notice row per user', () => {
    const db = setup();
    const outbox = db.prepare(
      `INSERT INTO outbox (channel, recipient, payload, next_attempt_at, created_at) VALUES ('mail', 'a', '{}', 't', 't')`,
    );
    const o1 = Number(outbox.run().lastInsertRowid);
    db.prepare('INSERT INTO message_notices (user_id, outbox_id) VALUES (3, ?)').run(o1);
    expect(() => db.prepare('INSERT INTO message_notices (user_id, outbox_id) VALUES (3, ?)').run(o1)).toThrow(
      /UNIQUE|PRIMARY/,
    );
  });
});
