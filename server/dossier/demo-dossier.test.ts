import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.ts';
import { FixedClock } from '../clock.ts';
import { seedDemoDossier } from './demo-dossier.ts';
import { currentPlan, expiredPlans } from '../db/repos/care-plans.ts';
import { newestReport } from '../db/repos/dossier.ts';

function setup() {
  const db = openDatabase(':memory:');
  db.prepare(
    `INSERT INTO users (id, username, display_name, email, mobile, kind, password_hash, created_at)
     VALUES (1, 'truus', 'Truus van Dorp', 't@example.nl', '+31612345678', 'client', 'h', 't')`,
  ).run();
  db.prepare(`INSERT INTO clients (id, user_id, display_name, created_at) VALUES (1, 1, 'Truus van Dorp', 't')`).run();
  return { db, clock: new FixedClock('2026-11-24T15:00:00Z') };
}

const n = (db: ReturnType<typeof setup>['db'], where = '1') =>
  (db.prepare(`SELECT COUNT(*) AS n FROM dossier_items WHERE ${where}`).get() as { n: number }).n;

describe('demo dossier of Truus', () => {
  it("holds the manuals' examples, three weeks of reports and a plan with two expired versions", () => {
    const deps = setup();
    seedDemoDossier(deps, 1);
    expect(newestReport(deps.db, 1)).toMatchObject({
      title: 'Bijzonderheden',
      text: 'De wond heeft zich goed hersteld.',
      authorName: 'Maria de Bruin',
      discipline: "EVV'er",
    });
    expect(n(deps.db, `kind = 'form' AND title = 'Afspraak = afspraak'`)).toBe(1);
    expect(n(deps.db, `kind = 'notice' AND title = 'Plan is gewijzigd'`)).toBe(1);
    expect(n(deps.db, `kind = 'report' AND author_name = 'Maria de Bruin'`)).toBeGreaterThan(8);
    const now = deps.clock.now().toISOString();
    expect(currentPlan(deps.db, 1, now)?.version).toBe(3);
    expect(expiredPlans(deps.db, 1, now).map((p) => p.version)).toEqual([2, 1]);
  });

  it('is idempotent: a second run adds nothing', () => {
    const deps = setup();
    seedDemoDossier(deps, 1);
    const before = n(deps.db);
    seedDemoDossier(deps, 1);
    expect(n(deps.db)).toBe(before);
    expect((deps.db.prepare(`SELECT COUNT(*) AS n FROM care_plans`).get() as { n: number }).n).toBe(3);
  });
});
