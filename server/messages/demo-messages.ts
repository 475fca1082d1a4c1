// The demo's "Mijn berichten": a few threads between Truus van Dorp, Annie van Dorp and the care team (Maria de
// Bruin, EVV'er), in plain Dutch, plus Kees van Dorp (her son) who holds the Berichten right, so a new message can
// go to two people. Times are relative to the clock, so the demo always looks recent.
import { createContactAccount } from '../accounts/create-account.ts';
import { findUserByUsername } from '../db/repos/users.ts';
import { findClientByUserId } from '../db/repos/clients.ts';
import { setRights } from '../db/repos/memberships.ts';
import { countThreads, insertMessage, insertThread, markSentToEhr, markThreadRead } from '../db/repos/messages.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/open.ts';
import type { PasswordHasher } from '../auth/passwords.ts';

export const DEMO_EHR = 'demo-ehr';
export const KEES_LOGIN = { username: 'kees', password: 'Windmolen-Kees-1975' } as const;

const HOUR = 3_600_000;

interface DemoMessage {
  /** A username, or null for Maria de Bruin of the care team. */
  from: string | null;
  hoursAgo: number;
  text: string;
}

interface DemoThread {
  subject: string;
  /** Usernames taking part (the author included). */
  people: string[];
  careTeam: boolean;
  messages: DemoMessage[];
  /** Usernames who have read everything already. */
  readBy: string[];
}

const THREADS: DemoThread[] = [
  {
    subject: 'Boodschappen',
    people: ['truus', 'annie'],
    careTeam: false,
    messages: [
      { from: 'truus', hoursAgo: 75, text: 'Hoi Annie,\nWil je zaterdag koffie en beschuit meenemen?\nGroetjes, mama' },
      { from: 'annie', hoursAgo: 73, text: 'Doe ik, mam. Ik kom rond 11 uur.' },
    ],
    readBy: ['truus', 'annie'],
  },
  {
    subject: 'De wond',
    people: ['truus', 'annie'],
    careTeam: true,
    messages: [
      {
        from: null,
        hoursAgo: 50,
        text: 'Goedemiddag mevrouw Van Dorp,\nDe wond heeft zich goed hersteld. Het verband mag eraf.\nMet vriendelijke groet, Maria de Bruin',
      },
      { from: 'truus', hoursAgo: 48, text: 'Dank u wel, Maria. Fijn om te horen!' },
    ],
    readBy: ['truus'],
  },
  {
    subject: 'Dochter komt eten',
    people: ['annie', 'truus'],
    careTeam: false,
    messages: [{ from: 'annie', hoursAgo: 3, text: 'Ik kom morgen om 18:00 uur eten.\nZal ik soep meenemen?' }],
    readBy: [],
  },
];

/** Creates Kees when missing (returns ['kees'] then) and the demo threads while the client has none. */
export async function seedDemoMessages(deps: { db: Db; clock: Clock; hasher: PasswordHasher }): Promise<string[]> {
  const truus = findUserByUsername(deps.db, 'truus');
  const client = truus ? findClientByUserId(deps.db, truus.id) : null;
  if (!truus || !client) return [];
  const created: string[] = [];
  if (!findUserByUsername(deps.db, KEES_LOGIN.username)) {
    const { userId } = await createContactAccount(
      deps,
      {
        name: 'Kees van Dorp',
        username: KEES_LOGIN.username,
        email: 'kees@example.nl',
        mobile: '06 11223344',
        clientId: client.id,
        relation: 'Zoon',
      },
      KEES_LOGIN.password,
      { mustChangePassword: false },
    );
    setRights(deps.db, client.id, userId, { messages: true });
    created.push(KEES_LOGIN.username);
  }
  const now = deps.clock.now().getTime();
  const nowIso = new Date(now).toISOString();
  const idOf = (username: string) => findUserByUsername(deps.db, username)?.id;
  deps.db.transaction(() => {
    if (countThreads(deps.db, client.id) > 0) return;
    THREADS.forEach((t, i) => {
      const people = t.people.map(idOf).filter((id): id is number => id !== undefined);
      const first = t.messages[0]!;
      const at = (m: DemoMessage) => new Date(now - m.hoursAgo * HOUR).toISOString();
      // EHR rows were synced at the last sync: now.
      const ehr = (n: number) => ({ source: DEMO_EHR, externalId: `bericht-${client.id}-${i}-${n}`, syncedAt: nowIso });
      const threadId = insertThread(deps.db, {
        clientId: client.id,
        subject: t.subject,
        createdByUserId: first.from ? (idOf(first.from) ?? null) : null,
        createdByCareName: first.from ? null : 'Maria de Bruin',
        toCareTeam: t.careTeam,
        at: at(first),
        participantIds: people,
        source: first.from ? null : ehr(0),
      });
      t.messages.forEach((m, n) => {
        const id = insertMessage(deps.db, {
          threadId,
          clientId: client.id,
          authorUserId: m.from ? (idOf(m.from) ?? null) : null,
          authorCareName: m.from ? null : 'Maria de Bruin',
          body: m.text,
          sentAt: at(m),
          toCareTeam: t.careTeam && m.from !== null,
          source: m.from ? null : ehr(n + 1),
        });
        // The demo's nightly sync has run: what Truus wrote to the care team has been delivered.
        if (t.careTeam && m.from !== null) markSentToEhr(deps.db, id, nowIso);
      });
      for (const u of t.readBy) {
        const id = idOf(u);
        if (id !== undefined) markThreadRead(deps.db, id, threadId);
      }
    });
  })();
  return created;
}
