import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open.ts';
import { seedDetails } from './details.ts';
import type { ScaleWorld } from './types.ts';

function world(clients: number): { w: ScaleWorld; ids: Array<{ clientId: number; userIds: number[] }> } {
  const db = openDatabase(':memory:');
  const ids: Array<{ clientId: number; userIds: number[] }> = [];
  const user = db.prepare(
    `INSERT INTO users (username, display_name, email, mobile, kind, password_hash, created_at)
     VALUES (?, ?, 'x@example.nl', '+31612345678', ?, 'h', 't')`,
  );
  for (let i = 0; i < clients; i++) {
    const u = Number(user.run(`c${i}`, `Cliënt ${i}`, 'client').lastInsertRowid);
    const k = Number(user.run(`k${i}`, `Contact ${i}`, 'contact').lastInsertRowid);
    const clientId = Number(
      db.prepare(`INSERT INTO clients (user_id, display_name, created_at) VALUES (?, ?, 't')`).run(u, `Cliënt ${i}`)
        .lastInsertRowid,
    );
    ids.push({ clientId, userIds: [u, k] });
  }
  let seed = 42;
  const rng = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const now = new Date('2026-11-22T10:00:00Z');
  const from = new Date('2021-11-22T10:00:00Z');
  return { w: { db, rng, now, from, staff: [] }, ids };
}

describe('scale seeder: details', () => {
  it('writes personal data, 2–4 contacts and a few posts a month with reactions', () => {
    const { w, ids } = world(50);
    let rows = 0;
    w.db.transaction(() => {
      for (const { clientId, userIds } of ids)
        rows += seedDetails(w, {
          clientId,
          clientUserId: userIds[0]!,
          clientName: `Cliënt ${clientId}`,
          contactUserIds: [userIds[1]!],
        });
    })();
    const n = (sql: string) => (w.db.prepare(sql).get() as { n: number }).n;
    expect(n('SELECT COUNT(*) AS n FROM client_details')).toBe(50);
    const perClient = w.db.prepare('SELECT COUNT(*) AS n FROM client_contacts GROUP BY client_id').all() as Array<{
      n: number;
    }>;
    expect(perClient.every((r) => r.n >= 2 && r.n <= 4)).toBe(true);
    const posts = n('SELECT COUNT(*) AS n FROM board_posts');
    expect(posts / 50 / 60).toBeGreaterThan(1.5); // about three a month over five years
    expect(posts / 50 / 60).toBeLessThan(5);
    expect(n('SELECT COUNT(*) AS n FROM board_reactions')).toBeGreaterThan(posts / 2);
    expect(n(`SELECT COUNT(*) AS n FROM board_posts WHERE created_at > '2026-11-22T10:00:00.000Z'`)).toBe(0);
    expect(n('SELECT COUNT(*) AS n FROM board_posts WHERE photo_id IS NOT NULL')).toBe(0);
    expect(rows).toBe(
      n('SELECT COUNT(*) AS n FROM client_details') +
        n('SELECT COUNT(*) AS n FROM client_contacts') +
        posts +
        n('SELECT COUNT(*) AS n FROM board_reactions'),
    );
    // 1 000 clients must stay well under a minute: 50 take a twentieth of that budget at most
  });
});
