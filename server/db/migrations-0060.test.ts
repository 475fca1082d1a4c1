import { describe, expect, it } from 'vitest';
import { openDatabase } from './open.ts';
import { currentVersion, migrate } from './migrate.ts';

function setup() {
  const db = openDatabase(':memory:', { migrate: false });
  migrate(db, 60);
  db.prepare(
    `INSERT INTO users (id, username, display_name, email, mobile, kind, password_hash, created_at)
     VALUES (1, 'truus', 'Truus', 't@example.nl', '+31612345678', 'client', 'h', 't')`,
  ).run();
  db.prepare(`INSERT INTO clients (id, user_id, display_name, created_at) VALUES (1, 1, 'Truus', 't')`).run();
  const thread = db.prepare(
    `INSERT INTO message_threads (client_id, subject, created_by_user_id, created_by_care_name, created_at,
       last_message_at, to_care_team, source, external_id, synced_at) VALUES (1, 'Onderwerp', ?, ?, 't', 't', ?, ?, ?, ?)`,
  );
  const message = db.prepare(
    `INSERT INTO messages (thread_id, client_id, author_user_id, author_care_name, body, sent_at, to_care_team,
       sent_to_ehr_at, source, external_id, synced_at) VALUES (?, 1, ?, ?, 'Hallo', 't', ?, ?, ?, ?, ?)`,
  );
  return { db, thread, message };
}

describe('0060 messages', () => {
  it('creates threads, participants, messages and unread rows with their indexes', () => {
    const { db } = setup();
    expect(currentVersion(db)).toBe(60);
    const names = (db.prepare(`SELECT name FROM sqlite_master`).all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'message_threads',
        'message_participants',
        'messages',
        'message_unread',
        'message_threads_client_last',
        'message_unread_user_client',
      ]),
    );
  });

  it('a thread is started by a user or (from the EHR) by the care team, never both or neither', () => {
    const { thread } = setup();
    thread.run(1, null, 0, null, null, null);
    thread.run(null, 'Maria de Bruin', 1, 'ehr', 't-1', 't');
    expect(() => thread.run(1, 'Maria de Bruin', 1, 'ehr', 't-2', 't')).toThrow(/CHECK/);
    expect(() => thread.run(null, null, 0, null, null, null)).toThrow(/CHECK/);
    // a care-team thread without its EHR origin, or not addressed to the care team
    expect(() => thread.run(null, 'Maria de Bruin', 1, null, null, null)).toThrow(/CHECK/);
    expect(() => thread.run(null, 'Maria de Bruin', 0, 'ehr', 't-3', 't')).toThrow(/CHECK/);
    expect(() => thread.run(null, 'Maria de Bruin', 1, 'ehr', 't-1', 't')).toThrow(/UNIQUE/);
  });

  it('messages: one author, EHR rows carry their origin, only a user message waits for the EHR', () => {
    const { thread, message } = setup();
    const t = Number(thread.run(1, null, 1, null, null, null).lastInsertRowid);
    message.run(t, 1, null, 1, null, null, null, null);
    message.run(t, 1, null, 1, 'sent', null, null, null);
    message.run(t, null, 'Maria de Bruin', 0, null, 'ehr', 'm-1', 't');
    expect(() => message.run(t, null, 'Maria de Bruin', 0, null, 'ehr', 'm-1', 't')).toThrow(/UNIQUE/);
    expect(() => message.run(t, null, 'Maria de Bruin', 0, null, null, null, null)).toThrow(/CHECK/);
    expect(() => message.run(t, 1, 'Maria de Bruin', 0, null, null, null, null)).toThrow(/CHECK/);
    expect(() => message.run(t, null, 'Maria de Bruin', 1, null, 'ehr', 'm-2', 't')).toThrow(/CHECK/);
    expect(() => message.run(t, 1, null, 0, 'sent', null, null, null)).toThrow(/CHECK/);
    expect(() => message.run(t, 1, null, 0, null, 'ehr', 'm-3', null)).toThrow(/CHECK/);
    expect(() => message.run(99, 1, null, 0, null, null, null, null)).toThrow(/FOREIGN KEY/);
  });

  it('an unread row and a participant row are unique per user', () => {
    const { db, thread, message } = setup();
    const t = Number(thread.run(1, null, 0, null, null, null).lastInsertRowid);
    const m = Number(message.run(t, 1, null, 0, null, null, null, null).lastInsertRowid);
    const unread = db.prepare(
      `INSERT INTO message_unread (user_id, message_id, thread_id, client_id) VALUES (1, ?, ?, 1)`,
    );
    unread.run(m, t);
    expect(() => unread.run(m, t)).toThrow(/UNIQUE|PRIMARY/);
    const part = db.prepare(`INSERT INTO message_participants (thread_id, user_id) VALUES (?, 1)`);
    part.run(t);
    expect(() => part.run(t)).toThrow(/UNIQUE|PRIMARY/);
  });
});
