// The world the message integration tests share: Truus (client) with Annie and Kees (contacts with the Berichten
// right) and Maria (another client: a stranger to Truus's data), each signed in with his own browser.
import { setRights } from '../../server/db/repos/memberships.ts';
import { insertMessage, insertThread } from '../../server/db/repos/messages.ts';
import { createContactAccount } from '../../server/accounts/create-account.ts';
import { createAnnie, signIn, startTestPortal, GOOD_PASSWORD, type TestPortal } from '../helpers/portal.ts';
import type { HttpClient } from '../helpers/http-client.ts';
import type { Rights } from '../../shared/sections.ts';

export interface MessagesWorld {
  tp: TestPortal;
  truus: { userId: number; clientId: number; c: HttpClient };
  annie: { userId: number; c: HttpClient };
  kees: { userId: number; c: HttpClient };
  maria: { userId: number; clientId: number; c: HttpClient };
}

export async function messagesWorld(env: Record<string, string> = {}): Promise<MessagesWorld> {
  const tp = await startTestPortal(env);
  const t = await tp.createUser({ name: 'Truus van Dorp', username: 'truus', mobile: '0612345678' });
  const m = await tp.createUser({ name: 'Maria de Bruin', username: 'maria', mobile: '0611111111' });
  const annieId = await createAnnie(tp, t.clientId);
  const { userId: keesId } = await createContactAccount(
    tp.portal.deps,
    {
      name: 'Kees van Dorp',
      username: 'kees',
      email: 'kees@example.nl',
      mobile: '0611223344',
      clientId: t.clientId,
      relation: 'Zoon',
    },
    GOOD_PASSWORD,
    { mustChangePassword: false },
  );
  setRights(tp.portal.db, t.clientId, keesId, { messages: true });
  setRights(tp.portal.db, t.clientId, annieId, { messages: true });
  const browser = async (username: string, mobile: string) => {
    const c = tp.client();
    await signIn(tp, c, { username, password: GOOD_PASSWORD, mobile });
    return c;
  };
  return {
    tp,
    truus: { userId: t.userId, clientId: t.clientId, c: await browser('truus', '+31612345678') },
    annie: { userId: annieId, c: await browser('annie', '+31687654321') },
    kees: { userId: keesId, c: await browser('kees', '+31611223344') },
    maria: { userId: m.userId, clientId: m.clientId, c: await browser('maria', '+31611111111') },
  };
}

export function onlyRights(w: MessagesWorld, userId: number, on: Array<keyof Rights>): void {
  const all: Array<keyof Rights> = ['messages', 'appointments', 'dossier', 'data', 'settings'];
  setRights(w.tp.portal.db, w.truus.clientId, userId, Object.fromEntries(all.map((s) => [s, on.includes(s)])));
}

/** A thread straight in the database: `from` writes to `to`. */
export function thread(w: MessagesWorld, from: number, to: number[], text = 'Hallo'): number {
  const db = w.tp.portal.db;
  const at = w.tp.clock.now().toISOString();
  return db.transaction(() => {
    const id = insertThread(db, {
      clientId: w.truus.clientId,
      subject: 'Onderwerp',
      createdByUserId: from,
      createdByCareName: null,
      toCareTeam: false,
      at,
      participantIds: [from, ...to],
    });
    insertMessage(db, {
      threadId: id,
      clientId: w.truus.clientId,
      authorUserId: from,
      authorCareName: null,
      body: text,
      sentAt: at,
      toCareTeam: false,
    });
    return id;
  })();
}

export const msgPath = (clientId: number | string, rest = '') => `/clients/${clientId}/messages${rest}`;
