// Scale data for "Mijn gegevens": per client the EHR personal data, 2–4 contacts, and a few prikbord posts per
// month (by the client or a contact) with reactions. No photos: they would only make the database big.
import type Database from 'better-sqlite3';
import type { Db } from '../../db/open.ts';
import type { ScaleClient, ScaleSeeder, ScaleWorld } from './types.ts';

const SOURCE = 'scale-ehr';
const DAY = 86_400_000;

const STREETS = ['Dorpsstraat', 'Kerkstraat', 'Molenweg', 'Lindelaan', 'Stationsweg', 'Beukenlaan', 'Schoolstraat'];
const CITIES: Array<[string, string]> = [
  ['3811', 'Amersfoort'],
  ['4331', 'Middelburg'],
  ['1211', 'Hilversum'],
  ['6711', 'Ede'],
  ['3511', 'Utrecht'],
];
const LOCATIONS = ['De Zonnebloem', 'Het Anker', 'Ter Reede', 'De Lindehof', 'Thuiszorg wijkteam Noord'];
const WARDS = ['Afdeling 1', 'Afdeling 2', 'Lindehof', 'Kastanjehof', null];
const FIRST = ['Annie', 'Kees', 'Ellen', 'Jan', 'Marieke', 'Peter', 'Sandra', 'Henk', 'Ingrid', 'Bas', 'Émile'];
const LAST = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'Bos', 'Dekker'];
const RELATIONS = ['Dochter', 'Zoon', 'Eerste relatie/contactpersoon', 'Buurvrouw', 'Huisarts', 'Kleinzoon'];
const POSTS = [
  'Vandaag lekker gewandeld in het park.',
  'Zondag komen de kleinkinderen op bezoek.',
  'Wat een mooi weer vandaag! Even op het bankje in de tuin gezeten.',
  'Ik heb vanmiddag meegedaan met het bingo-uurtje.',
  'Morgen ga ik naar de kapper.',
  'Dank jullie wel voor de mooie bloemen!',
  'Vanavond is er een muziekavond beneden. Wie gaat er mee?',
  'Ik voel me vandaag wat moe, maar het gaat goed.',
  'Volgende week ben ik met vakantie, ik bel daarna weer.',
  'Heeft iemand mijn leesbril gezien? Ik denk dat hij in de auto ligt.',
];
const REACTIONS = ['Wat fijn!', 'Leuk om te horen.', 'Gezellig!', 'Sterkte, tot snel.', 'Ik kom ook!', 'Mooi zo.'];
const MOODS = ['happy', 'okay', 'sad', 'tired', null, null] as const;

interface Statements {
  details: Database.Statement<unknown[]>;
  contact: Database.Statement<unknown[]>;
  post: Database.Statement<unknown[]>;
  reaction: Database.Statement<unknown[]>;
}
const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      details: db.prepare(
        `INSERT OR REPLACE INTO client_details (client_id, full_name, birth_date, address, postal_code, city, phone,
           client_number, location, ward, source, external_id, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      contact: db.prepare(
        `INSERT OR REPLACE INTO client_contacts (client_id, name, relation, phone, email, source, external_id, synced_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      post: db.prepare(
        `INSERT INTO board_posts (client_id, author_user_id, text, mood, created_at) VALUES (?, ?, ?, ?, ?)`,
      ),
      reaction: db.prepare(
        `INSERT INTO board_reactions (post_id, author_user_id, text, created_at) VALUES (?, ?, ?, ?)`,
      ),
    };
    cache.set(db, s);
  }
  return s;
}

const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const digits = (rng: () => number, n: number) => Array.from({ length: n }, () => Math.floor(rng() * 10)).join('');

export const seedDetails: ScaleSeeder = (w: ScaleWorld, c: ScaleClient): number => {
  const s = statements(w.db);
  const rng = w.rng;
  const synced = w.now.toISOString();
  const [postal, city] = pick(rng, CITIES);
  const year = 1930 + Math.floor(rng() * 30);
  const birth = `${year}-${String(1 + Math.floor(rng() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}`;
  s.details.run(
    c.clientId,
    c.clientName,
    birth,
    `${pick(rng, STREETS)} ${1 + Math.floor(rng() * 120)}`,
    `${postal} ${String.fromCharCode(65 + Math.floor(rng() * 26))}${String.fromCharCode(65 + Math.floor(rng() * 26))}`,
    city,
    `0${digits(rng, 2)}-${digits(rng, 7)}`,
    String(100000 + c.clientId),
    pick(rng, LOCATIONS),
    pick(rng, WARDS),
    SOURCE,
    `client-${c.clientId}`,
    synced,
  );
  let rows = 1;
  const contacts = 2 + Math.floor(rng() * 3);
  for (let i = 0; i < contacts; i++) {
    const first = pick(rng, FIRST);
    const last = pick(rng, LAST);
    const email = rng() < 0.6 ? `${first.toLowerCase()}.${last.replace(/\s/g, '').toLowerCase()}@example.nl` : null;
    s.contact.run(
      c.clientId,
      `${first} ${last}`,
      pick(rng, RELATIONS),
      `06-${digits(rng, 8)}`,
      email,
      SOURCE,
      `client-${c.clientId}-contact-${i}`,
      synced,
    );
    rows++;
  }
  const authors = [c.clientUserId, ...c.contactUserIds];
  const end = w.now.getTime();
  // About three posts a month, at random moments during the day, in time order (ids grow with time).
  for (let t = w.from.getTime() + rng() * 10 * DAY; t < end; t += (4 + rng() * 16) * DAY) {
    const author = pick(rng, authors);
    const at = new Date(t);
    const mood = author === c.clientUserId ? pick(rng, MOODS) : null;
    const postId = Number(s.post.run(c.clientId, author, pick(rng, POSTS), mood, at.toISOString()).lastInsertRowid);
    rows++;
    const reactions = Math.floor(rng() * 3);
    for (let r = 0; r < reactions; r++) {
      const when = new Date(Math.min(end, t + (r + 1) * rng() * DAY)).toISOString();
      s.reaction.run(postId, pick(rng, authors), pick(rng, REACTIONS), when);
      rows++;
    }
  }
  return rows;
};
