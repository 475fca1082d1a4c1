// Bulk dossier for `demo:seed --clients N --years Y`: about one report per client per day, a form every few weeks,
// a notice with every plan change, and monthly care plan versions (the newest current, the rest expired).
// This is the biggest table (≈1.8 M rows for 1 000 clients × 5 years), so the loop reuses one prepared statement
// per table and builds no objects per row beyond the strings SQLite needs.
import type { Db } from '../../db/open.ts';
import type { Statement } from 'better-sqlite3';
import type { ScaleClient, ScaleSeeder, ScaleWorld } from './types.ts';

export const SCALE_EHR = 'scale-ehr';
const DAY_MS = 86_400_000;

const OPENINGS = [
  'Mevrouw heeft goed geslapen.',
  'Mevrouw was vanochtend wat onrustig.',
  'Meneer heeft met smaak ontbeten.',
  'Cliënt was vandaag vrolijk en spraakzaam.',
  'Cliënt had weinig trek bij de lunch.',
  'Cliënt heeft vanmiddag gerust op de kamer.',
  'Er was bezoek van de familie.',
  'Cliënt heeft meegedaan aan de activiteit in de huiskamer.',
];
const MIDDLES = [
  'De medicatie is op tijd ingenomen.',
  'Samen een korte wandeling gemaakt in de tuin.',
  'Het verband is verschoond, de wond ziet er rustig uit.',
  'Cliënt drinkt voldoende.',
  'Geholpen bij het douchen en aankleden.',
  'Oefeningen voor balans gedaan met de fysiotherapeut.',
  'Cliënt gaf aan wat pijn in de rug te hebben; paracetamol gegeven.',
];
const ENDINGS = [
  'Geen bijzonderheden.',
  'We houden dit in de gaten.',
  'Besproken met de EVV’er.',
  'Familie is op de hoogte gebracht.',
  'Morgen verder met het plan.',
];
const TITLES = ['Dagrapportage', 'Dagrapportage', 'Dagrapportage', 'Bijzonderheden', 'Wondzorg', 'Eten en drinken'];
const DISCIPLINES = ["EVV'er", 'Verzorgende IG', 'Fysiotherapeut', 'Ergotherapeut', 'Activiteitenbegeleider'];
const FORM_FIELDS = JSON.stringify([
  { label: 'Afspraak', value: 'Cliënt meldt zich bij de zusterpost als hij zich niet goed voelt.' },
  { label: 'Met wie', value: 'Cliënt en de persoonlijk begeleider' },
  { label: 'Evaluatie', value: 'Gaat goed.' },
]);

interface Stmts {
  item: Statement;
  plan: Statement;
}
const cache = new WeakMap<Db, Stmts>();

function stmts(db: Db): Stmts {
  let s = cache.get(db);
  if (!s) {
    s = {
      item: db.prepare(
        `INSERT INTO dossier_items (client_id, kind, occurred_at, title, body, fields, author_name, discipline,
           source, external_id, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '${SCALE_EHR}', ?, ?)`,
      ),
      plan: db.prepare(
        `INSERT INTO care_plans (client_id, title, version, valid_from, valid_to, content, source, external_id,
           synced_at) VALUES (?, 'Zorgleefplan', ?, ?, ?, ?, '${SCALE_EHR}', ?, ?)`,
      ),
    };
    cache.set(db, s);
  }
  return s;
}

const pick = <T>(rng: () => number, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

function planContent(version: number, evaluatedOn: string): string {
  return JSON.stringify({
    mainGoals: ['Cliënt blijft zo zelfstandig mogelijk.', `Cliënt houdt contact met familie (versie ${version}).`],
    workPlans: [
      { discipline: "EVV'er", goals: ['Cliënt voelt zich thuis.'], actions: ['Maandelijks een evaluatiegesprek.'] },
      {
        discipline: 'Verzorgende IG',
        goals: ['Goede persoonlijke verzorging.'],
        actions: ['Dagelijks helpen bij het douchen.'],
      },
    ],
    evaluations: [{ date: evaluatedOn, text: 'Plan besproken met cliënt en familie; doelen blijven gelijk.' }],
  });
}

export const seedDossier: ScaleSeeder = (w: ScaleWorld, c: ScaleClient): number => {
  const { item, plan } = stmts(w.db);
  const staff = w.staff.length > 0 ? w.staff : [{ id: 0, name: 'Maria de Bruin' }];
  // Days from UTC midnight, so reports fall in the Dutch daytime (07:00–19:00 UTC is 08:00–21:00 in Amsterdam).
  const start = Math.floor(w.from.getTime() / DAY_MS) * DAY_MS;
  const end = w.now.getTime();
  const prefix = `c${c.clientId}-`;
  let rows = 0;
  let n = 0;
  // Daily: one report in the day, synced within the hour; a form about every three weeks.
  for (let t = start; t < end; t += DAY_MS) {
    const occurred = t + 7 * 3_600_000 + Math.floor(w.rng() * 12 * 3_600_000);
    if (occurred >= end) break;
    const at = new Date(occurred).toISOString();
    const synced = new Date(Math.min(occurred + 3_600_000, end)).toISOString();
    const who = pick(w.rng, staff);
    const body = `${pick(w.rng, OPENINGS)} ${pick(w.rng, MIDDLES)} ${pick(w.rng, ENDINGS)}`;
    item.run(
      c.clientId,
      'report',
      at,
      pick(w.rng, TITLES),
      body,
      null,
      who.name,
      pick(w.rng, DISCIPLINES),
      `${prefix}r${n++}`,
      synced,
    );
    rows++;
    if (w.rng() < 0.05) {
      item.run(
        c.clientId,
        'form',
        at,
        'Afspraak = afspraak',
        '',
        FORM_FIELDS,
        who.name,
        "EVV'er",
        `${prefix}f${n++}`,
        synced,
      );
      rows++;
    }
  }
  // Monthly plan versions: each valid until the next; the newest open-ended (current). A notice marks each change.
  let version = 0;
  for (let t = w.from.getTime(); t < end; t += 30 * DAY_MS) {
    version++;
    const from = new Date(t).toISOString();
    const next = t + 30 * DAY_MS;
    const to = next < end ? new Date(next).toISOString() : null;
    plan.run(c.clientId, version, from, to, planContent(version, from.slice(0, 10)), `${prefix}plan`, from);
    item.run(
      c.clientId,
      'notice',
      from,
      'Plan is gewijzigd',
      'Het zorgleefplan is gewijzigd.',
      null,
      null,
      null,
      `${prefix}n${version}`,
      from,
    );
    rows += 2;
  }
  return rows;
};
