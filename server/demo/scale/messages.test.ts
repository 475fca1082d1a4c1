import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open.ts';
import { seedMessages } from './messages.ts';
import type { ScaleClient, ScaleWorld } from './types.ts';

/** A tiny deterministic generator (mulberry32): the same seed builds the same rows. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function world(clients: number, contacts: number): { w: ScaleWorld; list: ScaleClient[] } {
  const db = openDatabase(':memory:');
  const user = db.prepare(
    `INSERT INTO users (username, display_name, email, mobile, kind, password_hash, created_at)
     VALUES (?, ?, 'x@example.nl', '+31612345678', ?, 'h', 't')`,
  );
  const client = db.prepare(`INSERT INTO clients (user_id, display_name, created_at) VALUES (?, ?, 't')`);
  const list: ScaleClient[] = [];
  for (let i = 0; i < clients; i++) {
    const u = Number(user.run(`c${i}`, `Cliënt ${i}`, 'client').lastInsertRowid);
    const clientId = Number(client.run(u, `Cliënt ${i}`).lastInsertRowid);
    const contactUserIds = Array.from({ length: contacts }, (_, k) =>
      Number(user.run(`c${i}k${k}`, `Contact ${k}`, 'contact').lastInsertRowid),
    );
    list.push({ clientId, clientUserId: u, clientName: `Cliënt ${i}`, contactUserIds });
  }
  const now = new Date('2026-06-01T12:00:00Z');
  const from = new Date('2021-06-01T12:00:00Z');
  return { w: { db, rng: rng(42), now, from, staff: [{ id: 1, name: 'Maria de Bruin' }] }, list };
}

describe('scale seeder: messages', () => {
  it('a few threads per month with 1–4 messages each, unread only in the last month', () => {
    const { w, list } = world(2, 2);
    let rows = 0;
    for (const c of list) rows += w.db.transaction(() => seedMessages(w, c))();
    expect(rows).toBeGreaterThan(0);
    const perThread = w.db
      .prepare(
        `SELECT t.id, COUNT(m.id) AS n FROM message_threads t JOIN messages m ON m.thread_id = t.id GROUP BY t.id`,
      )
      .all() as Array<{ n: number }>;
    const threadsPerClient = perThread.length / list.length;
    expect(threadsPerClient).toBeGreaterThan(60); // five years, at least one a month
    expect(threadsPerClient).toBeLessThan(60 * 3 + 3);
    expect(Math.min(...perThread.map((r) => r.n))).toBeGreaterThanOrEqual(1);
    expect(Math.max(...perThread.map((r) => r.n))).toBeLessThanOrEqual(4);
    const oldUnread = w.db
      .prepare(`SELECT COUNT(*) AS n FROM message_unread r JOIN messages m ON m.id = r.message_id WHERE m.sent_at < ?`)
      .get('2026-04-25T00:00:00Z') as { n: number };
    expect(oldUnread.n).toBe(0);
    // last_message_at is the newest message of the thread; nothing lies in the future
    const wrong = w.db
      .prepare(
        `SELECT COUNT(*) AS n FROM message_threads t
         WHERE t.last_message_at <> (SELECT MAX(sent_at) FROM messages WHERE thread_id = t.id) OR t.last_message_at > ?`,
      )
      .get(w.now.toISOString()) as { n: number };
    expect(wrong.n).toBe(0);
  });

  it('a client without contacts writes only with the care team', () => {
    const { w, list } = world(1, 0);
    w.db.transaction(() => seedMessages(w, list[0]!))();
    const r = w.db.prepare(`SELECT COUNT(*) AS n FROM message_threads WHERE to_care_team = 0`).get() as { n: number };
    expect(r.n).toBe(0);
  });
});
