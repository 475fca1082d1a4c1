import { describe, expect, it } from 'vitest';
import { openDatabase } from './open.ts';
import { currentVersion, migrate } from './migrate.ts';

const plan = (db: ReturnType<typeof openDatabase>, sql: string, ...args: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail).join('; ');

describe('0090 panel indexes', () => {
  it('the coming appointments seek by end time and "bijgewerkt tot" reads one index entry', () => {
    const db = openDatabase(':memory:', { migrate: false });
    migrate(db, 90);
    expect(currentVersion(db)).toBe(90);
    expect(
      plan(
        db,
        `SELECT * FROM appointments a WHERE a.client_id = ? AND a.deleted_at IS NULL AND a.ends_at > ?
         ORDER BY a.starts_at, a.id LIMIT 4`,
        1,
        '2026-01-01',
      ),
    ).toContain('appointments_client_end');
    expect(
      plan(
        db,
        `SELECT synced_at FROM appointments WHERE client_id = ? AND source IS NOT NULL ORDER BY synced_at DESC LIMIT 1`,
        1,
      ),
    ).toMatch(/appointments_client_synced(?!.*TEMP B-TREE)/);
  });
});
