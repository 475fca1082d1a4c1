// Scale data for "Mijn berichten": a few threads per client per month, 1–4 messages each, between the client, his
// contacts and (sometimes) the care team. Only the last month's messages are unread for their recipients; older
// ones are read (which in this schema means: no unread row), so the panels show realistic counts.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/open.ts';
import type { ScaleClient, ScaleSeeder, ScaleWorld } from './types.ts';

const SOURCE = 'scale-ehr';
const DAY = 86_400_000;

const SUBJECTS = [
  'Boodschappen',
  'Bezoek zondag',
  'Verjaardag',
  'Dokter',
  'Kleding',
  'Wandelen',
  'Bijzonderheden',
  'Koffie drinken',
  'Kapper',
  'Vakantie',
  'Telefoon',
  'Medicijnen',
] as const;

const OPENINGS = [
  'Hoi,\nIk kom zaterdag rond 11 uur langs.',
  'Wil je de volgende keer koffie en beschuit meenemen?',
  'Heb je zin om zondag samen te wandelen?',
  'De kapper komt dinsdag om 10 uur.',
  'Mijn telefoon doet het niet goed. Kun je even kijken?',
  'Ik heb nieuwe pantoffels nodig, maat 39.',
  'Vergeet je niet dat opa jarig is?',
  'Kun je mijn bril meenemen naar de opticien?',
] as const;

const REPLIES = [
  'Doe ik!',
  'Goed, tot dan.',
  'Dank je wel.',
  'Dat is prima.',
  'Ik neem het mee.',
  'Fijn, tot zondag.',
  'Dat lukt helaas niet, volgende week wel.',
] as const;

const CARE_TEXTS = [
  'Goedemiddag,\nHet gaat goed met mevrouw. Ze heeft vandaag buiten gewandeld.',
  'De wond heeft zich goed hersteld.',
  'Het zorgplan is besproken. U kunt het bekijken bij Mijn dossier.',
  'Wilt u de volgende keer de medicijnlijst meenemen?',
] as const;

interface Statements {
  thread: Statement<unknown[]>;
  participant: Statement<unknown[]>;
  message: Statement<unknown[]>;
  unread: Statement<unknown[]>;
  touch: Statement<unknown[]>;
}

// Prepared once per database: the driver calls the seeder once per client, thousands of times.
const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      thread: db.prepare(
        `INSERT INTO message_threads (client_id, subject, created_by_user_id, created_by_care_name, created_at,
           last_message_at, to_care_team, source, external_id, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      participant: db.prepare(`INSERT OR IGNORE INTO message_participants (thread_id, user_id) VALUES (?, ?)`),
      message: db.prepare(
        `INSERT INTO messages (thread_id, client_id, author_user_id, author_care_name, body, sent_at, to_care_team,
           sent_to_ehr_at, source, external_id, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      unread: db.prepare(
        `INSERT OR IGNORE INTO message_unread (user_id, message_id, thread_id, client_id) VALUES (?, ?, ?, ?)`,
      ),
      touch: db.prepare(`UPDATE message_threads SET last_message_at = ? WHERE id = ?`),
    };
    cache.set(db, s);
  }
  return s;
}

function pick<T>(rng: () => number, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!;
}

export const seedMessages: ScaleSeeder = (w: ScaleWorld, c: ScaleClient): number => {
  const s = statements(w.db);
  const people = [c.clientUserId, ...c.contactUserIds];
  const staff = w.staff.length > 0 ? w.staff : [{ id: 0, name: 'Zorgteam' }];
  const recentFrom = w.now.getTime() - 30 * DAY;
  let rows = 0;
  let seq = 0;
  for (let month = new Date(w.from.getTime()); month < w.now; month = new Date(month.getTime() + 30 * DAY)) {
    const threads = 1 + Math.floor(w.rng() * 3);
    for (let t = 0; t < threads; t++) {
      let at = month.getTime() + Math.floor(w.rng() * 28 * DAY);
      if (at >= w.now.getTime()) continue;
      seq++;
      // About one thread in four involves the care team; a third of those start in the EHR.
      const others = people.length > 1 ? people.slice(1).filter(() => w.rng() < 0.7) : [];
      if (others.length === 0 && people.length > 1) others.push(pick(w.rng, people.slice(1)));
      // Without anyone else in the network, the only one to write to is the care team.
      const careTeam = others.length === 0 || w.rng() < 0.25;
      const careStarts = careTeam && w.rng() < 0.33;
      const carer = pick(w.rng, staff).name;
      const participants = [c.clientUserId, ...others];
      const starter = careStarts ? null : pick(w.rng, participants);
      const iso = new Date(at).toISOString();
      const ext = `${c.clientId}-${seq}`;
      const threadId = Number(
        s.thread.run(
          c.clientId,
          pick(w.rng, SUBJECTS),
          starter,
          starter === null ? carer : null,
          iso,
          iso,
          careTeam ? 1 : 0,
          starter === null ? SOURCE : null,
          starter === null ? `thread-${ext}` : null,
          starter === null ? iso : null,
        ).lastInsertRowid,
      );
      rows++;
      for (const u of participants) s.participant.run(threadId, u);
      rows += participants.length;
      const count = 1 + Math.floor(w.rng() * 4);
      let lastSent = '';
      for (let n = 0; n < count; n++) {
        const fromCare = n === 0 ? starter === null : careTeam && w.rng() < 0.4;
        const author = fromCare ? null : n === 0 ? starter : pick(w.rng, participants);
        const text = fromCare ? pick(w.rng, CARE_TEXTS) : n === 0 ? pick(w.rng, OPENINGS) : pick(w.rng, REPLIES);
        const sent = new Date(at).toISOString();
        const toCare = careTeam && !fromCare;
        const messageId = Number(
          s.message.run(
            threadId,
            c.clientId,
            author,
            fromCare ? carer : null,
            text,
            sent,
            toCare ? 1 : 0,
            toCare ? sent : null,
            fromCare ? SOURCE : null,
            fromCare ? `message-${ext}-${n}` : null,
            fromCare ? sent : null,
          ).lastInsertRowid,
        );
        rows++;
        if (at >= recentFrom) {
          for (const u of participants) {
            if (u === author) continue;
            s.unread.run(u, messageId, threadId, c.clientId);
            rows++;
          }
        }
        lastSent = sent;
        at = Math.min(at + Math.floor(w.rng() * 2 * DAY) + 600_000, w.now.getTime());
      }
      s.touch.run(lastSent, threadId);
    }
  }
  return rows;
};
