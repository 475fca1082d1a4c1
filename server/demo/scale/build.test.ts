import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open.ts';
import { FixedClock } from '../../clock.ts';
import { scryptHasher } from '../../auth/passwords.ts';
import { buildScaleDemo, SCALE_CONTACTS_PER_CLIENT, SCALE_PASSWORD, scaleUsername } from './build.ts';
import { progressLine, progressPrinter } from './progress.ts';
import { seededRng } from './random.ts';
import { seedAppointmentsScale } from './appointments.ts';

const NOW = new Date('2026-06-15T10:00:00Z');
const deps = (db: Db) => ({ db, clock: new FixedClock(NOW), hasher: scryptHasher(10) });
const n = (db: Db, sql: string) => (db.prepare(sql).get() as { n: number }).n;

describe('scale demo database', () => {
  it('builds clients with networks and a year of agenda, spread over the history', async () => {
    const db = openDatabase(':memory:');
    const progress: number[] = [];
    const r = await buildScaleDemo(deps(db), {
      clients: 12,
      years: 1,
      progress: (p) => progress.push(p.done),
      seeders: [{ name: 'afspraken', seed: seedAppointmentsScale }],
    });
    expect(n(db, "SELECT COUNT(*) n FROM users WHERE kind = 'client'")).toBe(12);
    expect(n(db, "SELECT COUNT(*) n FROM users WHERE kind = 'contact'")).toBe(12 * SCALE_CONTACTS_PER_CLIENT);
    expect(n(db, 'SELECT COUNT(*) n FROM client_members WHERE right_dossier = 1')).toBe(12 * 3);
    // about one or two care appointments a week for 58 weeks
    const care = n(db, "SELECT COUNT(*) n FROM appointments WHERE kind = 'care' AND client_id = 1");
    expect(care).toBeGreaterThan(58);
    expect(care).toBeLessThan(2 * 58 + 2);
    const first = db.prepare('SELECT MIN(starts_at) f, MAX(starts_at) l FROM appointments').get() as {
      f: string;
      l: string;
    };
    expect(new Date(first.f).getTime()).toBeLessThan(NOW.getTime() - 350 * 86_400_000);
    expect(new Date(first.l).getTime()).toBeGreaterThan(NOW.getTime());
    expect(r.rows).toBe(n(db, 'SELECT COUNT(*) n FROM appointments'));
    expect(progress.at(-1)).toBe(12);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('generated users can sign in with the shared password', async () => {
    const db = openDatabase(':memory:');
    const d = deps(db);
    await buildScaleDemo(d, { clients: 1, years: 1 });
    const row = db.prepare('SELECT password_hash h FROM users WHERE username = ?').get(scaleUsername(1)) as {
      h: string;
    };
    expect(await d.hasher.verify(SCALE_PASSWORD, row.h)).toBe(true);
  });

  it('is deterministic and continues an earlier run instead of duplicating', async () => {
    const a = openDatabase(':memory:');
    const b = openDatabase(':memory:');
    await buildScaleDemo(deps(a), { clients: 3, years: 1 });
    await buildScaleDemo(deps(b), { clients: 3, years: 1 });
    const texts = (db: Db) => db.prepare('SELECT description, starts_at FROM appointments ORDER BY id').all();
    expect(texts(a)).toEqual(texts(b));
    const again = await buildScaleDemo(deps(a), { clients: 5, years: 1 });
    expect(again.skipped).toBe(3);
    expect(n(a, "SELECT COUNT(*) n FROM users WHERE kind = 'client'")).toBe(5);
  });

  it('the progress line shows the bar, the share and the rows', () => {
    expect(progressLine({ done: 250, total: 1000, rows: 1234567 }, 12_400)).toBe(
      `[${'█'.repeat(8)}${'░'.repeat(22)}] 25% 250/1000 cliënten · 1.234.567 rijen · 12 s`,
    );
    const out: string[] = [];
    const print = progressPrinter(
      (s) => out.push(s),
      false,
      () => 0,
    );
    for (let done = 10; done <= 100; done += 10) print({ done, total: 100, rows: done });
    for (let done = 1; done <= 9; done++) print({ done: 100, total: 100, rows: 0 });
    expect(out).toHaveLength(10);
  });

  it('the generator is seeded', () => {
    const r1 = seededRng(5);
    const r2 = seededRng(5);
    const xs = Array.from({ length: 5 }, () => r1());
    expect(xs).toEqual(Array.from({ length: 5 }, () => r2()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
