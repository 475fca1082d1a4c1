import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open.ts';
import { seedDossier } from './dossier.ts';
import { currentPlan, expiredPlans } from '../../db/repos/care-plans.ts';
import { listDossierPage, newestReport } from '../../db/repos/dossier.ts';
import type { ScaleWorld } from './types.ts';

function world(years: number): ScaleWorld {
  const db = openDatabase(':memory:');
  for (const id of [1, 2]) {
    db.prepare(
      `INSERT INTO users (id, username, display_name, email, mobile, kind, password_hash, created_at)
       VALUES (?, ?, 'Cliënt', 'c@example.nl', '+31612345678', 'client', 'h', 't')`,
    ).run(id, `c${id}`);
    db.prepare(`INSERT INTO clients (id, user_id, display_name, created_at) VALUES (?, ?, 'Cliënt', 't')`).run(id, id);
  }
  let seed = 42;
  const rng = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const now = new Date('2026-11-22T10:00:00Z');
  const from = new Date(now.getTime() - years * 365 * 86_400_000);
  return { db, rng, now, from, staff: [{ id: 1, name: 'Maria de Bruin' }] };
}

const client = (id: number) => ({ clientId: id, clientUserId: id, clientName: 'Cliënt', contactUserIds: [] });

describe('scale seeder: dossier', () => {
  it('writes about one report per day, forms, notices and monthly plans with only the newest current', () => {
    const w = world(1);
    const rows = seedDossier(w, client(1));
    const n = (kind: string) =>
      (w.db.prepare(`SELECT COUNT(*) AS n FROM dossier_items WHERE kind = ?`).get(kind) as { n: number }).n;
    expect(n('report')).toBeGreaterThanOrEqual(364);
    expect(n('report')).toBeLessThanOrEqual(366);
    expect(n('form')).toBeGreaterThan(5);
    expect(n('notice')).toBe(13);
    const plans = (w.db.prepare(`SELECT COUNT(*) AS n FROM care_plans`).get() as { n: number }).n;
    expect(rows).toBe(n('report') + n('form') + n('notice') + plans);
    const now = w.now.toISOString();
    expect(currentPlan(w.db, 1, now)?.version).toBe(13);
    expect(expiredPlans(w.db, 1, now)).toHaveLength(12);
    expect(newestReport(w.db, 1)!.occurredAt < now).toBe(true);
    const page = listDossierPage(w.db, 1, w.from.toISOString(), now, null, 50);
    expect(page).toHaveLength(50);
    expect(page[0]!.text).toMatch(/\.$/);
  });
});
