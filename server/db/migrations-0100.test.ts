import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './open.ts';
import { currentVersion, migrate } from './migrate.ts';
import { CLIENT_SCOPED_TABLES, NOT_CLIENT_DATA } from './migrations/0100-cache-versions.ts';

/*
 * Two clients (Truus 1, Kees 2), Annie (3) a contact of both, Piet (4) a user of neither; staff member 1 has an
 * appointment with Truus only.
 */
function setup(): Db {
  const db = openDatabase(':memory:', { migrate: false });
  migrate(db, 100);
  const user = db.prepare(
    `INSERT INTO users (id, username, display_name, email, mobile, kind, password_hash, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'h', 't')`,
  );
  user.run(1, 'truus', 'Truus', 't@example.nl', '+31612345678', 'client');
  user.run(2, 'kees', 'Kees', 'k@example.nl', '+31612345679', 'client');
  user.run(3, 'annie', 'Annie', 'a@example.nl', '+31687654321', 'contact');
  user.run(4, 'piet', 'Piet', 'p@example.nl', '+31611111111', 'contact');
  const client = db.prepare(`INSERT INTO clients (id, user_id, display_name, created_at) VALUES (?, ?, ?, 't')`);
  client.run(1, 1, 'Truus');
  client.run(2, 2, 'Kees');
  const member = db.prepare(`INSERT INTO client_members (client_id, user_id, role, created_at) VALUES (?, ?, ?, 't')`);
  member.run(1, 1, 'client');
  member.run(2, 2, 'client');
  member.run(1, 3, 'contact');
  member.run(2, 3, 'contact');
  db.prepare(
    `INSERT INTO staff_members (id, display_name, source, external_id, synced_at) VALUES (1, 'Maria', 'ehr', 's-1', 't')`,
  ).run();
  db.prepare(
    `INSERT INTO appointments (id, client_id, kind, starts_at, ends_at, description, staff_member_id, created_at,
       updated_at, source, external_id, synced_at)
     VALUES (1, 1, 'care', '2026-01-01T10:00', '2026-01-01T11:00', 'Zorg', 1, 't', 't', 'ehr', 'a-1', 't')`,
  ).run();
  return db;
}

const dv = (db: Db, clientId: number) =>
  (db.prepare('SELECT data_version AS v FROM clients WHERE id = ?').get(clientId) as { v: number }).v;
const versions = (db: Db) => [dv(db, 1), dv(db, 2)];
const authVersion = (db: Db) => (db.prepare('SELECT version AS v FROM auth_version').get() as { v: number }).v;

/** Runs `write` and returns how much each client's data version rose. */
function rise(db: Db, write: () => unknown): number[] {
  const before = versions(db);
  write();
  return versions(db).map((v, i) => v - before[i]!);
}

function authRise(db: Db, write: () => unknown): number {
  const before = authVersion(db);
  write();
  return authVersion(db) - before;
}

const columnsOf = (db: Db, table: string) =>
  (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((c) => c.name);
const tables = (db: Db) =>
  (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as {
      name: string;
    }[]
  ).map((t) => t.name);

/** The triggers on a table that raise a client's data version, by event; an UPDATE OF list would miss columns. */
function versionTriggers(db: Db, table: string): { event: string; sql: string }[] {
  const rows = db
    .prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND sql LIKE '%data_version%'`)
    .all(table) as { sql: string }[];
  return rows.map((r) => ({
    event: /AFTER\s+(INSERT|UPDATE|DELETE)/i.exec(r.sql)?.[1]?.toUpperCase() ?? '?',
    sql: r.sql,
  }));
}

/** The schema as it is now, after every migration: a table added later must be classified too. */
function latest(): Db {
  return openDatabase(':memory:');
}

describe('0100 cache versions: structure (of the latest schema)', () => {
  it('every table with a client_id column is listed as client data or explicitly as not', () => {
    const db = latest();
    const withClientId = tables(db).filter((t) => columnsOf(db, t).includes('client_id'));
    const listed: readonly string[] = [...CLIENT_SCOPED_TABLES, ...NOT_CLIENT_DATA];
    expect(withClientId.filter((t) => !listed.includes(t))).toEqual([]);
    // the client-scoped list names real tables (a renamed table would otherwise lose its triggers unnoticed)
    expect(CLIENT_SCOPED_TABLES.filter((t) => !withClientId.includes(t))).toEqual([]);
    expect(CLIENT_SCOPED_TABLES.filter((t) => (NOT_CLIENT_DATA as readonly string[]).includes(t))).toEqual([]);
  });

  it('every client-scoped table, and every table hanging under one, raises the version on insert, update and delete', () => {
    const db = latest();
    const scoped: readonly string[] = CLIENT_SCOPED_TABLES;
    // Rows without a client_id of their own that belong to a client-scoped row (participants, reactions, …).
    const children = tables(db).filter(
      (t) =>
        !columnsOf(db, t).includes('client_id') &&
        (db.prepare('SELECT "table" AS parent FROM pragma_foreign_key_list(?)').all(t) as { parent: string }[]).some(
          (fk) => scoped.includes(fk.parent),
        ),
    );
    expect(children).toEqual(expect.arrayContaining(['message_participants', 'board_reactions']));
    for (const table of [...scoped, ...children]) {
      const triggers = versionTriggers(db, table);
      expect(triggers.map((t) => t.event).sort(), table).toEqual(['DELETE', 'INSERT', 'UPDATE']);
      const update = triggers.find((t) => t.event === 'UPDATE')!;
      expect(update.sql, `${table}: an update of any column counts`).not.toMatch(/UPDATE\s+OF/i);
    }
  });
});

describe('0100 cache versions: migration', () => {
  it('starts every existing client at version 0 and keeps exactly one auth_version row', () => {
    const db = openDatabase(':memory:', { migrate: false });
    migrate(db, 90);
    db.prepare(
      `INSERT INTO users (id, username, display_name, email, mobile, kind, password_hash, created_at)
       VALUES (1, 'truus', 'Truus', 't@example.nl', '+31612345678', 'client', 'h', 't')`,
    ).run();
    db.prepare(`INSERT INTO clients (id, user_id, display_name, created_at) VALUES (1, 1, 'Truus', 't')`).run();
    expect(migrate(db, 100)).toBe(100);
    expect(currentVersion(db)).toBe(100);
    expect(dv(db, 1)).toBe(0);
    expect(db.prepare('SELECT version FROM auth_version').all()).toEqual([{ version: 0 }]);
  });
});

describe('0100 cache versions: client data', () => {
  // For each table: an insert for client ?, an update and a delete of that row (by rowid).
  const cases: Array<{ table: string; insert: string; update: string }> = [
    {
      table: 'appointments',
      insert: `INSERT INTO appointments (client_id, kind, starts_at, ends_at, description, created_at, updated_at)
               VALUES (?, 'visit', '2026-02-01T10:00', '2026-02-01T11:00', 'Koffie', 't', 't')`,
      update: `UPDATE appointments SET description = 'Thee' WHERE id = ?`,
    },
    {
      table: 'dossier_items',
      insert: `INSERT INTO dossier_items (client_id, kind, occurred_at, body, source, external_id, synced_at)
               VALUES (?, 'report', '2026-02-01T10:00', 'Rustige nacht', 'ehr', 'd-' || random(), 't')`,
      update: `UPDATE dossier_items SET body = 'Onrustige nacht' WHERE id = ?`,
    },
    {
      table: 'board_posts',
      insert: `INSERT INTO board_posts (client_id, author_user_id, text, created_at) VALUES (?, 3, 'Hoi', 't')`,
      update: `UPDATE board_posts SET deleted_at = 't2' WHERE id = ?`,
    },
    {
      table: 'client_contacts',
      insert: `INSERT INTO client_contacts (client_id, name, source, external_id, synced_at)
               VALUES (?, 'Annie', 'ehr', 'k-' || random(), 't')`,
      update: `UPDATE client_contacts SET phone = '0612345678' WHERE id = ?`,
    },
    {
      table: 'care_plans',
      insert: `INSERT INTO care_plans (client_id, title, version, valid_from, content, source, external_id, synced_at)
               VALUES (?, 'Zorgplan', 1, '2026-01-01', '{}', 'ehr', 'p-' || random(), 't')`,
      update: `UPDATE care_plans SET title = 'Zorgplan 2026' WHERE id = ?`,
    },
  ];

  for (const c of cases) {
    it(`${c.table}: insert, update and delete raise that client's version by one, not the other's`, () => {
      const db = setup();
      let id = 0;
      expect(rise(db, () => (id = Number(db.prepare(c.insert).run(1).lastInsertRowid)))).toEqual([1, 0]);
      expect(rise(db, () => db.prepare(c.update).run(id))).toEqual([1, 0]);
      expect(rise(db, () => db.prepare(`DELETE FROM ${c.table} WHERE rowid = ?`).run(id))).toEqual([1, 0]);
      // the same for the other client: the trigger follows the row's client, not a fixed one
      expect(rise(db, () => db.prepare(c.insert).run(2))).toEqual([0, 1]);
    });
  }

  it("moving a row to another client raises both clients' versions", () => {
    const db = setup();
    expect(rise(db, () => db.prepare('UPDATE appointments SET client_id = 2 WHERE id = 1').run())).toEqual([1, 1]);
  });

  it('a write changing no row raises nothing', () => {
    const db = setup();
    expect(rise(db, () => db.prepare(`UPDATE appointments SET description = 'x' WHERE id = 999`).run())).toEqual([
      0, 0,
    ]);
  });

  it('messages, unread marks and thread participants raise the version of the thread’s client', () => {
    const db = setup();
    let thread = 0;
    expect(
      rise(
        db,
        () =>
          (thread = Number(
            db
              .prepare(
                `INSERT INTO message_threads (client_id, subject, created_by_user_id, created_at, last_message_at)
                 VALUES (1, 'Bezoek', 3, 't', 't')`,
              )
              .run().lastInsertRowid,
          )),
      ),
    ).toEqual([1, 0]);
    // message_participants has no client_id: it reaches Truus through the thread
    expect(
      rise(db, () => db.prepare('INSERT INTO message_participants (thread_id, user_id) VALUES (?, 3)').run(thread)),
    ).toEqual([1, 0]);
    let message = 0;
    expect(
      rise(
        db,
        () =>
          (message = Number(
            db
              .prepare(
                `INSERT INTO messages (thread_id, client_id, author_user_id, body, sent_at) VALUES (?, 1, 3, 'Hoi', 't')`,
              )
              .run(thread).lastInsertRowid,
          )),
      ),
    ).toEqual([1, 0]);
    expect(
      rise(db, () =>
        db
          .prepare('INSERT INTO message_unread (user_id, message_id, thread_id, client_id) VALUES (1, ?, ?, 1)')
          .run(message, thread),
      ),
    ).toEqual([1, 0]);
    // reading the thread (the unread mark goes) changes the panel's unread count
    expect(rise(db, () => db.prepare('DELETE FROM message_unread WHERE user_id = 1').run())).toEqual([1, 0]);
    expect(
      rise(db, () => db.prepare('DELETE FROM message_participants WHERE thread_id = ? AND user_id = 3').run(thread)),
    ).toEqual([1, 0]);
  });

  it("a board reaction raises the version of its post's client, on insert, update and delete", () => {
    const db = setup();
    const post = Number(
      db
        .prepare(`INSERT INTO board_posts (client_id, author_user_id, text, created_at) VALUES (2, 3, 'Hoi', 't')`)
        .run().lastInsertRowid,
    );
    let reaction = 0;
    expect(
      rise(
        db,
        () =>
          (reaction = Number(
            db
              .prepare(
                `INSERT INTO board_reactions (post_id, author_user_id, text, created_at) VALUES (?, 1, 'Leuk', 't')`,
              )
              .run(post).lastInsertRowid,
          )),
      ),
    ).toEqual([0, 1]);
    expect(
      rise(db, () => db.prepare(`UPDATE board_reactions SET deleted_at = 't2' WHERE id = ?`).run(reaction)),
    ).toEqual([0, 1]);
    expect(rise(db, () => db.prepare('DELETE FROM board_reactions WHERE id = ?').run(reaction))).toEqual([0, 1]);
  });

  it('renaming a user raises every client (his name also shows where he is no longer a member); other user changes do not', () => {
    const db = setup();
    expect(rise(db, () => db.prepare(`UPDATE users SET display_name = 'Annie de Vries' WHERE id = 3`).run())).toEqual([
      1, 1,
    ]);
    expect(rise(db, () => db.prepare(`UPDATE users SET display_name = 'Piet Jansen' WHERE id = 4`).run())).toEqual([
      1, 1,
    ]);
    // a login or password change shows on no panel
    expect(rise(db, () => db.prepare(`UPDATE users SET last_login_at = 't2' WHERE id = 3`).run())).toEqual([0, 0]);
    expect(rise(db, () => db.prepare(`UPDATE users SET password_hash = 'h2' WHERE id = 1`).run())).toEqual([0, 0]);
  });

  it("renaming a client raises only that client's version", () => {
    const db = setup();
    expect(rise(db, () => db.prepare(`UPDATE clients SET display_name = 'Kees Bakker' WHERE id = 2`).run())).toEqual([
      0, 1,
    ]);
  });

  it('a change of a staff member raises the clients with his appointments only', () => {
    const db = setup();
    expect(
      rise(db, () => db.prepare(`UPDATE staff_members SET display_name = 'Maria de Bruin' WHERE id = 1`).run()),
    ).toEqual([1, 0]);
    db.prepare(
      `INSERT INTO appointments (client_id, kind, starts_at, ends_at, description, staff_member_id, created_at,
         updated_at, source, external_id, synced_at)
       VALUES (2, 'care', '2026-01-02T10:00', '2026-01-02T11:00', 'Zorg', 1, 't', 't', 'ehr', 'a-2', 't')`,
    ).run();
    expect(rise(db, () => db.prepare(`UPDATE staff_members SET role = 'EVV' WHERE id = 1`).run())).toEqual([1, 1]);
  });
});

describe('0100 cache versions: auth_version', () => {
  function withSession(db: Db): number {
    return Number(
      db
        .prepare(
          `INSERT INTO sessions (user_id, token_hash, created_at, last_seen_at, absolute_expires_at)
           VALUES (3, 'hash-1', 't', 't', 't+12h')`,
        )
        .run().lastInsertRowid,
    );
  }

  it('seeing a session again (last_seen_at) does not count', () => {
    const db = setup();
    const id = withSession(db);
    expect(authRise(db, () => db.prepare(`UPDATE sessions SET last_seen_at = 't2' WHERE id = ?`).run(id))).toBe(0);
  });

  it('ending a session counts: revoked, shortened, rebound, deleted', () => {
    const db = setup();
    const id = withSession(db);
    expect(
      authRise(db, () =>
        db.prepare(`UPDATE sessions SET revoked_at = 't2', revoke_reason = 'logout' WHERE id = ?`).run(id),
      ),
    ).toBe(1);
    expect(authRise(db, () => db.prepare(`UPDATE sessions SET absolute_expires_at = 't3' WHERE id = ?`).run(id))).toBe(
      1,
    );
    expect(authRise(db, () => db.prepare(`UPDATE sessions SET token_hash = 'hash-2' WHERE id = ?`).run(id))).toBe(1);
    expect(authRise(db, () => db.prepare(`UPDATE sessions SET user_id = 4 WHERE id = ?`).run(id))).toBe(1);
    expect(authRise(db, () => db.prepare('DELETE FROM sessions WHERE id = ?').run(id))).toBe(1);
  });

  it('any change of a user counts, and so does deleting one', () => {
    const db = setup();
    expect(authRise(db, () => db.prepare(`UPDATE users SET password_hash = 'h2' WHERE id = 3`).run())).toBe(1);
    expect(authRise(db, () => db.prepare(`UPDATE users SET must_change_password = 0 WHERE id = 3`).run())).toBe(1);
    expect(authRise(db, () => db.prepare('DELETE FROM users WHERE id = 4').run())).toBe(1);
  });

  it('client data changes leave auth_version alone, so they do not empty the session cache', () => {
    const db = setup();
    expect(
      authRise(db, () => db.prepare(`UPDATE appointments SET description = 'Andere zorg' WHERE id = 1`).run()),
    ).toBe(0);
  });
});
