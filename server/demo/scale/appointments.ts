// Scale data for the agenda: every week one or two care appointments with a staff member, and every other week a
// visit or call from the network, from the start of the history to a few weeks ahead.
import type { Db } from '../../db/open.ts';
import { between, pick } from './random.ts';
import type { ScaleSeeder } from './types.ts';

const CARE = [
  'Douchen en aankleden',
  'Wondzorg',
  'Medicatie doorlopen',
  'Evaluatie zorgplan',
  'Fysiotherapie',
  'Wandelen in de tuin',
  "Bijzonderheden bespreken met de EVV'er",
] as const;
const OWN = [
  { kind: 'visit', text: 'Dochter komt eten', location: null },
  { kind: 'visit', text: 'Boodschappen', location: 'Winkelcentrum' },
  { kind: 'call', text: 'Beltijd met de kleinkinderen', location: null },
  { kind: 'visit', text: 'Samen naar de markt', location: 'Markt' },
  { kind: 'other', text: 'Kapper', location: 'Kapsalon' },
] as const;

const WEEK_MS = 7 * 86_400_000;
const HOUR_MS = 3_600_000;

const statements = new WeakMap<Db, ReturnType<typeof prepare>>();
function prepare(db: Db) {
  return db.prepare(
    `INSERT INTO appointments (client_id, kind, starts_at, ends_at, description, location, staff_member_id,
       created_by_user_id, created_at, updated_at, source, external_id, synced_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
}

export const seedAppointmentsScale: ScaleSeeder = (w, c) => {
  let insert = statements.get(w.db);
  if (!insert) statements.set(w.db, (insert = prepare(w.db)));
  const syncedAt = w.now.toISOString();
  const end = w.now.getTime() + 6 * WEEK_MS;
  // Start on a Monday 00:00 UTC (1970-01-05 was a Monday), so appointments fall on weekdays by construction.
  const monday = w.from.getTime() - ((w.from.getTime() - 4 * 86_400_000) % WEEK_MS);
  let rows = 0;
  for (let week = monday; week < end; week += WEEK_MS) {
    const care = between(w.rng, 1, 2);
    for (let i = 0; i < care; i++) {
      const start = week + between(w.rng, 0, 4) * 86_400_000 + between(w.rng, 7, 15) * HOUR_MS;
      const staff = pick(w.rng, w.staff);
      const from = new Date(start).toISOString();
      insert.run(
        c.clientId,
        'care',
        from,
        new Date(start + HOUR_MS).toISOString(),
        pick(w.rng, CARE),
        null,
        staff.id,
        null,
        from,
        from,
        'demo-scale',
        `a-${c.clientId}-${week}-${i}`,
        syncedAt,
      );
      rows++;
    }
    if (w.rng() < 0.5) {
      const own = pick(w.rng, OWN);
      const start = week + between(w.rng, 0, 6) * 86_400_000 + between(w.rng, 10, 17) * HOUR_MS;
      const from = new Date(start).toISOString();
      const by = c.contactUserIds.length > 0 && w.rng() < 0.7 ? pick(w.rng, c.contactUserIds) : c.clientUserId;
      insert.run(
        c.clientId,
        own.kind,
        from,
        new Date(start + 2 * HOUR_MS).toISOString(),
        own.text,
        own.location,
        null,
        by,
        from,
        from,
        null,
        null,
        null,
      );
      rows++;
    }
  }
  return rows;
};
